from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "organisation",
        "roles",
        "is_active",
    ]
    list_filter = ["groups", "is_active", "is_staff", "language", "digest_frequency"]
    search_fields = ["username", "email", "first_name", "last_name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Tech Corridor"), {"fields": ["organisation", "language", "digest_frequency"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all()) or "—"
