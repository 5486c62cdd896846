"""Admin: the digest archive, and every delivery and notification with its
state — a failed email is found here, and can be put back in the queue."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import Delivery
from .models import Digest
from .models import Notification


class ReadOnlyMixin:
    """Rows written by the services only; the admin looks and retries.

    The admin site already admits only Board staff; all of them may read here.
    """

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_board

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_board

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryInline(ReadOnlyMixin, admin.TabularInline):
    model = Delivery
    fields = ("email", "organisation", "language", "status", "attempts", "sent_at", "last_error")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Digest)
class DigestAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "frequency",
        "period_start",
        "generated_at",
        "sent_at",
        "deliveries_sent",
        "deliveries_failed",
    )
    list_filter = ("frequency",)
    date_hierarchy = "period_start"
    readonly_fields = (
        "frequency",
        "period_start",
        "period_end",
        "generated_at",
        "sent_at",
        "rendered",
        "text",
    )
    exclude = ("data", "html")
    inlines = [DeliveryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_delivery_counts()

    @admin.display(description=_("sent"), ordering="deliveries_sent")
    def deliveries_sent(self, obj):
        return obj.deliveries_sent

    @admin.display(description=_("failed"), ordering="deliveries_failed")
    def deliveries_failed(self, obj):
        return obj.deliveries_failed

    @admin.display(description=_("digest"))
    def rendered(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Read in the portal"))

    def has_delete_permission(self, request, obj=None):
        return False


class OutgoingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_filter = ("status", "language")
    search_fields = ("email",)
    actions = ["retry"]
    list_select_related = True

    @admin.action(description=_("Try the selected failed emails again"))
    def retry(self, request, queryset):
        count = outbox.retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d email is queued again.", "%(count)d emails are queued again.", count
            )
            % {"count": count},
        )


@admin.register(Delivery)
class DeliveryAdmin(OutgoingAdmin):
    list_display = (
        "email",
        "digest",
        "organisation",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "short_error",
    )
    list_select_related = ("digest", "organisation")

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]


@admin.register(Notification)
class NotificationAdmin(OutgoingAdmin):
    list_display = (
        "email",
        "status_change",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "short_error",
    )
    list_select_related = ("status_change__use_case",)

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]
