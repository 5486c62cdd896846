from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class CorridorAdminSite(admin.AdminSite):
    site_header = _("Tech Corridor — administration")
    site_title = _("Tech Corridor")
    index_title = _("Bulk fixes for Board staff")

    def has_permission(self, request):
        """Staff flag alone is not enough: the admin is for the Board."""
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_board)
