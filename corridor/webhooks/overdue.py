"""``milestone.overdue``: published once per milestone and due date, the day
after the due date has passed without the milestone done (a daily beat entry;
the last week is looked at, so a missed night catches up)."""

import datetime

from django.utils import timezone

from interventions.models import Milestone

from .models import EventType
from .services import record

LOOK_BACK_DAYS = 7


def publish_overdue_milestones(*, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    newly = (
        Milestone.objects.overdue(today)
        .filter(due_date__gte=today - datetime.timedelta(days=LOOK_BACK_DAYS))
        .select_related("action_line")
    )
    published = 0
    for milestone in newly:
        key = f"milestone.overdue:{milestone.pk}:{milestone.due_date.isoformat()}"
        if record(EventType.MILESTONE_OVERDUE, milestone, once_key=key) is not None:
            published += 1
    return published
