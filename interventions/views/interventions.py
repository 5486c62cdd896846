"""The interventions: their list, and each one's page with its plan (agenda,
timeline, action lines)."""

from collections import Counter

from django.db.models import Case
from django.db.models import When
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from corridor.caching.kept import kept
from corridor.reversing import url_maker
from corridor.web.markdown import render_markdown
from corridor.web.pages import counted
from corridor.web.pages import more_than
from corridor.web.pages import with_status_labels

from .. import policies
from .. import sections
from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone
from ..timeline import DONE
from ..timeline import HEADER_HEIGHT
from ..timeline import OVERDUE
from ..timeline import MilestoneRow
from ..timeline import build_timeline
from ..timeline import month_year_formatter
from ..timeline_svg import legend
from ..timeline_svg import render_svg
from ..timeline_svg import table_rows

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
    overdue_text = counted(ngettext_lazy("%(counter)s overdue", "%(counter)s overdue", "counter"))
    late_text = counted(ngettext_lazy("%(counter)s day late", "%(counter)s days late", "counter"))
    for line in action_lines:
        line.overdue_text = overdue_text(line.overdue_milestones)
        line.late_text = late_text(line.slipped_days)
    (more_lines,) = more_than((action_lines, lines, PAGE_LINES))
    context = {
        "intervention": intervention,
        "groups": _grouped_by_kind(action_lines),
        "timeline": timeline,
        "timeline_title": _("Timeline of %(title)s") % {"title": intervention.title},
        "timeline_svg": render_svg(timeline),
        "timeline_table": table_rows(timeline),
        "header_height": HEADER_HEIGHT,
        "legend": legend(),
        "more_lines": more_lines,
        "line_total": len(action_lines) + more_lines,
    }
    return {
        "agenda": render_markdown(intervention.agenda_text),
        "agenda_language": intervention.agenda_language,
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
            "results": sections.render(sections.INTERVENTION_RESULTS, intervention, request.user),
            "may_propose": policies.can_propose(request.user, intervention),
            "sees_proposals": policies.can_see_proposals(request.user, intervention),
            "more_lines": plan["more_lines"],
            "line_total": plan["line_total"],
            "nav_section": "interventions",
        },
    )
