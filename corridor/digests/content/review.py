"""Digest sections about the review round (the Board's): assignments waiting
too long for their assessment, questions to partners still unanswered at the
end of the period, and selections made on fewer assessments than required."""

import datetime

from django.conf import settings
from django.db.models import Exists
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from usecases.models import Assessment
from usecases.models import Question
from usecases.models import ReviewAssignment
from usecases.models import SelectionOverride
from usecases.models import UseCaseStatus

from .queries import PeriodQueries

OPEN_STATUSES = [
    UseCaseStatus.SUBMITTED.value,
    UseCaseStatus.IN_REVIEW.value,
    UseCaseStatus.MORE_INFORMATION_REQUESTED.value,
]


def _days(collected, field: str, end) -> dict:
    for entry in collected.values():
        for item in entry["items"]:
            item["days"] = (end - datetime.datetime.fromisoformat(item[field])).days
    return collected


class ReviewSections(PeriodQueries):
    def assignments_overdue(self):
        """Assigned more than ``CORRIDOR_REVIEW_WAIT_DAYS`` before the end of the
        period and not assessed by its end."""
        p = self.period
        cutoff = p.end - datetime.timedelta(days=settings.CORRIDOR_REVIEW_WAIT_DAYS)
        assessed = Assessment.objects.filter(
            use_case_id=OuterRef("use_case_id"),
            reviewer_id=OuterRef("reviewer_id"),
            created__lt=p.end,
        )
        queryset = (
            ReviewAssignment.objects.filter(created__lt=cutoff, use_case__status__in=OPEN_STATUSES)
            .filter(~Exists(assessed))
            .annotate(intervention_id=F("use_case__intervention_id"))
        )
        collected = self._gather(
            queryset,
            fields={
                "use_case": F("use_case_id"),
                "title": F("use_case__title"),
                "reviewer": F("reviewer__username"),
                "assigned": F("created"),
            },
            order_by=[F("created").asc(), F("pk").asc()],
        )
        return _days(collected, "assigned", p.end)

    def questions_unanswered(self):
        """Asked before the end of the period and not answered by its end."""
        p = self.period
        queryset = (
            Question.objects.filter(asked_at__lt=p.end)
            .filter(Q(answered_at__isnull=True) | Q(answered_at__gte=p.end))
            .annotate(intervention_id=F("use_case__intervention_id"))
        )
        collected = self._gather(
            queryset,
            fields={
                "use_case": F("use_case_id"),
                "title": F("use_case__title"),
                "organisation": F("use_case__organisation__name"),
                "asked": F("asked_at"),
            },
            order_by=[F("asked_at").asc(), F("pk").asc()],
        )
        return _days(collected, "asked", p.end)

    def decisions_overridden(self):
        """Selected in the period on fewer assessments than required."""
        p = self.period
        queryset = SelectionOverride.objects.filter(
            created__gte=p.start, created__lt=p.end
        ).annotate(intervention_id=F("use_case__intervention_id"))
        return self._gather(
            queryset,
            fields={
                "use_case": F("use_case_id"),
                "title": F("use_case__title"),
                "organisation": F("use_case__organisation__name"),
                "assessments": F("assessments"),
                "required": F("required"),
                "reason": F("reason"),
            },
            order_by=[F("created").asc(), F("pk").asc()],
        )


# How the digest words one item of each section (``corridor.digests.rendering``).
REVIEW_LINES = {
    "assignments_overdue": lambda item: (
        ngettext(
            "%(title)s: %(reviewer)s, assigned %(days)d day ago",
            "%(title)s: %(reviewer)s, assigned %(days)d days ago",
            item["days"],
        )
        % {"title": item["title"], "reviewer": item["reviewer"], "days": item["days"]}
    ),
    "questions_unanswered": lambda item: (
        ngettext(
            "%(title)s (%(organisation)s): asked %(days)d day ago",
            "%(title)s (%(organisation)s): asked %(days)d days ago",
            item["days"],
        )
        % {"title": item["title"], "organisation": item["organisation"], "days": item["days"]}
    ),
    "decisions_overridden": lambda item: (
        _("%(title)s (%(organisation)s): %(count)d of %(required)d assessments — %(reason)s")
        % {
            "title": item["title"],
            "organisation": item["organisation"],
            "count": item["assessments"],
            "required": item["required"],
            "reason": item["reason"],
        }
    ),
}
