"""Action line pages: detail, create, edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.web.access import board_required
from corridor.web.editing import VersionedEditView
from corridor.web.editing import add_service_errors

from .. import policies
from .. import sections
from .. import services
from ..forms import ActionLineForm
from ..models import ActionLine
from ..models import Intervention


def action_line_detail(request, pk):
    action_line = get_object_or_404(
        ActionLine.objects.with_progress().select_related(
            "intervention", "lead_organisation", "responsible"
        ),
        pk=pk,
    )
    milestones = list(action_line.milestones.with_overdue().order_by("due_date", "id"))
    can_complete = request.user.is_authenticated and (
        request.user.is_board or request.user.acts_for(action_line.lead_organisation_id)
    )
    use_cases = (
        action_line.use_cases.visible_to(request.user)
        .select_related("organisation")
        .order_by("title")
    )
    return render(
        request,
        "interventions/action_line_detail.html",
        {
            "action_line": action_line,
            "intervention": action_line.intervention,
            "milestones": milestones,
            "can_complete": can_complete,
            "use_cases": use_cases,
            "results": sections.render(sections.ACTION_LINE_RESULTS, action_line, request.user),
            "may_propose": policies.can_propose(request.user, action_line.intervention),
            "nav_section": "interventions",
        },
    )


@board_required
def action_line_create(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    form = ActionLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_line = services.create_action_line(
                actor=request.user, intervention=intervention, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action line is added."))
            return redirect(action_line)
    return render(
        request,
        "interventions/action_line_form.html",
        {
            "form": form,
            "intervention": intervention,
            "action_line": None,
            "nav_section": "interventions",
        },
    )


@method_decorator(board_required, name="dispatch")
class ActionLineEdit(VersionedEditView):
    form_class = ActionLineForm
    template_name = "interventions/action_line_form.html"
    success_message = gettext_lazy("The action line is saved.")
    nav_section = "interventions"

    def get_object(self):
        return get_object_or_404(
            ActionLine.objects.select_related("intervention"), pk=self.kwargs["pk"]
        )

    def save(self, current, form):
        return services.update_action_line(
            action_line=current, actor=self.request.user, **form.service_fields()
        )

    def get_context_data(self, action_line):
        return {"intervention": action_line.intervention, "action_line": action_line}
