"""Reads of interventions, action lines and milestones, with derived values.

Progress and overdue flags are computed by the database as annotations, so a
list of a thousand rows costs the same queries as a list of ten.
"""

import datetime

from django.db import models
from django.db.models import Count
from django.db.models import Exists
from django.db.models import ExpressionWrapper
from django.db.models import F
from django.db.models import FloatField
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Value
from django.db.models.functions import Cast
from django.db.models.functions import Coalesce
from django.db.models.functions import NullIf
from django.utils import timezone

CLOSED_STATUSES = ("done", "cancelled")


def overdue_milestone_q(today: datetime.date | None = None, prefix: str = "") -> Q:
    today = today or timezone.localdate()
    return Q(**{f"{prefix}completed_on__isnull": True, f"{prefix}due_date__lt": today})


def past_end_q(today: datetime.date) -> Q:
    """An action line past its end date and not closed (one half of overdue)."""
    return Q(end_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)


class InterventionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Interventions are public."""
        return self


class ActionLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Action lines are public."""
        return self

    def led_by(self, organisation_id):
        return self.filter(lead_organisation_id=organisation_id)

    def with_progress(self):
        """Annotate ``milestone_count``, ``milestones_done`` and ``progress`` (0..1,
        ``None`` without milestones), plus ``overdue_milestones``."""
        from .models import Milestone

        def count_of(q: Q):
            return Coalesce(
                Subquery(
                    Milestone.objects.filter(q, action_line_id=OuterRef("pk"))
                    .order_by()
                    .values("action_line_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=models.IntegerField(),
                ),
                Value(0),
            )

        today = timezone.localdate()
        return self.annotate(
            milestone_count=count_of(Q()),
            milestones_done=count_of(Q(completed_on__isnull=False)),
            overdue_milestones=count_of(overdue_milestone_q(today)),
        ).annotate(
            progress=models.Case(
                models.When(milestone_count=0, then=Value(None, output_field=FloatField())),
                default=ExpressionWrapper(
                    Cast(F("milestones_done"), FloatField())
                    / Cast(F("milestone_count"), FloatField()),
                    output_field=FloatField(),
                ),
                output_field=FloatField(),
            )
        )

    def with_progress_grouped(self):
        """``with_progress().with_overdue()`` as one join of the milestones grouped
        by action line: the same values, for the rows of a page or an export.

        The correlated subqueries of ``with_progress`` (one per count, each
        repeated inside ``progress``) make a query that grows with every count
        to compile and to plan; one join counts them all once.
        """
        today = timezone.localdate()
        return self.annotate(
            milestone_count=Count("milestones"),
            # COUNT of a column counts the rows where it is not null: the done ones.
            milestones_done=Count("milestones__completed_on"),
            overdue_milestones=Count(
                "milestones", filter=overdue_milestone_q(today, "milestones__")
            ),
        ).annotate(
            # Divided by NULL, not zero, without milestones: progress is then null.
            progress=Cast("milestones_done", FloatField())
            / NullIf(Cast("milestone_count", FloatField()), Value(0.0)),
            overdue=ExpressionWrapper(
                past_end_q(today) | Q(overdue_milestones__gt=0),
                output_field=models.BooleanField(),
            ),
        )

    def overdue(self, today: datetime.date | None = None):
        """Lines past their end date and not closed, or with an overdue milestone."""
        from .models import Milestone

        today = today or timezone.localdate()
        late_milestone = Exists(
            Milestone.objects.filter(overdue_milestone_q(today), action_line_id=OuterRef("pk"))
        )
        return self.filter(past_end_q(today) | Q(late_milestone))

    def with_overdue(self, today: datetime.date | None = None):
        """Annotate ``overdue``: the same rule as ``overdue()``, as a column."""
        from .models import Milestone

        today = today or timezone.localdate()
        late_milestone = Exists(
            Milestone.objects.filter(overdue_milestone_q(today), action_line_id=OuterRef("pk"))
        )
        return self.annotate(
            overdue=ExpressionWrapper(
                past_end_q(today) | Q(late_milestone),
                output_field=models.BooleanField(),
            )
        )

    def not_overdue(self, today: datetime.date | None = None):
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def active_on(self, day: datetime.date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Milestones are public."""
        return self

    def with_overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.annotate(
            overdue=models.ExpressionWrapper(
                overdue_milestone_q(today), output_field=models.BooleanField()
            )
        )

    def overdue(self, today: datetime.date | None = None):
        return self.filter(overdue_milestone_q(today))

    def due_between(self, start: datetime.date, end: datetime.date):
        return self.filter(completed_on__isnull=True, due_date__gte=start, due_date__lt=end)
