"""Portal pages of interventions, their agenda, action lines and milestones."""

import difflib
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case
from django.db.models import When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from corridor.caching.kept import kept
from corridor.reversing import url_maker
from corridor.web.access import board_required
from corridor.web.editing import VersionedEditView
from corridor.web.editing import add_service_errors
from corridor.web.markdown import render_markdown
from corridor.web.pages import counted
from corridor.web.pages import more_than
from corridor.web.pages import with_status_labels

from . import sections
from . import services
from .forms import ActionLineForm
from .forms import AgendaForm
from .forms import DiffForm
from .forms import MilestoneForm
from .models import ActionLine
from .models import Intervention
from .models import Milestone
from .timeline import DONE
from .timeline import OVERDUE
from .timeline import MilestoneRow
from .timeline import build_timeline
from .timeline import legend
from .timeline import month_year_formatter
from .timeline import render_svg

KIND_ORDER = [ActionLine.Kind.CONTENT, *ActionLine.PRECONDITIONS]
# At national scale an intervention has over a thousand action lines; its page
# shows the first ones (open lines first, by start) and says how many more
# there are, with a link to the complete list.
PAGE_LINES = 40
CLOSED_LINE_STATUSES = (ActionLine.Status.DONE, ActionLine.Status.CANCELLED)
# What the page's table and timeline read of an action line.
ACTION_LINE_FIELDS = (
    "title",
    "kind",
    "status",
    "lead_organisation",
    "start_date",
    "end_date",
    "baseline_start",
    "baseline_end",
)


def _open_first(lines):
    """Open lines first, then by start."""
    return lines.order_by(
        Case(When(status__in=CLOSED_LINE_STATUSES, then=1), default=0),
        "start_date",
        "id",
    )


def _page_lines(lines):
    """The page's action lines with their lead (name and link only).

    The lines are chosen by their own columns in a subquery, so the lead is
    joined for the forty rows shown, not for every line of the intervention.
    """
    chosen = _open_first(lines).values("pk")[:PAGE_LINES]
    return (
        lines.filter(pk__in=chosen)
        .select_related("lead_organisation")
        .only(*ACTION_LINE_FIELDS, "lead_organisation__name", "lead_organisation__slug")
        .order_by("start_date", "id")
    )


def _timeline_milestones(line_ids) -> list[MilestoneRow]:
    """The milestones the timeline draws, as rows: hundreds on a page."""
    return [
        MilestoneRow(*row)
        for row in Milestone.objects.filter(action_line_id__in=line_ids)
        .order_by("due_date", "id")
        .values_list(*MilestoneRow._fields)
    ]


def _with_milestone_counts(action_lines, timeline):
    """``milestone_count``, ``milestones_done`` and ``overdue_milestones`` on each
    line, counted from the markers its timeline row draws (one rule for both)."""
    for line, row in zip(action_lines, timeline.rows, strict=True):
        states = Counter(milestone.state for milestone in row.milestones)
        line.milestone_count = len(row.milestones)
        line.milestones_done = states[DONE]
        line.overdue_milestones = states[OVERDUE]


def _grouped_by_kind(action_lines):
    labels = dict(ActionLine.Kind.choices)
    groups = []
    for kind in KIND_ORDER:
        lines = [line for line in action_lines if line.kind == kind]
        if lines:
            groups.append({"kind": kind, "label": labels[kind], "lines": lines})
    return groups


def intervention_list(request):
    interventions = Intervention.objects.order_by("number")
    line_counts = Counter(ActionLine.objects.values_list("intervention_id", flat=True).order_by())
    for intervention in interventions:
        intervention.action_line_count = line_counts.get(intervention.pk, 0)
    return render(
        request,
        "interventions/intervention_list.html",
        {"interventions": interventions, "nav_section": "interventions"},
    )


def _build_plan(intervention) -> dict:
    """The page's timeline and its tables of action lines, rendered."""
    lines = ActionLine.objects.filter(intervention=intervention)
    action_lines = list(_page_lines(lines))
    with_status_labels(action_lines, ActionLine.Status.choices)
    # Over a hundred links on the page: each route is reversed once.
    line_url = url_maker("interventions:action-line-detail", "pk")
    organisation_url = url_maker("coalitions:organisation-detail", "slug")
    month_year = month_year_formatter()
    for line in action_lines:
        # Read by the table and the timeline; one URL and period per line.
        line.url = line_url(line.pk)
        line.period = f"{month_year(line.start_date)} – {month_year(line.end_date)}"
        lead = line.lead_organisation
        line.lead_url = organisation_url(lead.slug) if lead else ""
    timeline = build_timeline(
        action_lines, milestones=_timeline_milestones([line.pk for line in action_lines])
    )
    _with_milestone_counts(action_lines, timeline)
    overdue_text = counted("%(counter)s overdue", "%(counter)s overdue")
    late_text = counted("%(counter)s day late", "%(counter)s days late")
    for line in action_lines:
        line.overdue_text = overdue_text(line.overdue_milestones)
        line.late_text = late_text(line.slipped_days)
    (more_lines,) = more_than((action_lines, lines, PAGE_LINES))
    context = {
        "intervention": intervention,
        "groups": _grouped_by_kind(action_lines),
        "timeline": timeline,
        "timeline_svg": render_svg(
            timeline, title=_("Timeline of %(title)s") % {"title": intervention.title}
        ),
        "legend": legend(),
        "more_lines": more_lines,
        "line_total": len(action_lines) + more_lines,
    }
    return {
        "agenda": render_markdown(intervention.agenda),
        "timeline": render_to_string("interventions/_plan_timeline.html", context),
        "lines": render_to_string("interventions/_plan_lines.html", context),
        "more_lines": more_lines,
        "line_total": context["line_total"],
    }


def _plan(intervention) -> dict:
    """The agenda, the timeline and the action lines, the largest part of the
    page and the same for every reader: kept (``corridor.caching``) per day (the markers'
    states and the today line move with it) and language, until the data
    changes."""
    return kept(
        "intervention-plan",
        lambda: _build_plan(intervention),
        vary=(intervention.pk, timezone.localdate(), get_language()),
    )


def intervention_detail(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    plan = _plan(intervention)
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "plan": plan,
            "related": sections.render(sections.RELATED, intervention, request.user),
            "more_lines": plan["more_lines"],
            "line_total": plan["line_total"],
            "nav_section": "interventions",
        },
    )


@method_decorator(board_required, name="dispatch")
class AgendaEdit(VersionedEditView):
    form_class = AgendaForm
    model_form = False
    template_name = "interventions/agenda_form.html"
    success_message = gettext_lazy("The agenda is saved as a new version.")
    nav_section = "interventions"

    def get_object(self):
        return get_object_or_404(Intervention, slug=self.kwargs["slug"])

    def get_initial(self, intervention):
        return {"agenda": intervention.agenda}

    def save(self, current, form):
        return services.update_agenda(
            intervention=current,
            text=form.cleaned_data["agenda"],
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, intervention):
        return {"intervention": intervention}


@board_required
def agenda_history(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    versions = intervention.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    page = Paginator(versions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/agenda_history.html",
        {"intervention": intervention, "page": page, "nav_section": "interventions"},
    )


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, line)`` pairs from ``old`` to ``new``: op is ``same``, ``added`` or ``removed``."""
    old_lines = (old or "").splitlines()
    new_lines = (new or "").splitlines()
    result = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [("same", line) for line in old_lines[i1:i2]]
            continue
        result += [("removed", line) for line in old_lines[i1:i2]]
        result += [("added", line) for line in new_lines[j1:j2]]
    return result


@board_required
def agenda_diff(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    form = DiffForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two versions to compare."))
        return redirect("interventions:agenda-history", slug=slug)
    history = intervention.history.select_related("history_user")
    try:
        old = history.get(history_id=form.cleaned_data["old"])
        new = history.get(history_id=form.cleaned_data["new"])
    except intervention.history.model.DoesNotExist as exc:
        raise Http404 from exc
    if old.history_date > new.history_date:
        old, new = new, old
    return render(
        request,
        "interventions/agenda_diff.html",
        {
            "intervention": intervention,
            "old": old,
            "new": new,
            "lines": diff_lines(old.agenda, new.agenda),
            "nav_section": "interventions",
        },
    )


@board_required
@require_POST
def agenda_restore(request, slug, history_id):
    intervention = get_object_or_404(Intervention, slug=slug)
    if not intervention.history.filter(history_id=history_id).exists():
        raise Http404
    services.restore_agenda(intervention=intervention, history_id=history_id, actor=request.user)
    messages.success(request, _("The earlier version is restored as the newest version."))
    return redirect("interventions:agenda-history", slug=slug)


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
            "nav_section": "interventions",
        },
    )


def _create_page(request, *, template, form, context):
    return render(request, template, {"form": form, "nav_section": "interventions", **context})


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
    return _create_page(
        request,
        template="interventions/action_line_form.html",
        form=form,
        context={"intervention": intervention, "action_line": None},
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


@board_required
def milestone_create(request, pk):
    action_line = get_object_or_404(ActionLine.objects.select_related("intervention"), pk=pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_milestone(
                actor=request.user, action_line=action_line, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone is added."))
            if "add_another" in request.POST:
                return redirect("interventions:milestone-create", pk=action_line.pk)
            return redirect(action_line)
    return _create_page(
        request,
        template="interventions/milestone_form.html",
        form=form,
        context={
            "intervention": action_line.intervention,
            "action_line": action_line,
            "milestone": None,
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
        return services.update_milestone(
            milestone=current, actor=self.request.user, **form.service_fields()
        )

    def get_success_url(self, milestone):
        return reverse("interventions:action-line-detail", kwargs={"pk": milestone.action_line_id})

    def get_context_data(self, milestone):
        return {
            "intervention": milestone.action_line.intervention,
            "action_line": milestone.action_line,
            "milestone": milestone,
        }


def _milestone_response(request, milestone, *, message):
    """htmx gets the swapped row; a plain form post goes back to the action line."""
    if request.htmx:
        milestone = Milestone.objects.with_overdue().get(pk=milestone.pk)
        return TemplateResponse(
            request,
            "interventions/_milestone_row.html",
            {"milestone": milestone, "can_complete": True, "announce": message},
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
