"""Where the map puts each node, its name and each line, so that no line runs
through a name and no two names overlap — by construction, at 30 organisations
as at 300.

The two poles face each other across an open channel: MRA's nodes on its left
edge with their names to their left, Brainport's on its right edge with their
names to their right. The other regions' nodes stand in a row along the top
of the channel, their names rising at 45° above the row. Every line stays
inside the channel: between the poles straight across, to a node of the row
arriving from below, within a pole bulging into the channel, along the row
arching below it. Names are outside the channel or above the row, so no line
reaches one. The channel is as wide as the row needs and the page allows.
"""

import math
from dataclasses import dataclass

MRA, BRAINPORT, OTHER = "mra", "brainport", "other"
COLUMNS = (MRA, OTHER, BRAINPORT)

WIDTH = 1120  # what the page offers at a laptop's width
MARGIN = 12
LEGEND_HEIGHT = 58
ROW = 16  # between the nodes of a pole, one name high and a little
ROW_STEP = 18  # between the nodes of the row: rotated names stay 12.7 apart
MIN_CHANNEL = 420
FONT_SIZE = 11
CHAR_WIDTH = 6.4  # generous for an 11 px sans-serif: a name's box is never too short
LABEL_HEIGHT = 12
LABEL_CHARS = 40
LABEL_GAP = 4
ANGLE = math.radians(45)


def label_text(label: str) -> str:
    """The name as drawn; a longer one ends in "…" (its full name is in the
    node's tooltip and in the list under the map)."""
    if len(label) <= LABEL_CHARS:
        return label
    return label[: LABEL_CHARS - 1].rstrip() + "…"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


@dataclass(frozen=True)
class Box:
    """A name's box: an upright rectangle turned by ``angle`` (radians,
    counter-clockwise on screen) around ``(cx, cy)``."""

    left: float
    top: float
    right: float
    bottom: float
    cx: float = 0.0
    cy: float = 0.0
    angle: float = 0.0

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        if self.angle:
            # Turn the point back by the box's angle (screen y grows downwards).
            dx, dy = x - self.cx, y - self.cy
            cos, sin = math.cos(self.angle), math.sin(self.angle)
            x, y = self.cx + dx * cos - dy * sin, self.cy + dx * sin + dy * cos
        return (
            self.left - margin <= x <= self.right + margin
            and self.top - margin <= y <= self.bottom + margin
        )

    def corners(self) -> list[tuple[float, float]]:
        points = [
            (self.left, self.top),
            (self.right, self.top),
            (self.right, self.bottom),
            (self.left, self.bottom),
        ]
        if not self.angle:
            return points
        cos, sin = math.cos(-self.angle), math.sin(-self.angle)
        return [
            (
                self.cx + (x - self.cx) * cos - (y - self.cy) * sin,
                self.cy + (x - self.cx) * sin + (y - self.cy) * cos,
            )
            for x, y in points
        ]


def label_box(node) -> Box:
    width = text_width(node.short_label)
    half = LABEL_HEIGHT / 2
    offset = node.radius + LABEL_GAP
    if node.column == MRA:
        return Box(node.x - offset - width, node.y - half, node.x - offset, node.y + half)
    box = (node.x + offset, node.y - half, node.x + offset + width, node.y + half)
    if node.column == BRAINPORT:
        return Box(*box)
    return Box(*box, cx=node.x, cy=node.y, angle=ANGLE)


@dataclass
class Geometry:
    width: int
    height: int
    mra_x: float
    brainport_x: float
    row_y: float
    pole_top: float
    row_start: float  # the first node of the row: its heading stands left of it


def place(columns: dict[str, list]) -> Geometry:
    """Set ``x`` and ``y`` of every node (each column already in its order)."""

    def widest(nodes) -> float:
        return max((text_width(n.short_label) + n.radius + LABEL_GAP for n in nodes), default=40)

    left, right, top = widest(columns[MRA]), widest(columns[BRAINPORT]), widest(columns[OTHER])
    row = columns[OTHER]
    mra_x = MARGIN + left
    channel = max(MIN_CHANNEL, len(row) * ROW_STEP + 80, WIDTH - 2 * MARGIN - left - right)
    brainport_x = mra_x + channel
    row_y = LEGEND_HEIGHT + (top * math.sin(ANGLE) + 16 if row else 0)
    pole_top = row_y + (44 if row else 12)

    step = ROW_STEP if len(row) < 2 else max(ROW_STEP, min(60, (channel - 80) / (len(row) - 1)))
    start = mra_x + (channel - step * (len(row) - 1)) / 2
    reach = brainport_x
    for position, node in enumerate(row):
        node.x, node.y = round(start + position * step, 1), round(row_y, 1)
        reach = max(reach, node.x + (node.radius + LABEL_GAP + text_width(node.short_label)) * 0.75)
    for name, x in ((MRA, mra_x), (BRAINPORT, brainport_x)):
        for position, node in enumerate(columns[name]):
            node.x, node.y = round(x, 1), round(pole_top + position * ROW + ROW / 2, 1)

    longest = max(len(columns[MRA]), len(columns[BRAINPORT]), 1)
    return Geometry(
        width=math.ceil(max(brainport_x + right, reach) + MARGIN),
        height=math.ceil(pole_top + longest * ROW + 24),
        mra_x=mra_x,
        brainport_x=brainport_x,
        row_y=row_y,
        pole_top=pole_top,
        row_start=start,
    )


def link_path(a, b) -> str:
    """A cubic curve from ``a`` to ``b`` that stays inside the channel (its
    control points are, and a cubic curve stays within their hull)."""
    if a.column == OTHER and b.column == OTHER:
        dip = 18 + abs(a.x - b.x) / 6
        controls = ((a.x, a.y + dip), (b.x, b.y + dip))
    elif OTHER in (a.column, b.column):
        pole, node = (b, a) if a.column == OTHER else (a, b)
        rise = (pole.y - node.y) / 2
        direction = 1 if pole.column == MRA else -1
        reach = min(abs(node.x - pole.x) / 2, 120)
        controls = ((pole.x + direction * reach, pole.y), (node.x, node.y + rise))
        a, b = pole, node
    elif a.column == b.column:
        bulge = min(180.0, 24 + abs(a.y - b.y) / 3)
        c = a.x + (-1 if a.column == BRAINPORT else 1) * bulge
        controls = ((c, a.y), (c, b.y))
    else:
        middle = (a.x + b.x) / 2
        controls = ((middle, a.y), (middle, b.y))
    (c1x, c1y), (c2x, c2y) = controls
    return f"M{a.x:.1f},{a.y:.1f} C{c1x:.1f},{c1y:.1f} {c2x:.1f},{c2y:.1f} {b.x:.1f},{b.y:.1f}"


def path_points(path: str, samples: int = 24) -> list[tuple[float, float]]:
    """Points along a path written by ``link_path`` (for the layout's tests)."""
    numbers = [float(n) for n in path.replace("M", " ").replace("C", " ").replace(",", " ").split()]
    (x0, y0, x1, y1, x2, y2, x3, y3) = numbers
    points = []
    for step in range(samples + 1):
        t = step / samples
        u = 1 - t
        points.append(
            (
                u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
            )
        )
    return points
