from django import forms
from django.contrib import admin
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Assessment
from .models import Attachment
from .models import CriterionWeights
from .models import StatusChange
from .models import UseCase
from .resources import UseCaseImportMixin
from .services import MOVES
from .services import delete_assessments
from .services import save_assessment
from .services import save_criterion_weights
from .services import transition_use_case


class TransitionReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)


def make_transition_action(target: str):
    """An admin action that moves the selected use cases to ``target`` through
    the workflow service, asking for a reason first."""
    label = UseCase.Status(target).label

    def action(modeladmin, request, queryset):
        if "apply" in request.POST:
            form = TransitionReasonForm(request.POST)
            if form.is_valid():
                moved = 0
                for use_case in queryset:
                    try:
                        transition_use_case(
                            use_case=use_case,
                            to=target,
                            actor=request.user,
                            reason=form.cleaned_data["reason"],
                        )
                        moved += 1
                    except (ValidationError, PermissionDenied) as exc:
                        detail = "; ".join(getattr(exc, "messages", [str(exc)]))
                        modeladmin.message_user(
                            request, f"{use_case}: {detail}", level=messages.ERROR
                        )
                if moved:
                    modeladmin.message_user(
                        request,
                        _("%(count)d use case(s) moved to “%(status)s”.")
                        % {"count": moved, "status": label},
                        level=messages.SUCCESS,
                    )
                return None
        else:
            form = TransitionReasonForm()
        return TemplateResponse(
            request,
            "admin/usecases/transition.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": _("Move to “%(status)s”") % {"status": label},
                "form": form,
                "queryset": queryset,
                "action_name": f"move_to_{target}",
                "opts": modeladmin.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    action.__name__ = f"move_to_{target}"
    return admin.action(description=_("Move to “%(status)s”…") % {"status": label})(action)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["created", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "created"]
    fields = [*readonly_fields, "is_public"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(UseCase)
class UseCaseAdmin(UseCaseImportMixin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "intervention", "status", "submitted_at", "updated"]
    list_filter = ["status", "intervention"]
    search_fields = ["title", "summary", "organisation__name"]
    autocomplete_fields = [
        "intervention",
        "action_line",
        "coalition",
        "organisation",
        "submitted_by",
        "partners",
    ]
    readonly_fields = ["status", "submitted_at", "decision_rationale", "created", "updated"]
    list_select_related = ["organisation", "intervention"]
    date_hierarchy = "created"
    inlines = [StatusChangeInline, AttachmentInline]
    actions = [make_transition_action(target) for target in dict.fromkeys(m.target for m in MOVES)]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["use_case", "from_status", "to_status", "actor", "created"]
    list_filter = ["to_status"]
    search_fields = ["use_case__title", "reason"]
    list_select_related = ["use_case", "actor"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = [
        "use_case",
        "reviewer",
        "complementarity",
        "existing_strengths",
        "feasibility",
        "scalability",
        "recommendation",
        "created",
    ]
    list_filter = ["recommendation"]
    search_fields = ["use_case__title", "reviewer__username", "rationale"]
    autocomplete_fields = ["use_case", "reviewer"]
    list_select_related = ["use_case", "reviewer"]

    # The review summaries follow the assessments through the services.
    def save_model(self, request, obj, form, change):
        save_assessment(assessment=obj, actor=request.user)

    def delete_model(self, request, obj):
        delete_assessments(assessments=[obj], actor=request.user)

    def delete_queryset(self, request, queryset):
        delete_assessments(assessments=queryset, actor=request.user)


@admin.register(CriterionWeights)
class CriterionWeightsAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "complementarity",
        "existing_strengths",
        "feasibility",
        "scalability",
    ]

    def has_add_permission(self, request):
        return not CriterionWeights.objects.exists()

    def save_model(self, request, obj, form, change):
        save_criterion_weights(weights=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = [
        "original_name",
        "use_case",
        "is_public",
        "content_type",
        "size",
        "uploaded_by",
        "created",
    ]
    list_filter = ["is_public"]
    search_fields = ["original_name", "use_case__title"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by", "created"]
    autocomplete_fields = ["use_case"]
    list_select_related = ["use_case", "uploaded_by"]
