"""Milestone pages: create and edit, and marking one done or open again (htmx or a plain post)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from corridor.web.access import board_required
from corridor.web.editing import VersionedEditView
from corridor.web.editing import add_service_errors

from .. import services
from ..forms import MilestoneForm
from ..models import ActionLine
from ..models import Milestone


@board_required
def milestone_create(request, pk):
    action_line = get_object_or_404(ActionLine.objects.select_related("intervention"), pk=pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.create_milestone(
                actor=request.user, action_line=action_line, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            if warning := milestone.period_warning():
                messages.warning(request, warning)
            if "add_another" in request.POST:
                return redirect("interventions:milestone-create", pk=action_line.pk)
            return redirect(action_line)
    return render(
        request,
        "interventions/milestone_form.html",
        {
            "form": form,
            "intervention": action_line.intervention,
            "action_line": action_line,
            "milestone": None,
            "nav_section": "interventions",
        },
    )


@method_decorator(board_required, name="dispatch")
class MilestoneEdit(VersionedEditView):
    form_class = MilestoneForm
    template_name = "interventions/milestone_form.html"
    success_message = gettext_lazy("The milestone is saved.")
    nav_section = "interventions"

    def get_object(self):
        return get_object_or_404(
            Milestone.objects.select_related("action_line__intervention"), pk=self.kwargs["pk"]
        )

    def save(self, current, form):
        milestone = services.update_milestone(
            milestone=current, actor=self.request.user, **form.service_fields()
        )
        if warning := milestone.period_warning():
            messages.warning(self.request, warning)
        return milestone

    def get_success_url(self, milestone):
        return reverse("interventions:action-line-detail", kwargs={"pk": milestone.action_line_id})

    def get_context_data(self, milestone):
        return {
            "intervention": milestone.action_line.intervention,
            "action_line": milestone.action_line,
            "milestone": milestone,
        }


def _milestone_response(request, milestone, *, message):
    """htmx gets the swapped row and, out of band, the action line's progress
    it changed; a plain form post goes back to the action line."""
    if request.htmx:
        milestone = Milestone.objects.with_overdue().get(pk=milestone.pk)
        action_line = ActionLine.objects.with_progress().get(pk=milestone.action_line_id)
        return TemplateResponse(
            request,
            "interventions/_milestone_row.html",
            {
                "milestone": milestone,
                "can_complete": True,
                "announce": message,
                "action_line": action_line,
                "progress_oob": True,
            },
        )
    messages.success(request, message)
    return redirect(milestone.action_line)


@login_required
@require_POST
def milestone_complete(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("action_line"), pk=pk)
    if not services.can_complete_milestone(milestone=milestone, user=request.user):
        raise PermissionDenied
    services.complete_milestone(milestone=milestone, actor=request.user)
    return _milestone_response(
        request, milestone, message=_("“%(title)s” is marked done.") % {"title": milestone.title}
    )


@login_required
@require_POST
def milestone_reopen(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("action_line"), pk=pk)
    if not services.can_complete_milestone(milestone=milestone, user=request.user):
        raise PermissionDenied
    services.reopen_milestone(milestone=milestone, actor=request.user)
    return _milestone_response(
        request, milestone, message=_("“%(title)s” is open again.") % {"title": milestone.title}
    )
