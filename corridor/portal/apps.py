from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "corridor.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from interventions import sections

        from .related import related

        # The portal reads across the apps: it draws what an intervention's
        # page shows of the use cases and coalitions.
        sections.provide(sections.RELATED, related)
