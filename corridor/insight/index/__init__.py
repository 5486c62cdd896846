"""The corridor index: how much of the corridor's work joins both poles.

``history`` reads the past from the histories (``CorridorHistory``);
``series`` answers a date, an intervention and a range of months, and keeps
the series; ``charts`` draws it.
"""

from .history import INTERVALS
from .history import MAX_POINTS
from .history import CorridorHistory
from .history import CorridorIndex
from .history import IndexPart
from .series import cached_corridor_index_series
from .series import corridor_index
from .series import corridor_index_by_intervention
from .series import corridor_index_series
from .series import default_series_range
from .series import month_points

__all__ = [
    "INTERVALS",
    "MAX_POINTS",
    "CorridorHistory",
    "CorridorIndex",
    "IndexPart",
    "cached_corridor_index_series",
    "corridor_index",
    "corridor_index_by_intervention",
    "corridor_index_series",
    "default_series_range",
    "month_points",
]
