"""The portal's one way of writing a short date, per language.

Django's ``M`` capitalises a month's abbreviation in every language ("Mrt",
"Mei"), but Dutch writes its months in lower case ("mrt", "mei"): these
write the abbreviation as the language writes the month's full name — "5 mrt
2026" and "mrt 2026" in Dutch, "5 Mar 2026" and "Mar 2026" in English. Pages,
charts and the timeline all use them (templates through the ``short_date``
and ``month_year`` filters).
"""

import datetime

from django.utils.dates import MONTHS
from django.utils.dates import MONTHS_3


def month_names() -> dict[int, str]:
    """Short month names in the active language, capitalised as the language
    writes its months."""
    capitalised = {number: str(name)[:1].isupper() for number, name in MONTHS.items()}
    return {
        number: name.title() if capitalised[number] else str(name)
        for number, name in MONTHS_3.items()
    }


def date_formatter():
    """``short_date`` for many dates: the month names translated once."""
    months = month_names()
    return lambda day: f"{day.day} {months[day.month]} {day.year:04d}"


def month_year_formatter():
    """``month_year`` for many dates: the month names translated once."""
    months = month_names()
    return lambda day: f"{months[day.month]} {day.year:04d}"


def short_date(day: datetime.date) -> str:
    return date_formatter()(day)


def month_year(day: datetime.date) -> str:
    return month_year_formatter()(day)
