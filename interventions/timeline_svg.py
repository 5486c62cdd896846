"""The timeline drawn as SVG: ``render_svg`` writes the markup of a
``Timeline`` (``interventions.timeline``), escaping every text it writes, and
``legend`` the key to its milestone markers."""

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .timeline import AFTER
from .timeline import BAR_HEIGHT
from .timeline import BASELINE_HEIGHT
from .timeline import BEFORE
from .timeline import DIAMOND
from .timeline import DONE
from .timeline import HEADER_HEIGHT
from .timeline import LANE_HEIGHT
from .timeline import OVERDUE
from .timeline import ROW_HEIGHT
from .timeline import UPCOMING
from .timeline import Timeline
from .timeline import date_formatter


def escape(text) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper: a timeline
    escapes thousands of short texts."""
    return html.escape(str(text))


# Presentation attributes rather than a <style> element, so the SVG looks the
# same inline under a strict Content-Security-Policy and when saved on its own.
PAINT = {
    "tl-month": 'font-size="11" fill="#4a5563"',
    "tl-grid": 'stroke="#e3e6ea" stroke-width="1"',
    "tl-grid--year": 'stroke="#9aa3ad" stroke-width="1.5"',
    "tl-ms-label": 'font-size="10" fill="#1b2430"',
    "tl-slip": 'stroke="#1b2430" stroke-width="1.5" stroke-dasharray="3 2"',
    "tl-due": 'stroke="#1b2430" stroke-width="2"',
    "tl-outside": 'fill="none" stroke="#8a2315" stroke-width="2.2" stroke-linecap="round"',
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


def milestone_tip(milestone, state_label: str, _date) -> str:
    """What a milestone says on hover and in the table: its dates, how late
    or early it was done, and whether it lies outside its line's period."""
    text = f"{milestone.title}: " + _("due %(date)s") % {"date": _date(milestone.due_date)}
    if milestone.completed_on:
        text += ", " + _("done %(date)s") % {"date": _date(milestone.completed_on)}
        if milestone.slip_days > 0:
            text += " " + ngettext(
                "(%(days)s day late)", "(%(days)s days late)", milestone.slip_days
            ) % {"days": milestone.slip_days}
        elif milestone.slip_days < 0:
            early = -milestone.slip_days
            text += " " + ngettext("(%(days)s day early)", "(%(days)s days early)", early) % {
                "days": early
            }
    else:
        text += f" ({state_label})"
    if milestone.outside == BEFORE:
        text += " — " + _("before its action line starts")
    elif milestone.outside == AFTER:
        text += " — " + _("after its action line ends")
    return text


def _milestone_svg(milestone, mid: float, row, tip: str) -> str:
    state = milestone.state
    y = _number(mid)
    parts = [f'<g class="tl-milestone" data-state="{state}"><title>{escape(tip)}</title>']
    if milestone.completed_on and milestone.x != milestone.due_x:
        # Done elsewhere than due: a line back to a tick at the due date.
        parts.append(
            _tag("line", "tl-slip", x1=milestone.due_x, y1=mid, x2=milestone.x, y2=mid)
            + _tag("line", "tl-due", x1=milestone.due_x, y1=mid - 6, x2=milestone.due_x, y2=mid + 6)
        )
    if milestone.outside:
        # Due outside the line's period: drawn at the bar's end, a chevron pointing out.
        sign = -1 if milestone.outside == BEFORE else 1
        tip_x = milestone.due_x + sign * (DIAMOND + 7)
        parts.append(
            _tag(
                "path",
                "tl-outside",
                d=f"M{_number(tip_x - sign * 4)},{_number(mid - 5)} "
                f"L{_number(tip_x)},{y} L{_number(tip_x - sign * 4)},{_number(mid + 5)}",
            )
        )
    parts.append(f'<use href="#{marker_id(state)}" x="{_number(milestone.x)}" y="{y}"/>')
    if milestone.label_lane is not None:
        label_y = row.y + ROW_HEIGHT + milestone.label_lane * LANE_HEIGHT + 7
        parts.append(
            _tag(
                "text",
                "tl-ms-label",
                content=escape(milestone.label),
                x=milestone.label_x,
                y=label_y,
                text_anchor="end" if milestone.label_end else "start",
            )
        )
    parts.append("</g>")
    return "".join(parts)


def render_svg(timeline: Timeline) -> SafeString:
    """The chart of the timeline. It is a picture only (``aria-hidden``): the
    action lines' names stand beside it as links, and the same information
    is on the page as a table (``interventions/_timeline.html``)."""
    # Hundreds of milestones: month names and state labels are translated once.
    _date = date_formatter()
    state_labels = {state: _state_label(state) for state in (DONE, OVERDUE, UPCOMING)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" aria-hidden="true" '
        f'focusable="false" viewBox="0 0 {timeline.width} {timeline.height}" '
        f'width="{timeline.width}" height="{timeline.height}">',
        _marker_defs(),
    ]
    bottom = timeline.height - 6
    for month in timeline.months:
        grid = "tl-grid tl-grid--year" if month.first_day.month == 1 else "tl-grid"
        out.append(_tag("line", grid, x1=month.x, y1=HEADER_HEIGHT - 14, x2=month.x, y2=bottom))
        out.append(
            _tag(
                "text", "tl-month", content=escape(month.label), x=month.x + 3, y=HEADER_HEIGHT - 20
            )
        )
    baseline_start = _opening("rect", "tl-baseline")
    bars: dict[str, str] = {}

    def bar_start(status: str) -> str:
        if status not in bars:
            bars[status] = _opening("rect", f"tl-bar tl-bar--{status}")
        return bars[status]

    for row in timeline.rows:
        mid = row.middle
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
            f'{baseline_start} x="{_number(row.x_baseline_start)}" y="{baseline_y}" '
            f'width="{_number(max(row.x_baseline_end - row.x_baseline_start, 1))}" '
            f'height="{BASELINE_HEIGHT}" rx="3"><title>{escape(baseline_tip)}</title></rect>'
            f'{bar_start(row.status)} x="{_number(row.x_start)}" y="{bar_y}" '
            f'width="{_number(max(row.x_end - row.x_start, 1))}" '
            f'height="{BAR_HEIGHT}" rx="3"><title>{escape(bar_tip)}</title></rect>'
        )
        for milestone in row.milestones:
            tip = milestone_tip(milestone, state_labels[milestone.state], _date)
            out.append(_milestone_svg(milestone, mid, row, tip))
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


def table_rows(timeline: Timeline) -> list[dict]:
    """The timeline as rows of text, for the table that carries the same
    information as the chart (which is a picture only)."""
    _date = date_formatter()
    state_labels = {state: _state_label(state) for state in (DONE, OVERDUE, UPCOMING)}
    return [
        {
            "title": row.title,
            "url": row.url,
            "status_label": row.status_label,
            "period": f"{_date(row.start)} – {_date(row.end)}",
            "baseline": f"{_date(row.baseline_start)} – {_date(row.baseline_end)}",
            "slipped_days": row.slipped_days,
            "milestones": [
                milestone_tip(milestone, state_labels[milestone.state], _date)
                for milestone in row.milestones
            ],
        }
        for row in timeline.rows
    ]
