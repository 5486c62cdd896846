"""A small SVG line chart of the corridor index, computed on the server."""

from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass
class ChartPoint:
    x: float
    y: float
    label: str
    percent: int | None


@dataclass
class LineChart:
    width: int
    height: int
    segments: list[str]  # polyline "x,y x,y" strings; a gap where there is no value
    points: list[ChartPoint]
    gridlines: list[tuple[float, str]]  # (y, label)
    first_label: str
    last_label: str
    left: int
    right: int


def index_line_chart(series, *, width: int = 360, height: int = 120) -> LineChart:
    """A line per run of known values, 0–100% on the y axis, one point per month."""
    left, right, top, bottom = 34, width - 8, 8, height - 20
    span = max(1, len(series) - 1)

    def x_of(position: int) -> float:
        return round(left + (right - left) * position / span, 1)

    def y_of(percent: float) -> float:
        return round(bottom - (bottom - top) * percent / 100, 1)

    points, segments, current = [], [], []
    for position, point in enumerate(series):
        label = date_format(point.on, "M Y")
        if point.value is None:
            if current:
                segments.append(" ".join(current))
                current = []
            continue
        percent = point.value * 100
        chart_point = ChartPoint(x_of(position), y_of(percent), label, point.percent)
        points.append(chart_point)
        current.append(f"{chart_point.x},{chart_point.y}")
    if current:
        segments.append(" ".join(current))
    return LineChart(
        width=width,
        height=height,
        segments=segments,
        points=points,
        gridlines=[(y_of(value), f"{value}%") for value in (0, 50, 100)],
        first_label=date_format(series[0].on, "M Y") if series else "",
        last_label=date_format(series[-1].on, "M Y") if series else "",
        left=left,
        right=right,
    )
