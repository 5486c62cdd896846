"""A small SVG line chart of the corridor index, computed on the server."""

from dataclasses import dataclass

from corridor.dates import month_year_formatter


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

    month_year = month_year_formatter()
    points, segments, current = [], [], []
    for position, point in enumerate(series):
        label = month_year(point.on)
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
        first_label=month_year(series[0].on) if series else "",
        last_label=month_year(series[-1].on) if series else "",
        left=left,
        right=right,
    )


# A PNG of the same chart, for documents that cannot hold SVG (Word). ----------

PNG_BACKGROUND = (255, 255, 255)
PNG_GRID = (209, 213, 219)
PNG_LINE = (124, 58, 237)


class _Canvas:
    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.pixels = bytearray(PNG_BACKGROUND * (width * height))

    def dot(self, x: float, y: float, colour, radius: float = 0.0) -> None:
        reach = int(radius + 0.5)
        for dy in range(-reach, reach + 1):
            for dx in range(-reach, reach + 1):
                if dx * dx + dy * dy > radius * radius + 0.25:
                    continue
                px, py = int(round(x)) + dx, int(round(y)) + dy
                if 0 <= px < self.width and 0 <= py < self.height:
                    offset = (py * self.width + px) * 3
                    self.pixels[offset : offset + 3] = bytes(colour)

    def line(self, a, b, colour, radius: float = 0.0) -> None:
        steps = max(1, int(max(abs(b[0] - a[0]), abs(b[1] - a[1]))))
        for step in range(steps + 1):
            t = step / steps
            self.dot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, colour, radius)

    def png(self) -> bytes:
        import struct
        import zlib

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        stride = self.width * 3
        raw = b"".join(
            b"\x00" + bytes(self.pixels[row * stride : (row + 1) * stride])
            for row in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def index_chart_png(series, *, width: int = 720, height: int = 240) -> bytes:
    """The index by month as a PNG line chart (0–100%); labels go beside it as text."""
    chart = index_line_chart(series, width=width, height=height)
    canvas = _Canvas(width, height)
    for y, _label in chart.gridlines:
        canvas.line((chart.left, y), (chart.right, y), PNG_GRID)
    for segment in chart.segments:
        points = [tuple(float(v) for v in pair.split(",")) for pair in segment.split()]
        for a, b in zip(points, points[1:], strict=False):
            canvas.line(a, b, PNG_LINE, radius=1.5)
        for point in points:
            canvas.dot(*point, PNG_LINE, radius=3.5)
    return canvas.png()
