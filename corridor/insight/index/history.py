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
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Region
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


def intervention_id_of(intervention) -> int | None:
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


def _versions(rows) -> tuple[dict[int, _Versions], dict[int, set]]:
    """History rows ``(id, history_date, history_id, …, joined)`` grouped by id,
    one version per ``history_id`` (the row without its last column); the last
    column, a many-to-many value joined in (one row each), is gathered per
    ``history_id``."""
    grouped: dict[int, _Versions] = {}
    joined: dict[int, set] = defaultdict(set)
    for row in rows:
        versions = grouped.setdefault(row[0], _Versions([], []))
        if not versions.rows or versions.rows[-1][2] != row[2]:
            versions.times.append(row[1])
            versions.rows.append(row[:-1])
        if row[-1] is not None:
            joined[row[2]].add(row[-1])
    return grouped, joined


class CorridorHistory:
    """The history the index needs up to ``until``, loaded once."""

    def __init__(self, until: datetime.date):
        self.until = until
        cutoff = end_of_day(until)
        HistoricalCoalition = Coalition.history.model
        HistoricalUseCase = UseCase.history.model

        # Coalitions: (id, history_date, history_id, history_type, status), with
        # each version's interventions snapshot joined in (one row per intervention).
        self.coalitions, self.coalition_interventions = _versions(
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
        )

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
        self.use_cases, self.use_case_partner_regions = _versions(rows)

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

    def _use_case_parts(self, days: list[datetime.date], intervention_id: int | None) -> list:
        """The use-case part on each of ``days`` (ascending), in one sweep:
        each use case's versions are walked once against all the days, and
        each version is judged once (a difference array adds it to the run
        of days it holds for)."""
        cutoffs = [end_of_day(day) for day in days]
        count = len(cutoffs)
        totals, corridors = [0] * (count + 1), [0] * (count + 1)
        judged: dict[int, tuple[bool, bool]] = {}
        for use_case_id, since in self.counted_since.items():
            first = bisect.bisect_right(cutoffs, since)
            versions = self.use_cases.get(use_case_id)
            if first == count or versions is None:
                continue
            start = first
            while start < count:
                position = bisect.bisect_left(versions.times, cutoffs[start])
                row = versions.at(cutoffs[start], earliest_fallback=True)
                # The same version holds up to the next version's time.
                end = (
                    count
                    if position == len(versions.times)
                    else bisect.bisect_right(cutoffs, versions.times[position], lo=start)
                )
                if row[2] not in judged:
                    judged[row[2]] = self._judge(row, intervention_id)
                counts, joins = judged[row[2]]
                if counts:
                    totals[start] += 1
                    totals[end] -= 1
                    if joins:
                        corridors[start] += 1
                        corridors[end] -= 1
                start = end
        parts, total, corridor = [], 0, 0
        for index in range(count):
            total += totals[index]
            corridor += corridors[index]
            parts.append(IndexPart(total, corridor))
        return parts

    def _judge(self, row, intervention_id: int | None) -> tuple[bool, bool]:
        """Whether a use case's version counts (for ``intervention_id``), and
        whether it joins both poles."""
        if intervention_id is not None and row[3] != intervention_id:
            return False, False
        regions = {row[4]} | self.use_case_partner_regions.get(row[2], set())
        return True, regions >= POLES

    def series(self, days, intervention=None) -> list[CorridorIndex]:
        """The index on each of ``days``, overall or for one intervention."""
        days = list(days)
        if days and max(days) > self.until:
            raise ValueError(f"History was loaded up to {self.until}, not {max(days)}.")
        intervention_id = intervention_id_of(intervention)
        ordered = sorted(set(days))
        use_cases = dict(zip(ordered, self._use_case_parts(ordered, intervention_id), strict=True))
        return [
            CorridorIndex(
                on=day,
                intervention_id=intervention_id,
                coalitions=self._coalition_part(day, intervention_id),
                use_cases=use_cases[day],
            )
            for day in days
        ]

    def at(self, on: datetime.date, intervention=None) -> CorridorIndex:
        return self.series([on], intervention)[0]
