"""The timeline drawn as SVG: ``render_svg`` writes the markup of a
``Timeline`` (``interventions.timeline``), escaping every text it writes, and
``legend`` the key to its milestone markers."""

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .timeline import BAR_HEIGHT
from .timeline import BASELINE_HEIGHT
from .timeline import DIAMOND
from .timeline import DONE
from .timeline import HEADER_HEIGHT
from .timeline import MAX_LABEL_CHARS
from .timeline import OVERDUE
from .timeline import ROW_HEIGHT
from .timeline import UPCOMING
from .timeline import Timeline
from .timeline import date_formatter


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def escape(text) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper: a timeline
    escapes thousands of short texts."""
    return html.escape(str(text))


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
    _date = date_formatter()
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
