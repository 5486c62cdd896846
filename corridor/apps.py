from django.contrib.admin.apps import AdminConfig


class CorridorAdminConfig(AdminConfig):
    """The Django admin, open only to active Board staff."""

    default_site = "corridor.admin_site.CorridorAdminSite"
