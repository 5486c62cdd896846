from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "corridor.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.backends.signals import connection_created

        from corridor.timestamps import use_compiled_loader
        from interventions import sections

        from .related import related

        connection_created.connect(use_compiled_loader, dispatch_uid="corridor-timestamps")
        # The portal reads across the apps: it draws what an intervention's
        # page shows of the use cases and coalitions.
        sections.provide(sections.RELATED, related)
