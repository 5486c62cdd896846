"""The timeline of an intervention's action lines, drawn as SVG on the server.

One row per action line: its baseline as a faint bar behind, the planned span
as a bar in front (so slippage shows), milestones as diamonds, a line for
today, and months along the top. Milestone states differ in shape, not only in
colour: done is a filled diamond with a tick, overdue a diamond with an
exclamation mark and a heavy outline, upcoming an open diamond.

``build_timeline`` does the arithmetic (easy to test) here;
``interventions.timeline_svg.render_svg`` turns it into markup, escaping every
text it writes.
"""

import datetime
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import NamedTuple

from corridor import dates
from corridor.dates import month_names

from .models import outside_period

# The chart is drawn without the action lines' names: those stand beside it
# in HTML (a column that stays in view when a narrow screen scrolls the chart).
PAD = 10
CHART_WIDTH = 760
HEADER_HEIGHT = 44
ROW_HEIGHT = 34
LANE_HEIGHT = 14  # one line of milestone names under a row's bar
MAX_LANES = 3
BAR_HEIGHT = 14
BASELINE_HEIGHT = 22
DIAMOND = 7
MILESTONE_LABEL_CHARS = 26
CHAR_WIDTH = 5.6  # an average character of the 10 px milestone names

BEFORE = "before"  # the values of ``interventions.models.outside_period``
AFTER = "after"

DONE = "done"
OVERDUE = "overdue"
UPCOMING = "upcoming"


@dataclass
class TimelineMilestone:
    """A milestone on its row: drawn where it was done (``completed_on``), or
    else at its due date; ``due_x`` is where it was due, so the slip shows.
    A due date outside the action line's period is drawn at the bar's end
    (``outside`` says which side) rather than far from its line."""

    title: str
    due_date: datetime.date
    state: str
    x: float
    due_x: float = 0.0
    completed_on: datetime.date | None = None
    outside: str | None = None
    label: str = ""
    label_x: float = 0.0
    label_lane: int | None = None  # None: no room on the chart (the table lists it)
    label_end: bool = False  # the name ends at the marker (near the right edge)

    @property
    def slip_days(self) -> int:
        """Days done after (positive) or before (negative) the due date."""
        return (self.completed_on - self.due_date).days if self.completed_on else 0


@dataclass
class TimelineRow:
    title: str
    url: str
    status: str
    status_label: str
    start: datetime.date
    end: datetime.date
    baseline_start: datetime.date
    baseline_end: datetime.date
    x_start: float
    x_end: float
    x_baseline_start: float
    x_baseline_end: float
    y: float
    slipped_days: int
    milestones: list[TimelineMilestone] = field(default_factory=list)
    height: float = ROW_HEIGHT

    @property
    def middle(self) -> float:
        return self.y + ROW_HEIGHT / 2


@dataclass
class Month:
    first_day: datetime.date
    x: float
    label: str


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    today: datetime.date
    today_x: float | None
    months: list[Month]
    rows: list[TimelineRow]
    width: int
    height: int

    @property
    def is_empty(self) -> bool:
        return not self.rows


def milestone_state(milestone, today: datetime.date) -> str:
    if milestone.completed_on is not None:
        return DONE
    if milestone.due_date < today:
        return OVERDUE
    return UPCOMING


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


class MilestoneRow(NamedTuple):
    """What the timeline draws of a milestone; a page reads hundreds as rows."""

    action_line_id: int
    title: str
    due_date: datetime.date
    completed_on: datetime.date | None


def _axis_dates(line, milestones) -> list[datetime.date]:
    """The dates a line needs on the axis: its periods, the milestones due
    inside its period, and when milestones were done."""
    dates = [line.start_date, line.end_date, line.baseline_start, line.baseline_end]
    for milestone in milestones:
        if not outside_period(milestone.due_date, line.start_date, line.end_date):
            dates.append(milestone.due_date)
        dates.append(milestone.completed_on)
    return dates


def _months(start, end, x_of) -> list[Month]:
    """The axis ticks: every month, quarter or half year by the span; each
    tick where the year changes names the year (the first one too)."""
    months = []
    cursor = start
    span_months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if span_months <= 18 else 3 if span_months <= 48 else 6
    month_name = _month_names()
    while cursor < end:
        index = (cursor.year - start.year) * 12 + cursor.month - start.month
        if index % step == 0:
            label = month_name[cursor.month]
            if not months or months[-1].first_day.year != cursor.year:
                label = f"{label} {cursor.year}"
            months.append(Month(first_day=cursor, x=x_of(cursor), label=label))
        cursor = _next_month(cursor)
    return months


def _short_label(text: str) -> str:
    if len(text) <= MILESTONE_LABEL_CHARS:
        return text
    return text[: MILESTONE_LABEL_CHARS - 1].rstrip() + "…"


def _place_labels(milestones: list[TimelineMilestone]) -> int:
    """Give each milestone's name a lane under the bar where it overlaps no
    other name; returns the number of lanes used. A name that finds no lane
    is left to the tooltip and the table."""
    lane_ends: list[float] = []
    right_edge = PAD + CHART_WIDTH
    for milestone in sorted(milestones, key=lambda m: m.x):
        milestone.label = _short_label(milestone.title)
        width = len(milestone.label) * CHAR_WIDTH
        left = milestone.x - DIAMOND
        milestone.label_end = left + width > right_edge
        if milestone.label_end:
            left = milestone.x + DIAMOND - width
        milestone.label_x = milestone.x + (DIAMOND if milestone.label_end else -DIAMOND)
        for lane, end in enumerate(lane_ends):
            if end + 6 < left:
                milestone.label_lane = lane
                lane_ends[lane] = left + width
                break
        else:
            if len(lane_ends) < MAX_LANES:
                milestone.label_lane = len(lane_ends)
                lane_ends.append(left + width)
    return len(lane_ends)


def build_timeline(
    action_lines: Sequence,
    *,
    today: datetime.date | None = None,
    milestones: Iterable | None = None,
) -> Timeline:
    """Lay out ``action_lines``, with ``milestones`` (anything with the fields
    of ``MilestoneRow``, by due date) or else each line's ``milestones``."""
    from django.utils import timezone

    today = today or timezone.localdate()
    lines = list(action_lines)
    if milestones is None:
        milestones_of = {line.pk: list(line.milestones.all()) for line in lines}
    else:
        milestones_of = {line.pk: [] for line in lines}
        for milestone in milestones:
            milestones_of[milestone.action_line_id].append(milestone)
    status_labels = {}

    dates: list[datetime.date] = []
    for line in lines:
        dates += _axis_dates(line, milestones_of[line.pk])
    dates = [d for d in dates if d is not None]
    if not dates:
        dates = [today]
    start = _month_start(min(dates))
    end = _next_month(max(dates))
    total_days = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        return round(PAD + CHART_WIDTH * (day - start).days / total_days, 1)

    rows = []
    y = HEADER_HEIGHT
    for line in lines:
        row = TimelineRow(
            title=line.title,
            url=getattr(line, "url", None) or line.get_absolute_url(),
            status=line.status,
            # One translation per status, not per line.
            status_label=status_labels.get(line.status)
            or status_labels.setdefault(line.status, str(line.get_status_display())),
            start=line.start_date,
            end=line.end_date,
            baseline_start=line.baseline_start or line.start_date,
            baseline_end=line.baseline_end or line.end_date,
            x_start=x_of(line.start_date),
            x_end=x_of(line.end_date + datetime.timedelta(days=1)),
            x_baseline_start=x_of(line.baseline_start or line.start_date),
            x_baseline_end=x_of((line.baseline_end or line.end_date) + datetime.timedelta(days=1)),
            y=y,
            slipped_days=line.slipped_days,
        )
        for milestone in milestones_of[line.pk]:
            outside = outside_period(milestone.due_date, line.start_date, line.end_date)
            due_x = (
                row.x_start
                if outside == BEFORE
                else row.x_end
                if outside == AFTER
                else x_of(milestone.due_date)
            )
            done = milestone.completed_on
            row.milestones.append(
                TimelineMilestone(
                    title=milestone.title,
                    due_date=milestone.due_date,
                    state=milestone_state(milestone, today),
                    x=x_of(done) if done else due_x,
                    due_x=due_x,
                    completed_on=done,
                    outside=outside,
                )
            )
        row.height = ROW_HEIGHT + _place_labels(row.milestones) * LANE_HEIGHT
        rows.append(row)
        y += row.height

    today_x = x_of(today) if start <= today < end else None
    return Timeline(
        start=start,
        end=end,
        today=today,
        today_x=today_x,
        months=_months(start, end, x_of),
        rows=rows,
        width=CHART_WIDTH + 2 * PAD,
        height=round(y + 10),
    )


def _month_names() -> dict[int, str]:
    return month_names()


def date_formatter():
    """``_date`` for one drawing: the month names translated once, not per date."""
    return dates.date_formatter()


def month_year_formatter():
    """``|month_year`` for a page of dates: the month names translated once."""
    return dates.month_year_formatter()
