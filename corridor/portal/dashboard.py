"""What the home page shows, assembled in a fixed number of queries.

The portal wires the apps together, so it may read use cases next to
interventions. Every use case and coalition passes through ``visible_to``.
"""

import datetime
from dataclasses import dataclass
from dataclasses import field

from django.conf import settings
from django.db.models import Count
from django.db.models import F
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from coalitions.models import Membership
from corridor.caching.kept import kept
from corridor.caching.kept import kept_for
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import StatusChange
from usecases.models import UseCase
from usecases.review.queue import QUEUE_STATUSES
from usecases.review.queue import overdue_count
from usecases.review.queue import reviewer_queue
from usecases.selectors import corridor_use_case_counts
from usecases.selectors import use_case_counts

DUE_WINDOW_DAYS = 30
LIST_LIMIT = 10
ACTIVITY_LIMIT = 12


@dataclass
class InterventionCard:
    intervention: Intervention
    action_lines: list[tuple[str, str, int]] = field(default_factory=list)
    use_cases: list[tuple[str, str, int]] = field(default_factory=list)
    milestones_total: int = 0
    milestones_done: int = 0

    @property
    def progress(self) -> float | None:
        if not self.milestones_total:
            return None
        return self.milestones_done / self.milestones_total


@dataclass
class Activity:
    when: datetime.datetime
    who: str
    text: str
    url: str


def corridor_counts() -> dict[str, list[tuple]]:
    """Action lines and use cases per intervention and status, and milestones
    done per intervention, over the whole corridor.

    Counting 100,000 use cases and 50,000 milestones on every visit of the
    home page costs more than the rest of the page, so the counts are kept
    (``corridor.caching``) until the data changes.
    """

    def count() -> dict[str, list[tuple]]:
        return {
            "action_lines": list(
                ActionLine.objects.values("intervention_id", "status")
                .annotate(n=Count("pk"))
                .order_by("intervention_id", "status")
                .values_list("intervention_id", "status", "n")
            ),
            "use_cases": corridor_use_case_counts(),
            "milestones": list(
                Milestone.objects.values("action_line__intervention_id")
                .annotate(total=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False)))
                .order_by()
                .values_list("action_line__intervention_id", "total", "done")
            ),
        }

    return kept("portal-dashboard-counts", count)


def intervention_cards(user) -> list[InterventionCard]:
    cards = {i.pk: InterventionCard(i) for i in Intervention.objects.order_by("number")}
    line_labels = dict(ActionLine.Status.choices)
    use_case_labels = dict(UseCase.Status.choices)
    counts = corridor_counts()
    for intervention_id, status, n in counts["action_lines"]:
        cards[intervention_id].action_lines.append((status, line_labels.get(status, status), n))
    visible = UseCase.objects.visible_to(user)
    # Who may see every use case reads the corridor's counts; anyone else
    # counts the ones they may see.
    rows = counts["use_cases"] if not visible.query.has_filters() else use_case_counts(visible)
    for intervention_id, status, n in rows:
        cards[intervention_id].use_cases.append((status, use_case_labels.get(status, status), n))
    for intervention_id, total, done in counts["milestones"]:
        card = cards[intervention_id]
        card.milestones_total, card.milestones_done = total, done
    return list(cards.values())


def milestones_due(today: datetime.date):
    return (
        Milestone.objects.due_between(today, today + datetime.timedelta(days=DUE_WINDOW_DAYS))
        .select_related("action_line__intervention")
        .order_by("due_date", "id")[:LIST_LIMIT]
    )


def milestones_overdue(today: datetime.date):
    return (
        Milestone.objects.overdue(today)
        .select_related("action_line__intervention")
        .order_by("due_date", "id")[:LIST_LIMIT]
    )


def _who(record, user) -> str:
    """Names are for logged-in readers; the public sees what changed, not who."""
    if not (user and user.is_authenticated) or record is None:
        return ""
    return str(record)


def overview(user, today: datetime.date) -> dict[str, str]:
    """The intervention cards and the milestones and activity beside them,
    rendered: ``{"cards": html, "columns": html}``.

    The public all see the same, and so does the Board (who see everything),
    so for them both are kept (``corridor.caching``) per language and day
    until the data changes. Partners and reviewers, whose
    view depends on who they are, get theirs rendered.
    """

    def render() -> dict[str, str]:
        return {
            "cards": render_to_string(
                "portal/_dashboard_cards.html", {"cards": intervention_cards(user)}
            ),
            "columns": render_to_string(
                "portal/_dashboard_columns.html",
                {
                    "due": milestones_due(today),
                    "overdue": milestones_overdue(today),
                    "activity": recent_activity(user),
                    "due_window": DUE_WINDOW_DAYS,
                },
            ),
        }

    return kept_for(user, "portal-dashboard-overview", render, vary=(get_language(), today))


def recent_activity(user) -> list[Activity]:
    """The latest changes from the history, only of things this reader may see."""
    kinds = {"+": _("added"), "~": _("changed"), "-": _("removed")}

    def intervention_item(record) -> Activity:
        return Activity(
            record.history_date,
            _who(record.history_user, user),
            _("Agenda of “%(title)s” %(kind)s")
            % {"title": record.instance.title, "kind": kinds[record.history_type]},
            record.instance.get_absolute_url(),
        )

    def action_line_item(record) -> Activity:
        url = record.instance.get_absolute_url() if record.history_type != "-" else ""
        return Activity(
            record.history_date,
            _who(record.history_user, user),
            _("Action line “%(title)s” %(kind)s")
            % {"title": record.title, "kind": kinds[record.history_type]},
            url,
        )

    def milestone_item(record) -> Activity:
        if record.history_type == "~" and record.completed_on:
            text = _("Milestone “%(title)s” done") % {"title": record.title}
        else:
            text = _("Milestone “%(title)s” %(kind)s") % {
                "title": record.title,
                "kind": kinds[record.history_type],
            }
        return Activity(
            record.history_date,
            _who(record.history_user, user),
            text,
            reverse("interventions:action-line-detail", kwargs={"pk": record.action_line_id}),
        )

    def membership_item(record) -> Activity:
        return Activity(
            record.history_date,
            _who(record.history_user, user),
            _("%(organisation)s in coalition “%(coalition)s”: membership %(kind)s")
            % {
                "organisation": record.organisation,
                "coalition": record.coalition,
                "kind": kinds[record.history_type],
            },
            record.coalition.get_absolute_url(),
        )

    status_labels = dict(UseCase.Status.choices)

    def status_change_item(change) -> Activity:
        return Activity(
            change.created,
            _who(change.actor, user),
            _("Use case “%(title)s” %(status)s")
            % {
                "title": change.use_case_title,
                "status": str(status_labels.get(change.to_status, change.to_status)).lower(),
            },
            "",
        )

    # A reader who sees every coalition or use case needs no filter on them.
    memberships = Membership.history.all()
    visible_coalitions = Coalition.objects.visible_to(user)
    if visible_coalitions.query.has_filters():
        memberships = memberships.filter(coalition_id__in=visible_coalitions.values("pk"))
    changes = StatusChange.objects.all()
    visible_use_cases = UseCase.objects.visible_to(user)
    if visible_use_cases.query.has_filters():
        changes = changes.filter(use_case__in=visible_use_cases.values("pk"))
    sources = [
        (intervention_item, Intervention.history.select_related("history_user"), "history_date"),
        (action_line_item, ActionLine.history.select_related("history_user"), "history_date"),
        (milestone_item, Milestone.history.select_related("history_user"), "history_date"),
        (
            membership_item,
            memberships.select_related("history_user", "organisation", "coalition"),
            "history_date",
        ),
        (
            status_change_item,
            # The title only, not the use cases' long texts.
            changes.select_related("actor").annotate(use_case_title=F("use_case__title")),
            "created",
        ),
    ]
    # The latest of each source; only the newest of them all become texts and links.
    latest = []
    for item, rows, when in sources:
        latest += [
            (getattr(row, when), item, row) for row in rows.order_by(f"-{when}")[:ACTIVITY_LIMIT]
        ]
    latest.sort(key=lambda entry: entry[0], reverse=True)
    return [item(row) for _when, item, row in latest[:ACTIVITY_LIMIT]]


def yours(user) -> dict:
    """The logged-in reader's own work: by role."""
    if not (user and user.is_authenticated):
        return {}
    sections = {}
    if user.is_partner:
        sections["own_use_cases"] = (
            UseCase.objects.visible_to(user)
            .filter(organisation_id=user.organisation_id)
            .select_related("organisation")
            .order_by("-updated")[:LIST_LIMIT]
        )
        sections["led_action_lines"] = (
            ActionLine.objects.led_by(user.organisation_id)
            .with_progress()
            .select_related("intervention")
            .order_by("end_date")[:LIST_LIMIT]
        )
    if user.is_reviewer:
        # The reviewer's own queue: assigned, not yet assessed, oldest first.
        assignments = list(reviewer_queue(user))
        sections["review_queue"] = [a.use_case for a in assignments[:LIST_LIMIT]]
        sections["review_queue_count"] = len(assignments)
    if user.is_board:
        sections["review_waiting_count"] = overdue_count()
        sections["review_wait_days"] = settings.CORRIDOR_REVIEW_WAIT_DAYS
        sections["awaiting_decision"] = (
            UseCase.objects.filter(status__in=QUEUE_STATUSES)
            .with_scores()
            # What the card shows: not the long texts or the search vector.
            .only("title", "status", "submitted_at")
            .order_by("submitted_at", "id")[:LIST_LIMIT]
        )
    return sections
