"""Digest sections about the corridor's coalitions and their memberships."""

from django.db.models import F
from django.db.models import Q

from coalitions.models import Coalition
from coalitions.models import Membership

from .queries import PeriodQueries
from .queries import as_of
from .queries import touched


class CoalitionSections(PeriodQueries):
    """The corridor-wide sections: coalitions formed and closed, members joined and left."""

    def _coalitions_moved(self, *, to: list[str], not_from: list[str]):
        p = self.period
        moved = (
            Coalition.objects.filter(pk__in=touched(Coalition, p))
            .annotate(
                status_before=as_of(Coalition, "status", p.start),
                status_after=as_of(Coalition, "status", p.end),
            )
            .filter(status_after__in=to)
            .filter(Q(status_before__isnull=True) | ~Q(status_before__in=not_from))
        )
        fields = {
            "coalition": F("pk"),
            "name": F("name"),
            "slug": F("slug"),
            "from_status": F("status_before"),
            "to_status": F("status_after"),
        }
        if not self.for_board:
            # An organisation reads about the coalitions it is a member of.
            moved = self._scope(Membership.objects.all(), "membership").filter(
                coalition_id__in=moved.values("pk")
            )
            fields = {
                "coalition": F("coalition_id"),
                "name": F("coalition__name"),
                "slug": F("coalition__slug"),
                "from_status": as_of(Coalition, "status", p.start, ref="coalition_id"),
                "to_status": as_of(Coalition, "status", p.end, ref="coalition_id"),
            }
        return self._gather(
            moved,
            fields=fields,
            order_by=[F(fields["name"].name).asc(), F("pk").asc()],
            partition=[],
        )

    def coalitions_formed(self):
        """Coalitions that became active in the period (new, or out of ``forming``)."""
        active = Coalition.Status.ACTIVE
        return self._coalitions_moved(
            to=[active], not_from=[active, Coalition.Status.DORMANT, Coalition.Status.CLOSED]
        )

    def coalitions_closed(self):
        closed = Coalition.Status.CLOSED
        return self._coalitions_moved(to=[closed], not_from=[closed])

    def _memberships_by_date(self, field):
        p = self.period
        queryset = self._scope(Membership.objects.all(), "membership").filter(
            **{f"{field}__gte": p.first_day, f"{field}__lt": p.end_day}
        )
        return self._gather(
            queryset,
            fields={
                "membership": F("pk"),
                "coalition": F("coalition__name"),
                "slug": F("coalition__slug"),
                "organisation": F("organisation__name"),
                "role": F("role"),
                "date": F(field),
            },
            order_by=[F(field).asc(), F("pk").asc()],
            partition=[],
        )

    def memberships_begun(self):
        return self._memberships_by_date("joined")

    def memberships_ended(self):
        return self._memberships_by_date("left")
