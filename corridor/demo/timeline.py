"""Writing history in the past: events on past working days, run in order.

The demo's year happens through the same services the portal calls. Each
event gets a moment on a past working day (weekends move to the Friday
before); events run oldest first, and each writes with that moment:

- the services take it where they read the clock themselves
  (``transition_use_case(when=…)``, ``record_assessment(when=…)``,
  ``complete_milestone(when=…)``);
- an instance about to be saved carries it as ``_history_date``, which
  django-simple-history documents for a history record's date (and uses for
  the many-to-many records saved with it);
- ``created``/``updated`` columns (``auto_now_add``/``auto_now``, which always
  take the real clock on save) are set to it afterwards with one UPDATE, in
  the row and in the history record the save wrote.

So the activity feed, a use case's status record, an agenda's versions, the
corridor index of any past day and the digests all read the same year.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.utils import timezone

from corridor.writes import save_with_history

WORKDAY_START = datetime.time(9, 0)
WORKDAY_MINUTES = 8 * 60


def working_day(day: datetime.date) -> datetime.date:
    """``day``, or the Friday before when it falls in a weekend."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


@dataclass(order=True)
class _Event:
    day: datetime.date
    offset: int
    seq: int
    action: Callable = field(compare=False)


class Timeline:
    """Events by day offset from ``today``; ``run`` calls each as ``action(when)``."""

    def __init__(self, today: datetime.date):
        self.today = today
        self._events: list[_Event] = []

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    def at(self, offset: int, action: Callable[[datetime.datetime], object]) -> None:
        if offset >= 0:
            raise ValueError(f"An event of the demo's past cannot happen on day {offset}.")
        day = working_day(self.day(offset))
        self._events.append(_Event(day, offset, len(self._events), action))

    def run(self) -> int:
        """Run every event oldest first, each at its own moment within the
        working day (in the order they were scheduled on the same day)."""
        events = sorted(self._events)
        per_day = Counter(event.day for event in events)
        seen: Counter = Counter()
        for event in events:
            step = max(1, min(37, WORKDAY_MINUTES // per_day[event.day]))
            minutes = seen[event.day] * step + (event.seq * 7) % max(1, step // 3)
            seen[event.day] += 1
            start = datetime.datetime.combine(event.day, WORKDAY_START)
            when = timezone.make_aware(start + datetime.timedelta(minutes=minutes))
            event.action(when)
        return len(events)


def _clock_fields(model, *, created: bool) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or (created and getattr(f, "auto_now_add", False))
    ]


def stamp(obj, when: datetime.datetime, *, created: bool = False):
    """Set ``obj``'s ``updated`` (and with ``created`` its ``created``) to
    ``when``, in the row and in its history records of that moment."""
    model = type(obj)
    names = _clock_fields(model, created=created)
    if not names:
        return obj
    values = dict.fromkeys(names, when)
    model._default_manager.filter(pk=obj.pk).update(**values)
    history = getattr(model, "history", None)
    if history is not None:
        history.filter(id=obj.pk, history_date=when).update(**values)
    for name in names:
        setattr(obj, name, when)
    return obj


def written_at(obj, when: datetime.datetime, write: Callable[[], object]):
    """Run ``write`` — a service call that saves ``obj`` itself (and maybe its
    many-to-many fields) — as of ``when``; returns what it returns."""
    created = obj.pk is None
    obj._history_date = when
    try:
        result = write()
    finally:
        del obj._history_date
    stamp(obj, when, created=created)
    return result


def saved_at(obj, when: datetime.datetime, *, actor):
    """The validated save with history, as of ``when``."""
    return written_at(obj, when, lambda: save_with_history(obj, actor=actor))
