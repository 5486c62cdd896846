from django.contrib import admin
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from corridor.security.throttling import rate_limited


class CorridorAdminSite(admin.AdminSite):
    site_header = _("Tech Corridor — administration")
    site_title = _("Tech Corridor")
    index_title = _("Bulk fixes for Board staff")

    def has_permission(self, request):
        """Staff flag alone is not enough: the admin is for the Board."""
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_board)

    @method_decorator(rate_limited("login"))
    def login(self, request, extra_context=None):
        """Django's admin login, under the portal login's rate limit: one count
        per client IP for both forms, so neither is a way around the other."""
        return super().login(request, extra_context)
