"""One date style per language, for every date the dossier writes.

A day is written out in full ("5 december 2026", "5 December 2026"), a month
as month and year ("december 2026"), a chart's tick as the month alone, short
("dec" in Dutch, lower case as Dutch writes months; "Dec" in English). Never
Django's ``M``, which capitalises Dutch months ("Mrt").
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def month(value: datetime.date | None) -> str:
    return date_format(value, "F Y") if value else ""


def month_tick(value: datetime.date) -> str:
    return date_format(value, "b" if (get_language() or "nl")[:2] == "nl" else "M")


def period(start: datetime.date | None, end: datetime.date | None) -> str:
    """``start – end`` by month; one side alone when the other is not planned."""
    if start and end:
        return f"{month(start)} – {month(end)}"
    if start:
        return _("from %(month)s") % {"month": month(start)}
    if end:
        return _("until %(month)s") % {"month": month(end)}
    return _("not planned yet")
