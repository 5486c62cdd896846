from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from corridor.security.client_ip import client_ip

from . import tokens
from .models import ApiToken
from .models import ApiTokenEvent
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


class ApiTokenEventInline(admin.TabularInline):
    model = ApiTokenEvent
    fields = ["at", "kind", "actor", "ip_address"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Personal API tokens (only their hashes are stored): who has one, when it
    expires, when it was last used, its audit trail; the Board can revoke."""

    list_display = ["prefix", "user", "name", "created", "expires", "last_used", "revoked"]
    list_filter = [("revoked", admin.EmptyFieldListFilter), "expires"]
    search_fields = ["user__username", "user__email", "prefix", "name"]
    list_select_related = ["user", "use"]
    readonly_fields = ["user", "name", "prefix", "created", "expires", "last_used", "revoked"]
    fields = readonly_fields
    inlines = [ApiTokenEventInline]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked__isnull=True):
            tokens.revoke_token(token, actor=request.user, ip=client_ip(request))
            count += 1
        self.message_user(request, _("%(count)d token(s) revoked.") % {"count": count})


@admin.register(ApiTokenEvent)
class ApiTokenEventAdmin(admin.ModelAdmin):
    """The audit trail of API tokens: made, revoked and used — by whom, when, from where."""

    list_display = ["at", "kind", "prefix", "owner", "actor", "ip_address"]
    list_filter = ["kind", "at"]
    search_fields = ["prefix", "owner__username", "actor__username", "ip_address"]
    list_select_related = ["owner", "actor"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "token", "prefix", "owner", "actor", "ip_address"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
