from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from corridor.writes import save_with_history

from .models import ActionLine
from .models import CoOwnership
from .models import Intervention
from .models import Milestone
from .models import Proposal


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title_nl", "title_en", "slug", "updated"]
    search_fields = ["title_nl", "title_en", "slug", "agenda"]
    prepopulated_fields = {"slug": ["title_en"]}


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["title", "due_date", "completed_on"]


@admin.register(ActionLine)
class ActionLineAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "intervention",
        "kind",
        "status",
        "lead_organisation",
        "start_date",
        "end_date",
        "progress",
    ]
    list_filter = ["intervention", "kind", "status"]
    search_fields = ["title", "description", "lead_organisation__name"]
    autocomplete_fields = ["intervention", "lead_organisation", "responsible"]
    list_select_related = ["intervention", "lead_organisation"]
    date_hierarchy = "start_date"
    inlines = [MilestoneInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    @admin.display(description=_("progress"), ordering="progress")
    def progress(self, obj):
        return "—" if obj.progress is None else f"{obj.progress:.0%}"


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "action_line", "due_date", "completed_on", "overdue"]
    list_filter = ["action_line__intervention", ("completed_on", admin.EmptyFieldListFilter)]
    search_fields = ["title", "action_line__title"]
    autocomplete_fields = ["action_line"]
    list_select_related = ["action_line"]
    date_hierarchy = "due_date"

    @admin.display(boolean=True, description=_("overdue"))
    def overdue(self, obj):
        return obj.is_overdue


@admin.register(CoOwnership)
class CoOwnershipAdmin(SimpleHistoryAdmin):
    list_display = ["intervention", "organisation", "started", "ended"]
    list_filter = ["intervention"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        obj.created_by = obj.created_by or request.user
        save_with_history(obj, actor=request.user)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "intervention", "action_line", "organisation", "status", "created"]
    list_filter = ["status", "intervention"]
    readonly_fields = [
        "intervention",
        "action_line",
        "author",
        "organisation",
        "changes",
        "reason",
        "base_version",
        "status",
        "accepted_version",
    ]

    def has_add_permission(self, request):
        return False
