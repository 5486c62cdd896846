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

from django.utils.dates import MONTHS
from django.utils.dates import MONTHS_3

LABEL_WIDTH = 240
CHART_WIDTH = 760
HEADER_HEIGHT = 44
ROW_HEIGHT = 34
BAR_HEIGHT = 14
BASELINE_HEIGHT = 22
DIAMOND = 7
MAX_LABEL_CHARS = 34

DONE = "done"
OVERDUE = "overdue"
UPCOMING = "upcoming"


@dataclass
class TimelineMilestone:
    title: str
    due_date: datetime.date
    state: str
    x: float


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
        dates += [line.start_date, line.end_date, line.baseline_start, line.baseline_end]
        dates += [m.due_date for m in milestones_of[line.pk]]
    dates = [d for d in dates if d is not None]
    if not dates:
        dates = [today]
    start = _month_start(min(dates))
    end = _next_month(max(dates))
    total_days = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + CHART_WIDTH * (day - start).days / total_days, 1)

    months = []
    cursor = start
    span_months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if span_months <= 18 else 3 if span_months <= 48 else 6
    month_name = _month_names()
    while cursor < end:
        index = (cursor.year - start.year) * 12 + cursor.month - start.month
        if index % step == 0:
            label = month_name[cursor.month]
            if cursor.month == 1 or not months:
                label = f"{label} {cursor.year}"
            months.append(Month(first_day=cursor, x=x_of(cursor), label=label))
        cursor = _next_month(cursor)

    rows = []
    for index, line in enumerate(lines):
        y = HEADER_HEIGHT + index * ROW_HEIGHT
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
            row.milestones.append(
                TimelineMilestone(
                    title=milestone.title,
                    due_date=milestone.due_date,
                    state=milestone_state(milestone, today),
                    x=x_of(milestone.due_date),
                )
            )
        rows.append(row)

    today_x = x_of(today) if start <= today < end else None
    return Timeline(
        start=start,
        end=end,
        today=today,
        today_x=today_x,
        months=months,
        rows=rows,
        width=LABEL_WIDTH + CHART_WIDTH + 10,
        height=HEADER_HEIGHT + max(len(rows), 1) * ROW_HEIGHT + 10,
    )


def _month_names() -> dict[int, str]:
    """Short month names in the active language, capitalised as the language
    writes its months: "Jan", "Feb", … in English, "jan", "feb", … in Dutch
    (Django's "M" capitalises them in every language)."""
    capitalised = {number: str(name)[:1].isupper() for number, name in MONTHS.items()}
    return {
        number: name.title() if capitalised[number] else str(name)
        for number, name in MONTHS_3.items()
    }


def date_formatter():
    """``_date`` for one drawing: the month names translated once, not per date."""
    months = _month_names()
    return lambda day: f"{day.day} {months[day.month]} {day.year:04d}"


def month_year_formatter():
    """``|date:"M Y"`` for a page of dates: the month names translated once."""
    months = _month_names()
    return lambda day: f"{months[day.month]} {day.year:04d}"
