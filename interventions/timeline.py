"""The timeline of an intervention's action lines, drawn as SVG on the server.

One row per action line: its baseline as a faint bar behind, the planned span
as a bar in front (so slippage shows), milestones as diamonds, a line for
today, and months along the top. Milestone states differ in shape, not only in
colour: done is a filled diamond with a tick, overdue a diamond with an
exclamation mark and a heavy outline, upcoming an open diamond.

``build_timeline`` does the arithmetic (easy to test); ``render_svg`` turns it
into markup, escaping every text it writes.
"""

import datetime
import html
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import NamedTuple

from django.utils import formats
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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
    while cursor < end:
        index = (cursor.year - start.year) * 12 + cursor.month - start.month
        if index % step == 0:
            label = formats.date_format(cursor, "M")
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


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def escape(text) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper: a timeline
    escapes thousands of short texts."""
    return html.escape(str(text))


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j M Y")


def _month_names() -> dict[int, str]:
    """The "M" of a date format in the active language: "Jan", "Feb", …"""
    return {number: name.title() for number, name in MONTHS_3.items()}


def _date_formatter():
    """``_date`` for one drawing: the month names translated once, not per date."""
    months = _month_names()
    return lambda day: f"{day.day} {months[day.month]} {day.year:04d}"


def month_year_formatter():
    """``|date:"M Y"`` for a page of dates: the month names translated once."""
    months = _month_names()
    return lambda day: f"{months[day.month]} {day.year:04d}"


# Presentation attributes rather than a <style> element, so the SVG looks the
# same inline under a strict Content-Security-Policy and when saved on its own.
PAINT = {
    "tl-month": 'font-size="11" fill="#4a5563"',
    "tl-grid": 'stroke="#e3e6ea" stroke-width="1"',
    "tl-label": 'font-size="12" fill="#14406b"',
    "tl-status": 'font-size="10" fill="#4a5563"',
    "tl-baseline": 'fill="#d3d8de"',
    "tl-bar--planned": 'fill="#5b7fa6"',
    "tl-bar--active": 'fill="#14406b"',
    "tl-bar--at_risk": 'fill="#8a5a00"',
    "tl-bar--done": 'fill="#2f6b3c"',
    "tl-bar--cancelled": 'fill="#9aa3ad"',
    "tl-today": 'stroke="#b4481b" stroke-width="2" stroke-dasharray="4 3"',
    "tl-today-label": 'font-size="11" fill="#b4481b" font-weight="600"',
    "ms--done": 'fill="#2f6b3c" stroke="#1c5a2c" stroke-width="1.5"',
    "ms--upcoming": 'fill="#ffffff" stroke="#1b2430" stroke-width="1.5"',
    "ms--overdue": 'fill="#fae5e2" stroke="#8a2315" stroke-width="2.5"',
    "ms-glyph--done": 'fill="none" stroke="#ffffff" stroke-width="1.8" stroke-linecap="round"',
    "ms-glyph--overdue": 'fill="none" stroke="#8a2315" stroke-width="1.8" stroke-linecap="round"',
}


def _paint(name: str) -> str:
    return PAINT.get(name, "")


def _number(value: float) -> str:
    """A coordinate as short as it reads: ``59`` for 59.0, ``252.7`` for
    252.70000000000002 (coordinates are laid out to a tenth)."""
    return f"{round(value, 1):g}"


def _attribute(value) -> str:
    # Numbers need no escaping; a timeline has thousands of them.
    return _number(value) if isinstance(value, int | float) else escape(value)


def _tag(name: str, cls: str, paint: str = "", content: str | None = None, **attrs) -> str:
    """One SVG element; attribute values are escaped, ``content`` must be."""
    parts = [f'class="{escape(cls)}"']
    if paint := _paint(paint or cls.split()[-1]):
        parts.append(paint)
    parts += [f'{key.replace("_", "-")}="{_attribute(value)}"' for key, value in attrs.items()]
    opening = f"<{name} {' '.join(parts)}"
    return f"{opening}/>" if content is None else f"{opening}>{content}</{name}>"


def _opening(name: str, cls: str) -> str:
    """The start of ``_tag(name, cls, …)``: its class and paint, which never vary."""
    return _tag(name, cls)[:-2]


# A timeline draws hundreds of markers: their fixed parts are built once.
_MARKER = {state: _opening("polygon", f"ms ms--{state}") for state in (DONE, OVERDUE, UPCOMING)}
_GLYPH = {state: _opening("path", f"ms-glyph ms-glyph--{state}") for state in (DONE, OVERDUE)}


def diamond_svg(state: str, cx: float, cy: float, size: float = DIAMOND) -> str:
    """A milestone marker; shape and glyph say its state without colour."""
    # Coordinates are numbers: nothing to escape.
    x, y = _number(cx), _number(cy)
    points = (
        f"{x},{_number(cy - size)} {_number(cx + size)},{y} "
        f"{x},{_number(cy + size)} {_number(cx - size)},{y}"
    )
    shape = f'{_MARKER[state]} points="{points}"/>'
    if state == DONE:
        return shape + f'{_GLYPH[DONE]} d="M{_number(cx - 3.2)},{y} l2.3,2.4 l4,-4.6"/>'
    if state == OVERDUE:
        return (
            shape
            + f'{_GLYPH[OVERDUE]} d="M{x},{_number(cy - 4)} v4.8 M{x},{_number(cy + 2.4)} v1.6"/>'
        )
    return shape


def marker_id(state: str) -> str:
    """The id of the timeline's one drawing of a ``state`` marker, which each
    milestone of that state places with ``<use>``."""
    return f"tl-ms-{state}"


def _marker_defs() -> str:
    markers = "".join(
        f'<g id="{marker_id(state)}">{diamond_svg(state, 0, 0)}</g>'
        for state in (DONE, OVERDUE, UPCOMING)
    )
    return f"<defs>{markers}</defs>"


def _state_label(state: str) -> str:
    return {DONE: _("done"), OVERDUE: _("overdue"), UPCOMING: _("upcoming")}[state]


def render_svg(timeline: Timeline, *, title: str = "") -> SafeString:
    """The timeline as an accessible inline SVG (role img, title and description)."""
    # Hundreds of milestones: month names and state labels are translated once.
    _date = _date_formatter()
    state_labels = {state: _state_label(state) for state in (DONE, OVERDUE, UPCOMING)}
    heading = title or _("Timeline of the action lines")
    description = _(
        "%(count)s action lines from %(start)s to %(end)s. Bars show the planned period, "
        "the faint bar behind it the baseline; diamonds are milestones."
    ) % {"count": len(timeline.rows), "start": _date(timeline.start), "end": _date(timeline.end)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" role="img" '
        f'viewBox="0 0 {timeline.width} {timeline.height}" '
        f'width="{timeline.width}" height="{timeline.height}" '
        f'aria-labelledby="tl-title tl-desc">',
        f'<title id="tl-title">{escape(heading)}</title>',
        f'<desc id="tl-desc">{escape(description)}</desc>',
        _marker_defs(),
    ]
    # Each milestone places its state's marker: the fixed parts, built once.
    milestone_start = {
        state: f'<g class="tl-milestone" data-state="{state}"><title>'
        for state in (DONE, OVERDUE, UPCOMING)
    }
    milestone_use = {
        state: f'</title><use href="#{marker_id(state)}" x="' for state in (DONE, OVERDUE, UPCOMING)
    }
    bottom = timeline.height - 6
    for month in timeline.months:
        out.append(
            _tag("line", "tl-grid", x1=month.x, y1=HEADER_HEIGHT - 14, x2=month.x, y2=bottom)
        )
        out.append(
            _tag(
                "text", "tl-month", content=escape(month.label), x=month.x + 3, y=HEADER_HEIGHT - 20
            )
        )
    # Each row's texts and bars: their classes and paint, built once.
    label_start, status_start = _opening("text", "tl-label"), _opening("text", "tl-status")
    baseline_start = _opening("rect", "tl-baseline")
    bars: dict[str, str] = {}

    def bar_start(status: str) -> str:
        if status not in bars:
            bars[status] = _opening("rect", f"tl-bar tl-bar--{status}")
        return bars[status]

    for row in timeline.rows:
        mid = row.y + ROW_HEIGHT / 2
        y = _number(mid)
        baseline_y, bar_y = _number(mid - BASELINE_HEIGHT / 2), _number(mid - BAR_HEIGHT / 2)
        slipped = (
            " " + _("%(days)s days later than the baseline") % {"days": row.slipped_days}
            if row.slipped_days
            else ""
        )
        baseline_tip = _("Baseline: %(start)s – %(end)s") % {
            "start": _date(row.baseline_start),
            "end": _date(row.baseline_end),
        }
        bar_tip = (
            f"{row.title}: {_date(row.start)} – {_date(row.end)} ({row.status_label}){slipped}"
        )
        out.append(
            f'<g class="tl-row" data-status="{escape(row.status)}">'
            f'<a href="{escape(row.url)}">{label_start} x="4" y="{_number(mid - 2)}">'
            f"{escape(_short(row.title))}</text></a>"
            f'{status_start} x="4" y="{_number(mid + 11)}">{escape(row.status_label)}</text>'
            f'{baseline_start} x="{_number(row.x_baseline_start)}" y="{baseline_y}" '
            f'width="{_number(max(row.x_baseline_end - row.x_baseline_start, 1))}" '
            f'height="{BASELINE_HEIGHT}" rx="3"><title>{escape(baseline_tip)}</title></rect>'
            f'{bar_start(row.status)} x="{_number(row.x_start)}" y="{bar_y}" '
            f'width="{_number(max(row.x_end - row.x_start, 1))}" '
            f'height="{BAR_HEIGHT}" rx="3"><title>{escape(bar_tip)}</title></rect>'
        )
        for milestone in row.milestones:
            state = milestone.state
            tip = f"{milestone.title}: {_date(milestone.due_date)} ({state_labels[state]})"
            out.append(
                f"{milestone_start[state]}{escape(tip)}{milestone_use[state]}"
                f'{_number(milestone.x)}" y="{y}"/></g>'
            )
        out.append("</g>")
    if timeline.today_x is not None:
        x = timeline.today_x
        out.append(_tag("line", "tl-today", x1=x, y1=HEADER_HEIGHT - 10, x2=x, y2=bottom))
        out.append(
            _tag("text", "tl-today-label", content=escape(_("today")), x=x + 3, y=HEADER_HEIGHT - 4)
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def legend_marker(state: str) -> SafeString:
    """A small standalone SVG of one milestone marker, for the legend."""
    return mark_safe(  # noqa: S308 - fixed markup
        '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">'
        f"{diamond_svg(state, 9, 9)}</svg>"
    )


def legend(states: Iterable[str] = (DONE, OVERDUE, UPCOMING)) -> list[tuple[SafeString, str]]:
    return [(legend_marker(state), _state_label(state)) for state in states]
