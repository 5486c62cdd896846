"""What a digest says: the structured content for one period.

Computed from the history (django-simple-history records and the use cases'
``StatusChange`` rows) and the current rows. Every section is one SQL query that
counts and lists in the database — a window function numbers the rows per
intervention and only the first ``ITEM_LIMIT`` of each come back — so the
number of queries and the memory used do not grow with the number of changes.

The result is plain JSON: codes, ids, titles and ISO dates, rendered later in
each reader's language (see ``rendering.py``).
"""

from .builder import CORRIDOR_SECTIONS
from .builder import INTERVENTION_SECTIONS
from .builder import build_content
from .builder import organisations_to_cover

__all__ = ["CORRIDOR_SECTIONS", "INTERVENTION_SECTIONS", "build_content", "organisations_to_cover"]
