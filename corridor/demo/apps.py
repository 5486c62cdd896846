from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """An app for its management commands ``load_demo`` and ``load_synthetic``."""

    name = "corridor.demo"
    label = "demo"
    verbose_name = _("Demo data")
