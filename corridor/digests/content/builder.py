"""The digest content of one period, assembled from its section families."""

from django.db.models import F

from coalitions.models import Organisation
from interventions.models import Intervention

from ..periods import Period
from .coalitions import CoalitionSections
from .plan import PlanSections
from .queries import collect
from .queries import one_of
from .results import results_content
from .review import ReviewSections
from .use_cases import UseCaseSections

SCHEMA = 1

# Section keys in reading order. "Changes" make a period eventful; "states"
# (waiting, overdue, due soon) are reported but do not.
INTERVENTION_SECTIONS = (
    "use_cases_submitted",
    "status_moves",
    "decisions",
    "waiting_for_review",
    "assessments_completed",
    "assignments_overdue",
    "questions_unanswered",
    "decisions_overridden",
    "action_lines_started",
    "action_lines_ended",
    "action_lines_status_changed",
    "action_lines_at_risk",
    "action_lines_slipped",
    "milestones_completed",
    "milestones_overdue",
    "milestones_due_soon",
)
CORRIDOR_SECTIONS = (
    "coalitions_formed",
    "coalitions_closed",
    "memberships_begun",
    "memberships_ended",
)
STATE_SECTIONS = frozenset(
    {
        "waiting_for_review",
        "milestones_overdue",
        "milestones_due_soon",
        "assignments_overdue",
        "questions_unanswered",
    }
)
BOARD_ONLY_SECTIONS = frozenset(
    {"assessments_completed", "assignments_overdue", "questions_unanswered", "decisions_overridden"}
)


class ContentBuilder(UseCaseSections, ReviewSections, PlanSections, CoalitionSections):
    """Builds the content of one period: the Board's whole view, or — with
    ``organisations`` — one part per organisation, all in the same queries
    (the organisation is one more partition of each window)."""

    def build(self) -> dict:
        """The Board's content: ``{"interventions", "corridor", "totals", "quiet"}``."""
        return self.build_parts()[None]

    def build_parts(self) -> dict:
        """``{organisation id (None for the Board): content}``."""
        keys = [
            key for key in INTERVENTION_SECTIONS if self.for_board or key not in BOARD_ONLY_SECTIONS
        ]
        by_section = {key: getattr(self, key)() for key in keys}
        corridor_sections = {key: getattr(self, key)() for key in CORRIDOR_SECTIONS}
        interventions = list(Intervention.objects.order_by("number"))
        owners = [None] if self.for_board else self.organisations
        return {
            owner: self._assemble(owner, keys, by_section, corridor_sections, interventions)
            for owner in owners
        }

    def _assemble(self, owner, keys, by_section, corridor_sections, interventions) -> dict:
        blocks = []
        totals = dict.fromkeys((*keys, *CORRIDOR_SECTIONS), 0)
        for intervention in interventions:
            found = {
                key: by_section[key][(owner, intervention.pk)]
                for key in keys
                if (owner, intervention.pk) in by_section[key]
            }
            for key, entry in found.items():
                totals[key] += entry["count"]
            blocks.append(
                {
                    "id": intervention.pk,
                    "number": intervention.number,
                    "slug": intervention.slug,
                    "title_nl": intervention.title_nl,
                    "title_en": intervention.title_en,
                    "sections": found,
                }
            )
        corridor = {}
        for key in CORRIDOR_SECTIONS:
            entry = corridor_sections[key].get((owner, None))
            if entry:
                corridor[key] = entry
                totals[key] = entry["count"]
        changes = sum(count for key, count in totals.items() if key not in STATE_SECTIONS)
        return {
            "interventions": blocks,
            "corridor": corridor,
            "totals": totals,
            "quiet": changes == 0,
        }


def _failures(period: Period) -> dict:
    """Digest copies and notifications that failed for good during the period."""
    from ..models import Delivery
    from ..models import Notification

    deliveries = Delivery.objects.failed_between(period.start, period.end).annotate(
        kind_label=F("digest__frequency"), about=F("digest__period_start")
    )
    notifications = Notification.objects.failed_between(period.start, period.end).annotate(
        kind_label=F("status_change__to_status"), about=F("status_change__use_case__title")
    )
    result = {}
    for kind, queryset in (("delivery", deliveries), ("notification", notifications)):
        entry = collect(
            queryset,
            fields={
                "email": F("email"),
                "failed_at": F("failed_at"),
                "attempts": F("attempts"),
                "error": F("last_error"),
                "detail": F("kind_label"),
                "about": F("about"),
            },
            order_by=[F("failed_at").asc(), F("pk").asc()],
            partition=[],
        ).get(None)
        if entry:
            result[kind] = entry
    webhooks = _failing_webhooks()
    if webhooks:
        result["webhook"] = webhooks
    return result


def _failing_webhooks(shown: int = 10) -> dict | None:
    """Webhook endpoints failing now or turned off by failures: how many, and the first few."""
    from corridor.webhooks.models import Endpoint

    rows = list(
        Endpoint.objects.failing().order_by("pk").values("url", "disabled_reason", "failing_since")
    )
    if not rows:
        return None
    items = [
        {
            "url": row["url"],
            "reason": row["disabled_reason"],
            "since": row["failing_since"].isoformat() if row["failing_since"] else None,
        }
        for row in rows[:shown]
    ]
    return {"count": len(rows), "items": items}


def _corridor_index(period: Period) -> dict | None:
    """The corridor index on the last day of this period and of the previous
    one, from one load of the history (``corridor.insight.index``)."""
    try:
        from corridor.insight.index.history import CorridorHistory
    except ImportError:  # the insight app is optional
        return None
    history = CorridorHistory(period.last_day)
    now = history.at(period.last_day)
    if now.total == 0:
        return None
    return {"now": now.as_dict(), "previous": history.at(period.previous().last_day).as_dict()}


def organisations_to_cover(frequency: str) -> list[int]:
    """Organisations with an active partner user who reads this digest."""
    from corridor.accounts import roles

    from ..selectors import subscribers

    return list(
        subscribers(frequency)
        .filter(groups__name=roles.PARTNER, organisation__isnull=False)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def build_content(period: Period, *, organisations: list[int] | None = None) -> dict:
    """The digest content for ``period``: the Board's view, plus one part per
    organisation in ``organisations`` for their partners."""
    data = {
        "schema": SCHEMA,
        "frequency": period.frequency,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "first_day": period.first_day.isoformat(),
        "last_day": period.last_day.isoformat(),
        **ContentBuilder(period).build(),
        "failures": _failures(period),
        "results": results_content(period),
        "organisations": {},
    }
    index = _corridor_index(period)
    if index is not None:
        data["corridor_index"] = index
    if organisations:
        names = dict(
            Organisation.objects.filter(one_of("pk", organisations)).values_list("pk", "name")
        )
        known = [org_id for org_id in organisations if org_id in names]
        parts = ContentBuilder(period, organisations=known).build_parts()
        for org_id, part in parts.items():
            data["organisations"][str(org_id)] = {"name": names[org_id], **part}
    return data
