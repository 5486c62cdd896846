"""A small line chart of one indicator, drawn as SVG on the server.

The measured values as a line, the straight line from baseline to target it is
measured against (dashed), and the target as a marker. The chart is an image
with a title and a description saying the same in words; the page beside it
shows the values as a table. No script, no chart library.
"""

import datetime
import html
from decimal import Decimal

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 320, 130
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 12, 24
PAINT = {
    "grid": 'stroke="#e3e6ea" stroke-width="1"',
    "axis": 'font-size="10" fill="#4a5563"',
    "plan": 'fill="none" stroke="#5b7fa6" stroke-width="1.5" stroke-dasharray="5 4"',
    "measured": 'fill="none" stroke="#14406b" stroke-width="2.5"',
    "point": 'fill="#14406b"',
    "target": 'fill="#ffffff" stroke="#2f6b3c" stroke-width="2"',
    "target-label": 'font-size="10" fill="#2f6b3c" font-weight="600"',
}


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def _escape(text) -> str:
    return html.escape(str(text))


def value_text(value: Decimal | None, unit: str) -> str:
    """A value as the page writes it: ``1.250``, ``€ 40.000``, ``35%``."""
    if value is None:
        return "—"
    number = formats.number_format(
        value, decimal_pos=0 if value == int(value) else 2, use_l10n=True, force_grouping=True
    )
    if unit == "euros":
        return f"€ {number}"
    if unit == "percentage":
        return f"{number}%"
    return number


def render_chart(
    indicator, points: list[tuple[datetime.date, Decimal]], *, chart_id: str
) -> SafeString:
    """The chart of ``indicator`` with its measurements ``points`` (date, value), oldest first."""
    first = indicator.baseline_date
    last = max([indicator.target_date, *[day for day, _value in points]])
    values = [indicator.baseline_value, indicator.target_value, *[v for _d, v in points]]
    low, high = min(0, *values), max(values)
    if high == low:
        high = low + 1
    span_days = max((last - first).days, 1)

    def x(day):
        return LEFT + (WIDTH - LEFT - RIGHT) * max((day - first).days, 0) / span_days

    def y(value):
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - value) / (high - low))

    unit = indicator.unit
    parts = []
    for value in (low, high):
        level = _n(y(value))
        parts.append(
            f'<line {PAINT["grid"]} x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level}" y2="{level}"/>'
        )
        parts.append(
            f'<text {PAINT["axis"]} x="{LEFT - 4}" y="{_n(y(value) + 3)}" text-anchor="end">'
            f"{_escape(value_text(value, unit))}</text>"
        )
    for day, anchor in ((first, "start"), (last, "end")):
        parts.append(
            f'<text {PAINT["axis"]} x="{_n(x(day))}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
            f"{_escape(formats.date_format(day, 'M Y').lower())}</text>"
        )
    parts.append(
        f'<polyline {PAINT["plan"]} points="{_n(x(first))},{_n(y(indicator.baseline_value))} '
        f'{_n(x(indicator.target_date))},{_n(y(indicator.target_value))}"/>'
    )
    measured = [(first, indicator.baseline_value), *[(d, v) for d, v in points if d >= first]]
    if points:
        coordinates = " ".join(f"{_n(x(d))},{_n(y(v))}" for d, v in measured)
        parts.append(f'<polyline {PAINT["measured"]} points="{coordinates}"/>')
        for day, value in points:
            parts.append(f'<circle {PAINT["point"]} cx="{_n(x(day))}" cy="{_n(y(value))}" r="3"/>')
    tx, ty = x(indicator.target_date), y(indicator.target_value)
    parts.append(f'<circle {PAINT["target"]} cx="{_n(tx)}" cy="{_n(ty)}" r="5"/>')
    parts.append(
        f'<text {PAINT["target-label"]} x="{_n(tx - 8)}" y="{_n(max(ty - 8, 10))}" '
        'text-anchor="end">'
        f"{_escape(_('target'))}</text>"
    )
    title = _("%(name)s over time") % {"name": indicator.name}
    description = describe(indicator, points)
    svg = (
        '<svg class="result-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{_escape(title)}</title>'
        f'<desc id="{chart_id}-d">{_escape(description)}</desc>'
        f"{''.join(parts)}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every text written above is escaped


def describe(indicator, points) -> str:
    """The chart in words: baseline, target, and the latest value."""
    unit = indicator.unit
    text = _("From %(baseline)s on %(baseline_date)s to %(target)s by %(target_date)s.") % {
        "baseline": value_text(indicator.baseline_value, unit),
        "baseline_date": formats.date_format(indicator.baseline_date),
        "target": value_text(indicator.target_value, unit),
        "target_date": formats.date_format(indicator.target_date),
    }
    if points:
        day, value = points[-1]
        text += " " + _("Latest: %(value)s on %(date)s.") % {
            "value": value_text(value, unit),
            "date": formats.date_format(day),
        }
    else:
        text += " " + _("Nothing measured yet.")
    return text
