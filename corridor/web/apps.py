from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """An app only so that its template tag library is found."""

    name = "corridor.web"
    label = "web"
    verbose_name = _("Web helpers")
