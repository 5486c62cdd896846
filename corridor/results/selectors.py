"""Reads of results: which indicators a reader may see, their latest values,
whether they are on track, and roll-ups where units agree.

An action line's indicators are public, as action lines are. A use case's
indicators are seen by exactly those who may see the use case: the use case
visibility selector (``UseCase.objects.visible_to``) decides, so an
unpublished use case's indicators are never public.
"""

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db import models
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from usecases.models import UseCase

from .tracking import expected_on
from .tracking import on_track


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            Q(action_line__isnull=False)
            | Q(use_case__in=UseCase.objects.visible_to(user).values("pk"))
        )

    def of_intervention(self, intervention):
        return self.filter(
            Q(action_line__intervention=intervention) | Q(use_case__intervention=intervention)
        )

    def with_latest(self):
        """Annotate ``latest_value`` and ``latest_date`` (the newest measurement)
        and ``intervention_slug``."""
        from .models import Measurement

        newest = Measurement.objects.filter(indicator_id=OuterRef("pk")).order_by("-date", "-id")
        return self.annotate(
            latest_value=Subquery(newest.values("value")[:1]),
            latest_date=Subquery(newest.values("date")[:1]),
            intervention_slug=Coalesce(
                F("action_line__intervention__slug"), F("use_case__intervention__slug")
            ),
            intervention_ref=Coalesce(
                F("action_line__intervention_id"), F("use_case__intervention_id")
            ),
        )


class MeasurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import Indicator

        return self.filter(indicator__in=Indicator.objects.visible_to(user).values("pk"))


def status_of(indicator) -> bool | None:
    """On track (``True``), behind (``False``) or not yet measured (``None``);
    of an indicator loaded ``with_latest``."""
    return on_track(indicator, indicator.latest_value, indicator.latest_date)


def expected_now(indicator):
    if indicator.latest_date is None:
        return None
    return expected_on(
        indicator.latest_date,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
    )


# Units whose values add up across indicators; percentages do not. Counts
# add up only over indicators of the same name (pilots do not add to hours).
SUMMABLE = ("count", "euros", "people")
UNIT_ORDER = ("euros", "people", "count", "percentage")


@dataclass
class Rollup:
    """The indicators of one unit: how many, measured and on track; for a
    unit that adds up, the sum of the latest values (the baseline where none
    is measured yet) against the sum of the targets."""

    unit: str
    # For counts, the name of what is counted (counts of different things never add).
    name: str = ""
    indicators: int = 0
    measured: int = 0
    on_track: int = 0
    value: Decimal | None = None
    target: Decimal | None = None

    @property
    def share_on_track(self) -> float | None:
        return self.on_track / self.measured if self.measured else None


@dataclass
class Results:
    rollups: list[Rollup] = field(default_factory=list)
    indicators: int = 0
    measured: int = 0
    on_track: int = 0

    @property
    def share_on_track(self) -> float | None:
        return self.on_track / self.measured if self.measured else None


def roll_up(indicators) -> Results:
    """Roll-ups per unit of ``indicators`` (loaded ``with_latest``): values are
    only ever added within one unit."""
    by_unit: dict[tuple[str, str], Rollup] = {}
    results = Results()
    for indicator in indicators:
        name = indicator.name if indicator.unit == "count" else ""
        key = (indicator.unit, name)
        rollup = by_unit.setdefault(key, Rollup(unit=indicator.unit, name=name))
        status = status_of(indicator)
        rollup.indicators += 1
        rollup.measured += status is not None
        rollup.on_track += status is True
        if indicator.unit in SUMMABLE:
            latest = indicator.latest_value
            rollup.value = (rollup.value or 0) + (
                latest if latest is not None else indicator.baseline_value
            )
            rollup.target = (rollup.target or 0) + indicator.target_value
    for key in sorted(by_unit, key=lambda key: (UNIT_ORDER.index(key[0]), key[1])):
        rollup = by_unit[key]
        results.rollups.append(rollup)
        results.indicators += rollup.indicators
        results.measured += rollup.measured
        results.on_track += rollup.on_track
    return results


def visible_indicators(user):
    from .models import Indicator

    return (
        Indicator.objects.visible_to(user)
        .with_latest()
        .select_related("action_line", "use_case")
        .order_by("id")
    )


def corridor_results(user) -> dict:
    """The results ``user`` may see: ``{"corridor": Results, "interventions":
    {intervention id: Results}}``. For the dossier, the open data and the
    dashboard."""
    indicators = list(visible_indicators(user))
    per_intervention: dict[int, list] = {}
    for indicator in indicators:
        per_intervention.setdefault(indicator.intervention_ref, []).append(indicator)
    return {
        "corridor": roll_up(indicators),
        "interventions": {key: roll_up(rows) for key, rows in per_intervention.items()},
    }


def indicator_rows(user) -> list[dict]:
    """One plain row per indicator ``user`` may see, with its latest value,
    what the straight line expects then, and whether it is on track: for
    exports (the open data, the dossier)."""
    rows = []
    for indicator in visible_indicators(user):
        rows.append(
            {
                "id": indicator.pk,
                "intervention": indicator.intervention_slug,
                "action_line": indicator.action_line_id,
                "use_case": indicator.use_case_id,
                "name_nl": indicator.name_nl,
                "name_en": indicator.name_en,
                "unit": indicator.unit,
                "baseline_value": indicator.baseline_value,
                "baseline_date": indicator.baseline_date,
                "target_value": indicator.target_value,
                "target_date": indicator.target_date,
                "higher_is_better": indicator.higher_is_better,
                "latest_value": indicator.latest_value,
                "latest_date": indicator.latest_date,
                "expected_value": expected_now(indicator),
                "on_track": status_of(indicator),
            }
        )
    return rows


def measurement_rows(user) -> list[dict]:
    """One plain row per measurement ``user`` may see (for exports)."""
    from .models import Measurement

    return list(
        Measurement.objects.visible_to(user)
        .order_by("indicator_id", "date", "id")
        .values("id", "indicator_id", "date", "value", "source_note")
    )
