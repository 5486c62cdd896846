from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "corridor.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.backends.signals import connection_created

        from corridor.timestamps import use_compiled_loader

        connection_created.connect(use_compiled_loader, dispatch_uid="corridor-timestamps")
