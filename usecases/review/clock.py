"""The review clock (``ReviewClock``): how long a use case has waited in its
status, paused while the partner holds it. Moved by every status move."""

import datetime

from django.conf import settings
from django.utils import timezone

from ..models import ReviewClock
from ..models import UseCaseStatus as S

WAITING = (S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION_REQUESTED)


def required_assessments() -> int:
    return settings.CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED


def wait_days() -> int:
    return settings.CORRIDOR_REVIEW_WAIT_DAYS


def move_clock(change) -> None:
    """Start, pause, resume or stop the clock of ``change``'s use case."""
    use_case_id = change.use_case_id
    when = change.created
    source, target = change.from_status, change.to_status
    if target not in WAITING:
        ReviewClock.objects.filter(use_case_id=use_case_id).delete()
        return
    if target == S.MORE_INFORMATION_REQUESTED:
        ReviewClock.objects.filter(use_case_id=use_case_id, paused_since__isnull=True).update(
            paused_since=when
        )
        return
    if target == S.IN_REVIEW and source == S.MORE_INFORMATION_REQUESTED:
        clock = ReviewClock.objects.filter(use_case_id=use_case_id).first()
        if clock is None:
            ReviewClock.objects.create(use_case_id=use_case_id, started=when)
            return
        if clock.paused_since is not None:
            held = max(0, int((when - clock.paused_since).total_seconds()))
            clock.paused_seconds += held
            clock.paused_since = None
            clock.save(update_fields=["paused_seconds", "paused_since"])
        return
    ReviewClock.objects.update_or_create(
        use_case_id=use_case_id,
        defaults={"started": when, "paused_seconds": 0, "paused_since": None},
    )


def overdue(clock, now=None) -> bool:
    return clock is not None and clock.days(now) > wait_days()


def waiting_cutoff(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=wait_days())
