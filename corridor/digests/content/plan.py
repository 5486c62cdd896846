"""Digest sections about the plan: action lines started, ended, changed, at
risk or slipped, and milestones done, overdue or due soon."""

import datetime

from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import Subquery

from interventions.models import ActionLine
from interventions.models import Milestone

from .queries import PeriodQueries
from .queries import as_of
from .queries import touched

DUE_SOON_DAYS = 14


class PlanSections(PeriodQueries):
    """The sections of action lines and milestones, per intervention."""

    def _action_line_fields(self, **extra):
        return {
            "action_line": F("pk"),
            "title": F("title"),
            "lead": F("lead_organisation__name"),
            "status": F("status"),
            "start_date": F("start_date"),
            "end_date": F("end_date"),
            "baseline_end": F("baseline_end"),
            **extra,
        }

    def _action_lines(self):
        return self._scope(ActionLine.objects.all(), "action_line")

    def _action_lines_by_date(self, field):
        p = self.period
        return self._gather(
            self._action_lines().filter(
                **{f"{field}__gte": p.first_day, f"{field}__lt": p.end_day}
            ),
            fields=self._action_line_fields(),
            order_by=[F(field).asc(), F("pk").asc()],
        )

    def action_lines_started(self):
        return self._action_lines_by_date("start_date")

    def action_lines_ended(self):
        return self._action_lines_by_date("end_date")

    def _action_lines_changed(self):
        p = self.period
        return (
            self._action_lines()
            .filter(pk__in=touched(ActionLine, p))
            .annotate(
                status_before=as_of(ActionLine, "status", p.start),
                status_after=as_of(ActionLine, "status", p.end),
                end_before=as_of(ActionLine, "end_date", p.start),
                end_after=as_of(ActionLine, "end_date", p.end),
            )
        )

    def action_lines_status_changed(self):
        queryset = self._action_lines_changed().filter(status_before__isnull=False)
        queryset = queryset.exclude(status_before=F("status_after"))
        return self._gather(
            queryset,
            fields=self._action_line_fields(
                from_status=F("status_before"), to_status=F("status_after")
            ),
            order_by=[F("title").asc(), F("pk").asc()],
        )

    def action_lines_at_risk(self):
        """Lines that went ``at_risk`` during the period (from another status or new)."""
        p = self.period
        history = ActionLine.history.model
        previous_status = Subquery(
            history.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("status")[:1]
        )
        went_at_risk = (
            history.objects.filter(
                history_date__gte=p.start,
                history_date__lt=p.end,
                status=ActionLine.Status.AT_RISK,
            )
            .annotate(previous_status=previous_status)
            .filter(Q(previous_status__isnull=True) | ~Q(previous_status=ActionLine.Status.AT_RISK))
            .order_by()
            .values("id")
        )
        return self._gather(
            self._action_lines().filter(pk__in=went_at_risk),
            fields=self._action_line_fields(),
            order_by=[F("title").asc(), F("pk").asc()],
        )

    def action_lines_slipped(self):
        """Lines whose end date moved later during the period and now lies past
        the baseline end."""
        queryset = (
            self._action_lines_changed()
            .filter(end_before__isnull=False, end_after__gt=F("end_before"))
            .filter(end_after__gt=F("baseline_end"))
        )
        collected = self._gather(
            queryset,
            fields=self._action_line_fields(end_before=F("end_before"), end_after=F("end_after")),
            order_by=[F("title").asc(), F("pk").asc()],
        )
        for entry in collected.values():
            for item in entry["items"]:
                item["days_slipped"] = (
                    datetime.date.fromisoformat(item["end_after"])
                    - datetime.date.fromisoformat(item["baseline_end"])
                ).days
        return collected

    def _milestones(self):
        return self._scope(Milestone.objects.all(), "milestone").annotate(
            intervention_id=F("action_line__intervention_id")
        )

    def _milestone_fields(self, **extra):
        return {
            "milestone": F("pk"),
            "title": F("title"),
            "action_line": F("action_line__title"),
            "action_line_id": F("action_line_id"),
            "due_date": F("due_date"),
            "completed_on": F("completed_on"),
            **extra,
        }

    def milestones_completed(self):
        p = self.period
        queryset = (
            self._milestones()
            .filter(pk__in=touched(Milestone, p))
            .annotate(
                done_before=as_of(Milestone, "completed_on", p.start),
                done_after=as_of(Milestone, "completed_on", p.end),
            )
            .filter(done_before__isnull=True, done_after__isnull=False)
        )
        return self._gather(
            queryset,
            fields=self._milestone_fields(completed_on=F("done_after")),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )

    def _open_at_end(self):
        end_day = self.period.end_day
        return Q(completed_on__isnull=True) | Q(completed_on__gte=end_day)

    def milestones_overdue(self):
        end_day = self.period.end_day
        return self._gather(
            self._milestones().filter(self._open_at_end(), due_date__lt=end_day),
            fields=self._milestone_fields(),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )

    def milestones_due_soon(self):
        end_day = self.period.end_day
        return self._gather(
            self._milestones().filter(
                self._open_at_end(),
                due_date__gte=end_day,
                due_date__lt=end_day + datetime.timedelta(days=DUE_SOON_DAYS),
            ),
            fields=self._milestone_fields(),
            order_by=[F("due_date").asc(), F("pk").asc()],
        )
