"""The map of the corridor: organisations by region, joined by shared work."""

from .graph import CROSS_COLOUR
from .graph import build_network
from .graph import pole_regions

__all__ = ["CROSS_COLOUR", "build_network", "pole_regions"]
