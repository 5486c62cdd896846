"""What the Board's digest says of results and of the joint agenda: which
indicators moved (a value entered in the period), which fell behind (behind at
the end of the period, not at its start), and the proposals still open with
their age. Only what the public may see of results is named (``corridor.results``
decides), so the digest never reveals an unpublished use case's indicator.
"""

from django.db.models import Q

from corridor.results.models import Measurement
from corridor.results.selectors import visible_indicators
from corridor.results.tracking import on_track
from interventions.models import Proposal

from ..periods import Period

ITEM_LIMIT = 20


def _state_on(indicator, rows, day):
    """On track on ``day``: the newest of ``rows`` (date, value) dated up to it."""
    dated = [row for row in rows if row[0] <= day]
    if not dated:
        return None
    latest_day, value = dated[-1]
    return on_track(indicator, value, latest_day)


def _item(indicator, value) -> dict:
    return {
        "id": indicator.pk,
        "name_nl": indicator.name_nl,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "value": str(value) if value is not None else None,
        "target": str(indicator.target_value),
    }


def results_content(period: Period) -> dict:
    indicators = {indicator.pk: indicator for indicator in visible_indicators(None)}
    rows: dict[int, list] = {}
    entered = set()
    for indicator_id, day, value, created in (
        Measurement.objects.filter(indicator_id__in=list(indicators), created__lt=period.end)
        .order_by("indicator_id", "date", "id")
        .values_list("indicator_id", "date", "value", "created")
    ):
        rows.setdefault(indicator_id, []).append((day, value))
        if created >= period.start:
            entered.add(indicator_id)
    moved, fell_behind = [], []
    before = period.first_day - period.first_day.resolution
    for pk, indicator in indicators.items():
        own = rows.get(pk, [])
        latest = own[-1][1] if own else None
        if pk in entered:
            moved.append(_item(indicator, latest))
        if _state_on(indicator, own, period.last_day) is False and (
            _state_on(indicator, own, before) is not False
        ):
            fell_behind.append(_item(indicator, latest))
    proposals = []
    for proposal in (
        Proposal.objects.filter(Q(created__lt=period.end))
        .open()
        .select_related("intervention", "action_line", "organisation")
        .order_by("created", "id")[:ITEM_LIMIT]
    ):
        proposals.append(
            {
                "id": proposal.pk,
                "intervention": proposal.intervention.number,
                "target": proposal.action_line.title if proposal.action_line_id else "",
                "organisation": proposal.organisation.name,
                "status": proposal.status,
                "age_days": (period.end - proposal.created).days,
            }
        )
    return {
        "moved": moved[:ITEM_LIMIT],
        "moved_count": len(moved),
        "fell_behind": fell_behind[:ITEM_LIMIT],
        "fell_behind_count": len(fell_behind),
        "open_proposals": proposals,
        "open_proposal_count": Proposal.objects.filter(created__lt=period.end).open().count(),
    }
