"""The corridor index for a date, per intervention and over time, and its kept series."""

import datetime

from django.utils import timezone

from corridor.caching.kept import kept

from .history import INTERVALS
from .history import CorridorHistory
from .history import CorridorIndex
from .history import intervention_id_of


def corridor_index(*, on: datetime.date | None = None, intervention=None) -> CorridorIndex:
    """The corridor index on ``on`` (default today), overall or for one intervention.

    ``intervention`` is an ``Intervention`` or its id. The digest compares this
    with the value at the start of its period.
    """
    on = on or timezone.localdate()
    return CorridorHistory(on).at(on, intervention)


def corridor_index_by_intervention(
    *, on: datetime.date | None = None, interventions=()
) -> dict[int, CorridorIndex]:
    """The index on ``on`` per intervention id, from one load of the history."""
    on = on or timezone.localdate()
    history = CorridorHistory(on)
    return {intervention_id_of(i): history.at(on, i) for i in interventions}


def month_points(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of each month from ``start``'s to ``end``'s; the last point is ``end``."""
    points = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        points.append(min(following - datetime.timedelta(days=1), end))
        year, month = following.year, following.month
    return points


def corridor_index_series(
    *,
    start: datetime.date,
    end: datetime.date,
    intervention=None,
    interval: str = "month",
) -> list[CorridorIndex]:
    """The index at the end of each ``interval`` from ``start`` to ``end``.

    The same fixed number of queries for one month or ten years.
    """
    if interval not in INTERVALS:
        raise ValueError(f"Unknown interval {interval!r}.")
    if start > end:
        raise ValueError("The start lies after the end.")
    points = month_points(start, end)
    return CorridorHistory(end).series(points, intervention)


def default_series_range(
    today: datetime.date | None = None, months: int = 12
) -> tuple[datetime.date, datetime.date]:
    """The last ``months`` months up to today: the first day of the first month, today."""
    today = today or timezone.localdate()
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1), today


def cached_corridor_index_series(
    *, start: datetime.date, end: datetime.date, intervention=None
) -> list[CorridorIndex]:
    """``corridor_index_series``, computed once per change of the data.

    Replaying the history of every use case and coalition costs far more than
    a page; the pages that show the trend read it kept (``corridor.caching``)
    by the dates and the intervention, so any write recomputes it and no page
    shows a stale index.
    """
    return kept(
        "corridor-index",
        lambda: corridor_index_series(start=start, end=end, intervention=intervention),
        vary=(start, end, intervention_id_of(intervention) or "all"),
    )
