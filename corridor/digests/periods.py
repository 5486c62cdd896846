"""Digest periods: [start, end) in the portal's time zone (Europe/Amsterdam).

A weekly period runs from the digest weekday 00:00 to the same weekday 00:00
a week later (Monday by default); a daily one from 00:00 to 00:00. Both are
built from local calendar days, so a week across a daylight-saving change is
167 or 169 hours long and still starts and ends at local midnight.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Frequency

WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


class PeriodError(ValueError):
    """A period that does not fit the frequency; the message says why."""


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: datetime.date) -> datetime.datetime:
    # Midnight exists on every day in Europe/Amsterdam (DST moves at 02:00/03:00).
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=local_zone())


@dataclass(frozen=True)
class Period:
    frequency: str
    first_day: datetime.date

    @property
    def length(self) -> int:
        return 7 if self.frequency == Frequency.WEEKLY else 1

    @property
    def end_day(self) -> datetime.date:
        """The first day after the period (exclusive)."""
        return self.first_day + datetime.timedelta(days=self.length)

    @property
    def last_day(self) -> datetime.date:
        return self.end_day - datetime.timedelta(days=1)

    @property
    def start(self) -> datetime.datetime:
        return local_midnight(self.first_day)

    @property
    def end(self) -> datetime.datetime:
        return local_midnight(self.end_day)

    def previous(self) -> "Period":
        return Period(self.frequency, self.first_day - datetime.timedelta(days=self.length))


def period_starting(frequency: str, first_day: datetime.date) -> Period:
    """The period of ``frequency`` that starts on ``first_day``, or ``PeriodError``."""
    if frequency not in Frequency.values:
        raise PeriodError(
            _("Unknown digest frequency “%(frequency)s”; choose weekly or daily.")
            % {"frequency": frequency}
        )
    weekday = settings.CORRIDOR_DIGEST_WEEKDAY
    if frequency == Frequency.WEEKLY and first_day.weekday() != weekday:
        raise PeriodError(
            _("A weekly digest period starts on a %(weekday)s; %(day)s is not one.")
            % {"weekday": WEEKDAY_NAMES[weekday], "day": first_day.isoformat()}
        )
    return Period(frequency, first_day)


def last_complete_period(frequency: str, *, now: datetime.datetime | None = None) -> Period:
    """The latest period of ``frequency`` that has ended at ``now``."""
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    if frequency == Frequency.WEEKLY:
        since_start = (today.weekday() - settings.CORRIDOR_DIGEST_WEEKDAY) % 7
        end_day = today - datetime.timedelta(days=since_start)
        return period_starting(frequency, end_day - datetime.timedelta(days=7))
    return period_starting(frequency, today - datetime.timedelta(days=1))


def current_period(frequency: str, *, now: datetime.datetime | None = None) -> Period:
    """The period of ``frequency`` running at ``now``: what its next digest covers."""
    last = last_complete_period(frequency, now=now)
    return Period(frequency, last.end_day)


def next_due(frequency: str, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """When beat next builds and sends a digest of ``frequency``: at the digest
    hour on the first day after the running period (``CELERY_BEAT_SCHEDULE``)."""
    now = timezone.localtime(now or timezone.now(), local_zone())
    due = local_midnight(current_period(frequency, now=now).end_day) + datetime.timedelta(
        hours=settings.CORRIDOR_DIGEST_HOUR
    )
    # Before the hour on the period's first day, last period's digest is still to come.
    earlier = due - datetime.timedelta(days=current_period(frequency, now=now).length)
    return earlier if earlier > now else due
