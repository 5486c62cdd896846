from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Private calendar feeds: who has one, since when, last read; the Board can revoke."""

    list_display = ["user", "prefix", "created", "last_used", "revoked"]
    list_filter = [("revoked", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__email", "prefix"]
    readonly_fields = ["user", "prefix", "created", "last_used", "revoked"]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected calendar feeds"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked__isnull=True).update(revoked=timezone.now())
        self.message_user(request, _("%(count)d feed(s) revoked.") % {"count": count})
