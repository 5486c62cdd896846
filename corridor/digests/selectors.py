"""Reads of digests, deliveries and notifications, and who receives digests."""

import datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count
from django.db.models import Q

from corridor.accounts import roles

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


def _is_board(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.is_board


class DigestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The digest archive is the Board's."""
        return self if _is_board(user) else self.none()

    def with_delivery_counts(self):
        """Annotate ``deliveries_sent``, ``deliveries_failed`` and ``deliveries_waiting``."""
        return self.annotate(
            deliveries_sent=Count("deliveries", filter=Q(deliveries__status=SENT)),
            deliveries_failed=Count("deliveries", filter=Q(deliveries__status=FAILED)),
            deliveries_waiting=Count(
                "deliveries", filter=Q(deliveries__status__in=(PENDING, SENDING))
            ),
        )


class OutgoingQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime):
        """Pending rows whose next attempt has come."""
        return self.filter(status=PENDING, next_attempt_at__lte=now)

    def stale(self, claimed_before: datetime.datetime):
        """Rows claimed for sending before ``claimed_before`` and never finished:
        the sender died mid-send."""
        return self.filter(status=SENDING, claimed_at__lt=claimed_before)

    def failed_between(self, start: datetime.datetime, end: datetime.datetime):
        return self.filter(status=FAILED, failed_at__gte=start, failed_at__lt=end)


class DeliveryQuerySet(OutgoingQuerySet):
    pass


class NotificationQuerySet(OutgoingQuerySet):
    pass


def subscribers(frequency: str):
    """Active users with an address who read the digest at ``frequency``: the
    Board (the whole digest) and partner users (their organisation's part).
    Reviewers who are neither receive none: the digest is the Board's."""
    User = get_user_model()
    board = roles.board_q()
    partner = Q(groups__name=roles.PARTNER, organisation__isnull=False)
    return (
        User.objects.filter(is_active=True, digest_frequency=frequency)
        .exclude(email="")
        .filter(pk__in=User.objects.filter(board | partner).values("pk"))
        .order_by("pk")
    )
