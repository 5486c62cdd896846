"""The corridor index: how much of the corridor's work joins both poles.

The seed's diagnosis is that the MRA and Brainport are not structurally
connected. The index measures it: of the coalitions that are *active*, and of
the use cases that are *selected or later* (selected, in execution,
completed), the share that joins at least one MRA and at least one Brainport
organisation. ``value`` pools the two (corridor coalitions plus corridor use
cases over all of them); both parts are kept for whoever wants them apart.

It is computed for any past date from the history, never from today's rows:

- a coalition's status and interventions on day D are those of its last
  ``HistoricalCoalition`` row (and that row's interventions snapshot) made
  before the end of D; no such row means it did not exist yet;
- its members on D are the memberships joined on or before D and not left by
  then (``coalitions.selectors.current_membership_q``);
- a use case's status on D is the target of its last ``StatusChange`` before
  the end of D; its intervention and partners are those of its last
  ``HistoricalUseCase`` row before then (the state right after its creation
  when the workflow was recorded with an earlier date than any row);
- organisations count in the region they sit in now.

``CorridorHistory`` loads everything up to the last date of interest in a
fixed handful of queries (four, however many months and rows), then answers
any date and intervention in Python.
"""

import bisect
import datetime
import functools
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.keeping import newest_rows_signature
from usecases.models import StatusChange
from usecases.models import UseCase
from usecases.selectors import PUBLIC_STATUSES

ACTIVE = Coalition.Status.ACTIVE
# Selected or later: the statuses in which a use case is public.
SELECTED_OR_LATER = PUBLIC_STATUSES
POLES = frozenset(Region.POLES)
INTERVALS = ("month",)
MAX_POINTS = 120
CREATION_WINDOW = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class IndexPart:
    """How many of one kind count, and how many of those join both poles."""

    total: int
    corridor: int

    @property
    def share(self) -> float | None:
        return self.corridor / self.total if self.total else None

    def as_dict(self) -> dict:
        return {"total": self.total, "corridor": self.corridor, "share": _round(self.share)}


@dataclass(frozen=True)
class CorridorIndex:
    on: datetime.date
    intervention_id: int | None
    coalitions: IndexPart
    use_cases: IndexPart

    @property
    def total(self) -> int:
        return self.coalitions.total + self.use_cases.total

    @property
    def corridor(self) -> int:
        return self.coalitions.corridor + self.use_cases.corridor

    @property
    def value(self) -> float | None:
        """The pooled share (0..1), ``None`` while nothing counts."""
        return self.corridor / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(self.value * 100)

    def as_dict(self) -> dict:
        return {
            "date": self.on.isoformat(),
            "value": _round(self.value),
            "coalitions": self.coalitions.as_dict(),
            "use_cases": self.use_cases.as_dict(),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant after ``day`` in the portal's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def _intervention_id(intervention) -> int | None:
    if intervention is None or isinstance(intervention, int):
        return intervention
    return intervention.pk


@dataclass
class _Versions:
    """One entity's history rows, oldest first, for bisecting by time."""

    times: list
    rows: list

    def at(self, cutoff: datetime.datetime, *, earliest_fallback: bool = False):
        """The last version before ``cutoff``. With ``earliest_fallback``, when
        there is none, the state right after creation: the last version made
        within ``CREATION_WINDOW`` of the first (a use case is saved, then its
        partners are set, in the same request)."""
        position = bisect.bisect_left(self.times, cutoff)
        if position == 0:
            if not (earliest_fallback and self.rows):
                return None
            created = bisect.bisect_right(self.times, self.times[0] + CREATION_WINDOW)
            return self.rows[created - 1]
        return self.rows[position - 1]


def _versions(rows, key_index: int, time_index: int) -> dict[int, _Versions]:
    grouped: dict[int, _Versions] = {}
    for row in rows:
        versions = grouped.setdefault(row[key_index], _Versions([], []))
        versions.times.append(row[time_index])
        versions.rows.append(row)
    return grouped


class CorridorHistory:
    """The history the index needs up to ``until``, loaded once."""

    def __init__(self, until: datetime.date):
        self.until = until
        cutoff = end_of_day(until)
        HistoricalCoalition = Coalition.history.model
        HistoricalUseCase = UseCase.history.model

        # Coalitions: (id, history_date, history_id, history_type, status), with
        # each version's interventions snapshot joined in (one row per intervention).
        self.coalitions: dict[int, _Versions] = {}
        self.coalition_interventions: dict[int, set[int]] = defaultdict(set)
        for row in (
            HistoricalCoalition.objects.filter(history_date__lt=cutoff)
            .order_by("history_date", "history_id")
            .values_list(
                "id",
                "history_date",
                "history_id",
                "history_type",
                "status",
                "historicalcoalition_interventions__intervention_id",
            )
        ):
            versions = self.coalitions.setdefault(row[0], _Versions([], []))
            if not versions.rows or versions.rows[-1][2] != row[2]:
                versions.times.append(row[1])
                versions.rows.append(row[:5])
            if row[5] is not None:
                self.coalition_interventions[row[2]].add(row[5])

        self.memberships: dict[int, list] = defaultdict(list)
        for coalition_id, region, joined, left in Membership.objects.filter(
            joined__lte=until
        ).values_list("coalition_id", "organisation__region__slug", "joined", "left"):
            if region in POLES:
                self.memberships[coalition_id].append((region, joined, left))

        # Use cases: when each first reached "selected". The workflow has no way
        # back from selected, in execution or completed, so a use case counts on
        # any day after that moment; then the versions of those that counted,
        # each with its partners' regions joined in.
        moves = StatusChange.objects.filter(
            created__lt=cutoff, to_status__in=SELECTED_OR_LATER
        ).order_by()
        self.counted_since: dict[int, datetime.datetime] = dict(
            moves.values("use_case_id")
            .annotate(first=Min("created"))
            .values_list("use_case_id", "first")
        )
        counted = bool(self.counted_since)
        self.use_cases: dict[int, _Versions] = {}
        self.use_case_partner_regions: dict[int, set[str]] = defaultdict(set)
        # The versions of those use cases, named by a subquery (not a list of
        # tens of thousands of keys sent back to the database). Later versions
        # too: a workflow recorded before a use case's first version reads that.
        rows = (
            HistoricalUseCase.objects.filter(id__in=moves.values("use_case_id"))
            .order_by("history_date", "history_id")
            .values_list(
                "id",
                "history_date",
                "history_id",
                "intervention_id",
                "organisation__region__slug",
                "historicalusecase_partners__organisation__region__slug",
            )
            if counted
            else ()
        )
        for row in rows:
            versions = self.use_cases.setdefault(row[0], _Versions([], []))
            if not versions.rows or versions.rows[-1][2] != row[2]:
                versions.times.append(row[1])
                versions.rows.append(row[:5])
            if row[5] is not None:
                self.use_case_partner_regions[row[2]].add(row[5])

    def _coalition_part(self, on: datetime.date, intervention_id: int | None) -> IndexPart:
        cutoff = end_of_day(on)
        total = corridor = 0
        for coalition_id, versions in self.coalitions.items():
            row = versions.at(cutoff)
            if row is None or row[3] == "-" or row[4] != ACTIVE:
                continue
            if intervention_id is not None and (
                intervention_id not in self.coalition_interventions.get(row[2], ())
            ):
                continue
            total += 1
            regions = {
                region
                for region, joined, left in self.memberships.get(coalition_id, ())
                if joined <= on and (left is None or left > on)
            }
            if regions >= POLES:
                corridor += 1
        return IndexPart(total, corridor)

    def _use_case_part(self, on: datetime.date, intervention_id: int | None) -> IndexPart:
        cutoff = end_of_day(on)
        total = corridor = 0
        for use_case_id, since in self.counted_since.items():
            if since >= cutoff:
                continue
            versions = self.use_cases.get(use_case_id)
            row = versions.at(cutoff, earliest_fallback=True) if versions else None
            if row is None:
                continue
            if intervention_id is not None and row[3] != intervention_id:
                continue
            total += 1
            regions = {row[4]} | self.use_case_partner_regions.get(row[2], set())
            if regions >= POLES:
                corridor += 1
        return IndexPart(total, corridor)

    def at(self, on: datetime.date, intervention=None) -> CorridorIndex:
        if on > self.until:
            raise ValueError(f"History was loaded up to {self.until}, not {on}.")
        intervention_id = _intervention_id(intervention)
        return CorridorIndex(
            on=on,
            intervention_id=intervention_id,
            coalitions=self._coalition_part(on, intervention_id),
            use_cases=self._use_case_part(on, intervention_id),
        )


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
    return {_intervention_id(i): history.at(on, i) for i in interventions}


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
    key = f"corridor-index:{start}:{end}:{_intervention_id(intervention) or 'all'}:{signature}"
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

    from .models import IndexSeriesSnapshot

    intervention_id = _intervention_id(intervention)

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
