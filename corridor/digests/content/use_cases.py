"""Digest sections about use cases: submissions, moves, decisions, the wait
for review and the assessments made."""

import datetime

from django.conf import settings
from django.db.models import Count
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models.functions import Coalesce

from usecases.models import Assessment
from usecases.models import StatusChange
from usecases.models import UseCase
from usecases.models import UseCaseStatus

from .queries import PeriodQueries

REVIEW_STATUSES = [UseCaseStatus.SUBMITTED.value, UseCaseStatus.IN_REVIEW.value]
DECISIONS = [UseCaseStatus.SELECTED.value, UseCaseStatus.DECLINED.value]


class UseCaseSections(PeriodQueries):
    """The sections of use cases and their review, per intervention."""

    def _moves(self):
        p = self.period
        return self._scope(
            StatusChange.objects.filter(created__gte=p.start, created__lt=p.end),
            "use_case_related",
        ).annotate(intervention_id=F("use_case__intervention_id"))

    def _move_fields(self):
        return {
            "use_case": F("use_case_id"),
            "title": F("use_case__title"),
            "organisation": F("use_case__organisation__name"),
            "from_status": F("from_status"),
            "to_status": F("to_status"),
            "when": F("created"),
        }

    def use_cases_submitted(self):
        fields = self._move_fields()
        del fields["from_status"], fields["to_status"]
        return self._gather(
            self._moves().filter(to_status=UseCaseStatus.SUBMITTED),
            fields=fields,
            order_by=[F("created").asc(), F("pk").asc()],
        )

    def status_moves(self):
        """Grouped by the new status."""
        collected = self._gather(
            self._moves(),
            fields=self._move_fields(),
            order_by=[F("created").asc(), F("pk").asc()],
            partition=["intervention_id", "to_status"],
        )
        grouped: dict = {}
        for (org, (intervention_id, status)), entry in collected.items():
            grouped.setdefault((org, intervention_id), {})[status] = entry
        result = {}
        order = {code: n for n, code in enumerate(UseCaseStatus.values)}
        for key, by_status in grouped.items():
            groups = [
                {"status": status, **by_status[status]}
                for status in sorted(by_status, key=lambda code: order.get(code, 99))
            ]
            result[key] = {
                "count": sum(group["count"] for group in groups),
                "groups": groups,
            }
        return result

    def decisions(self):
        fields = self._move_fields()
        del fields["from_status"]
        fields["reason"] = F("reason")
        return self._gather(
            self._moves().filter(to_status__in=DECISIONS),
            fields=fields,
            order_by=[F("created").asc(), F("pk").asc()],
        )

    def waiting_for_review(self):
        """Submitted or in review at the end of the period, submitted more than
        ``CORRIDOR_REVIEW_WAIT_DAYS`` days before it."""
        p = self.period
        cutoff = p.end - datetime.timedelta(days=settings.CORRIDOR_REVIEW_WAIT_DAYS)

        # A use case is submitted once, so ``submitted_at`` is its submission
        # time. Its status at the end of the period is where its first move
        # after the end came from — or, without one, its status now.
        first_move_after = Subquery(
            StatusChange.objects.filter(use_case_id=OuterRef("pk"), created__gte=p.end)
            .order_by("created", "id")
            .values("from_status")[:1]
        )
        left_review_later = (
            StatusChange.objects.filter(created__gte=p.end, from_status__in=REVIEW_STATUSES)
            .order_by()
            .values("use_case_id")
        )
        queryset = (
            self._scope(
                UseCase.objects.filter(submitted_at__lt=cutoff).filter(
                    Q(status__in=REVIEW_STATUSES) | Q(pk__in=left_review_later)
                ),
                "use_case",
            )
            .annotate(
                status_at_end=Coalesce(first_move_after, F("status")),
                submitted_at_end=F("submitted_at"),
            )
            .filter(status_at_end__in=REVIEW_STATUSES)
        )
        collected = self._gather(
            queryset,
            fields={
                "use_case": F("pk"),
                "title": F("title"),
                "organisation": F("organisation__name"),
                "status": F("status_at_end"),
                "submitted": F("submitted_at_end"),
            },
            order_by=[F("submitted_at_end").asc(), F("pk").asc()],
        )
        for entry in collected.values():
            for item in entry["items"]:
                submitted = datetime.datetime.fromisoformat(item["submitted"])
                item["days_waiting"] = (p.end - submitted).days
        return collected

    def assessments_completed(self):
        p = self.period
        in_period = Assessment.objects.filter(created__gte=p.start, created__lt=p.end)
        count = Subquery(
            in_period.filter(use_case_id=OuterRef("pk"))
            .order_by()
            .values("use_case_id")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        queryset = UseCase.objects.filter(
            pk__in=in_period.order_by().values("use_case_id")
        ).annotate(assessed=count)
        return self._gather(
            queryset,
            fields={
                "use_case": F("pk"),
                "title": F("title"),
                "organisation": F("organisation__name"),
                "assessments": F("assessed"),
            },
            order_by=[F("title").asc(), F("pk").asc()],
            total=Sum("assessed"),
        )
