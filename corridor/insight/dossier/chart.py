"""The corridor-index chart of the dossier: one geometry, drawn twice.

``index_chart`` lays out the chart — a plot area with a y axis 0–100% (ticks
every 25), an x axis with a tick per month, both axes titled, a line per run of
known values — and its text alternative (every month and its value in words).
The print page draws it as SVG (``insight/_dossier_chart.html``); the DOCX
gets the same drawing as a PNG made with Pillow (``chart_png``), with the text
alternative as the picture's description.
"""

import io
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont

from . import dates

INK = (31, 41, 55)
MUTED = (75, 85, 99)
GRID = (209, 213, 219)
LINE = (109, 40, 217)


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: list[tuple[float, str]]  # (y, label)
    x_ticks: list[tuple[float, str]]  # (x, label)
    segments: list[list[tuple[float, float]]]
    points: list[tuple[float, float]]
    x_title: str
    y_title: str
    description: str

    @property
    def x_title_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def y_title_y(self) -> float:
        return (self.top + self.bottom) / 2

    def polylines(self) -> list[str]:
        return [" ".join(f"{x},{y}" for x, y in segment) for segment in self.segments]


def index_chart(series, *, width: int = 640, height: int = 260) -> Chart:
    left, right, top, bottom = 64, width - 16, 14, height - 52
    span = max(1, len(series) - 1)

    def x_of(position: int) -> float:
        return round(left + (right - left) * position / span, 1)

    def y_of(percent: float) -> float:
        return round(bottom - (bottom - top) * percent / 100, 1)

    segments, current, points, words = [], [], [], []
    for position, point in enumerate(series):
        value = "–" if point.percent is None else f"{point.percent}%"
        words.append(f"{dates.month(point.on)}: {value}")
        if point.value is None:
            if current:
                segments.append(current)
                current = []
            continue
        xy = (x_of(position), y_of(point.value * 100))
        current.append(xy)
        points.append(xy)
    if current:
        segments.append(current)
    description = ""
    if series:
        description = _(
            "Line chart of the corridor index by month, from %(first)s to %(last)s, "
            "on a scale of 0 to 100%%. %(values)s."
        ) % {
            "first": dates.month(series[0].on),
            "last": dates.month(series[-1].on),
            "values": "; ".join(words),
        }
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        y_ticks=[(y_of(value), f"{value}%") for value in (0, 25, 50, 75, 100)],
        x_ticks=[(x_of(i), dates.month_tick(point.on)) for i, point in enumerate(series)],
        segments=segments,
        points=points,
        x_title=_("Month (%(first)s – %(last)s)")
        % {"first": dates.month(series[0].on), "last": dates.month(series[-1].on)}
        if series
        else _("Month"),
        y_title=_("Corridor index (%)"),
        description=description,
    )


FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans.ttf",
)


@cache
def _font(size: int):
    """DejaVu Sans where the system has it (every dash and accent), else Pillow's own."""
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType: its bitmap font
        return ImageFont.load_default()


def chart_png(chart: Chart, *, scale: int = 3) -> bytes:
    """The chart as a PNG, ``scale`` times its size in points, for print."""
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    s = scale
    small, title = _font(11 * s), _font(12 * s)
    for y, label in chart.y_ticks:
        draw.line([(chart.left * s, y * s), (chart.right * s, y * s)], fill=GRID, width=s)
        draw.text(((chart.left - 6) * s, y * s), label, fill=MUTED, font=small, anchor="rm")
    draw.line(
        [(chart.left * s, chart.top * s), (chart.left * s, chart.bottom * s)], fill=INK, width=s
    )
    draw.line(
        [(chart.left * s, chart.bottom * s), (chart.right * s, chart.bottom * s)],
        fill=INK,
        width=s,
    )
    for x, label in chart.x_ticks:
        draw.line([(x * s, chart.bottom * s), (x * s, (chart.bottom + 4) * s)], fill=INK, width=s)
        draw.text((x * s, (chart.bottom + 7) * s), label, fill=MUTED, font=small, anchor="mt")
    for segment in chart.segments:
        if len(segment) > 1:
            draw.line([(x * s, y * s) for x, y in segment], fill=LINE, width=3 * s, joint="curve")
    for x, y in chart.points:
        r = 3.5 * s
        draw.ellipse([(x * s - r, y * s - r), (x * s + r, y * s + r)], fill=LINE)
    draw.text(
        (chart.x_title_x * s, (chart.height - 6) * s),
        chart.x_title,
        fill=INK,
        font=title,
        anchor="md",
    )
    label = Image.new("RGB", (int((chart.bottom - chart.top) * s), 16 * s), "white")
    ImageDraw.Draw(label).text(
        (label.width / 2, label.height / 2), chart.y_title, fill=INK, font=title, anchor="mm"
    )
    image.paste(label.rotate(90, expand=True), (4 * s, int(chart.top * s)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
