"""The corridor index for a date, per intervention and over time, and its kept series."""

import datetime
import functools
import threading

from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from corridor.keeping import newest_rows_signature
from usecases.models import StatusChange
from usecases.models import UseCase

from .history import INTERVALS
from .history import CorridorHistory
from .history import CorridorIndex
from .history import IndexPart
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
    history = CorridorHistory(end)
    return [history.at(point, intervention) for point in points]


def default_series_range(
    today: datetime.date | None = None, months: int = 12
) -> tuple[datetime.date, datetime.date]:
    """The last ``months`` months up to today: the first day of the first month, today."""
    today = today or timezone.localdate()
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1), today


SERIES_CACHE_SECONDS = 24 * 60 * 60
_series_lock = threading.Lock()


@functools.cache
def _index_sources() -> tuple:
    return (
        Coalition.history.model,
        Membership.history.model,
        Membership,
        Organisation.history.model,
        UseCase.history.model,
        StatusChange,
    )


def history_signature() -> str:
    """What the index is read from has changed iff this has: the newest row of
    every history it replays."""
    return newest_rows_signature(_index_sources())


def cached_corridor_index_series(
    *, start: datetime.date, end: datetime.date, intervention=None
) -> list[CorridorIndex]:
    """``corridor_index_series``, computed once per change of the history.

    Replaying the history of 100,000 use cases takes seconds; the pages that
    show the trend read it from the cache, keyed by the dates, the
    intervention and ``history_signature()``, so any change recomputes it and
    no page shows a stale index. Behind the cache of each process lies a
    snapshot in the database that all processes share: one computes a series
    (the others wait for it, then read it), not every worker on its first
    request.
    """
    from django.core.cache import cache

    signature = history_signature()
    key = f"corridor-index:{start}:{end}:{intervention_id_of(intervention) or 'all'}:{signature}"
    series = cache.get(key)
    if series is not None:
        return series
    with _series_lock:
        series = cache.get(key)
        if series is None:
            series = _shared_series(key, start=start, end=end, intervention=intervention)
            cache.set(key, series, SERIES_CACHE_SECONDS)
    return series


def _series_from_snapshot(rows: list[dict], intervention_id: int | None) -> list[CorridorIndex]:
    return [
        CorridorIndex(
            on=datetime.date.fromisoformat(row["date"]),
            intervention_id=intervention_id,
            coalitions=IndexPart(row["coalitions"]["total"], row["coalitions"]["corridor"]),
            use_cases=IndexPart(row["use_cases"]["total"], row["use_cases"]["corridor"]),
        )
        for row in rows
    ]


def _shared_series(key: str, *, start, end, intervention) -> list[CorridorIndex]:
    """The series from its snapshot; computed and stored by the first process to ask."""
    from django.db import connection
    from django.db import transaction

    from ..models import IndexSeriesSnapshot

    intervention_id = intervention_id_of(intervention)

    def stored():
        return IndexSeriesSnapshot.objects.filter(key=key).values_list("series", flat=True).first()

    if (rows := stored()) is not None:
        return _series_from_snapshot(rows, intervention_id)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One process computes a key at a time; the others wait, then read.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
            if (rows := stored()) is not None:
                return _series_from_snapshot(rows, intervention_id)
        series = corridor_index_series(start=start, end=end, intervention=intervention)
        stale = timezone.now() - datetime.timedelta(seconds=SERIES_CACHE_SECONDS)
        IndexSeriesSnapshot.objects.filter(created__lt=stale).delete()
        IndexSeriesSnapshot.objects.bulk_create(
            [IndexSeriesSnapshot(key=key, series=[point.as_dict() for point in series])],
            ignore_conflicts=True,
        )
    return series
