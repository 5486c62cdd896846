"""Delivering a message: claimed, signed, posted, logged, retried.

At least once: a delivery moves from pending to sending only through a
conditional UPDATE (``claim``); a worker that dies mid-send leaves a
``sending`` row the sweep puts back after the lease, and the same message
(the same ``webhook-id``) goes again — receivers drop what they have seen.
Retries follow ``WEBHOOKS_RETRY_SCHEDULE`` (about a day); 2xx is success;
410 disables the endpoint at once; an endpoint failing for
``WEBHOOKS_DISABLE_AFTER_SECONDS`` is disabled and its owner emailed.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from standardwebhooks.webhooks import Webhook

from corridor.tasks import enqueue_on_commit

from . import transport
from .models import Attempt
from .models import Delivery
from .models import Endpoint
from .models import Event

logger = logging.getLogger(__name__)

Status = Delivery.Status


def signatures(endpoint: Endpoint, message_id: str, when: datetime.datetime, body: str) -> str:
    """``webhook-signature``: the current secret's, and during a rotation's
    overlap the previous one's beside it (space separated)."""
    keys = [endpoint.secret]
    if (
        endpoint.previous_secret
        and endpoint.previous_secret_until
        and (endpoint.previous_secret_until > when)
    ):
        keys.append(endpoint.previous_secret)
    return " ".join(Webhook(key).sign(message_id, when, body) for key in keys)


def claim(delivery_id: int, *, now=None) -> datetime.datetime | None:
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id,
        status=Status.PENDING,
        next_attempt_at__lte=now,
        endpoint__is_active=True,
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return now if claimed else None


def retry_delay(attempts: int) -> datetime.timedelta | None:
    """The wait after the ``attempts``-th failed try; ``None`` after the last."""
    schedule = settings.WEBHOOKS_RETRY_SCHEDULE
    if attempts > len(schedule):
        return None
    return datetime.timedelta(seconds=schedule[attempts - 1])


def deliver(*, delivery_id: int, now=None) -> str:
    """Send one delivery if it is due and ours; returns its new status or ``skipped``."""
    claimed_at = claim(delivery_id, now=now)
    if claimed_at is None:
        return "skipped"
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    sent_at = timezone.now()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "TechCorridorPortal-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signatures(endpoint, delivery.message_id, sent_at, delivery.payload),
    }
    answer = transport.post(endpoint.url, delivery.payload.encode(), headers)
    Attempt.objects.create(
        delivery=delivery,
        at=sent_at,
        status_code=answer.status_code,
        duration_ms=answer.duration_ms,
        response_start=answer.response_start[: transport.RESPONSE_START],
        error=answer.error[:300],
    )
    return _finish(delivery, claimed_at, answer)


def _finish(delivery: Delivery, claimed_at, answer: transport.Answer) -> str:
    now = timezone.now()
    mine = Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING, claimed_at=claimed_at)
    endpoint = delivery.endpoint
    if answer.succeeded:
        mine.update(status=Status.SUCCEEDED, delivered_at=now)
        Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=False).update(
            failing_since=None
        )
        return Status.SUCCEEDED
    if answer.status_code == 410:
        mine.update(status=Status.FAILED)
        disable(endpoint, str(_("The receiver answered 410 Gone.")))
        return Status.FAILED
    Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    endpoint.refresh_from_db(fields=["failing_since", "is_active"])
    limit = datetime.timedelta(seconds=settings.WEBHOOKS_DISABLE_AFTER_SECONDS)
    if endpoint.is_active and now - endpoint.failing_since >= limit:
        disable(endpoint, str(_("It failed every delivery for a day.")))
    delay = retry_delay(_attempts(delivery.pk))
    if delay is None:
        mine.update(status=Status.FAILED)
        return Status.FAILED
    mine.update(status=Status.PENDING, next_attempt_at=now + delay)
    return Status.PENDING


def _attempts(delivery_id: int) -> int:
    return Delivery.objects.values_list("attempts", flat=True).get(pk=delivery_id)


def disable(endpoint: Endpoint, reason: str) -> None:
    """Turn the endpoint off and tell its owner (once)."""
    if Endpoint.objects.filter(pk=endpoint.pk, is_active=True).update(
        is_active=False, disabled_reason=reason[:200]
    ):
        logger.warning("Webhook endpoint %s disabled: %s", endpoint.pk, reason)
        enqueue_on_commit("webhooks.tell_owner_disabled", endpoint.pk)


def sweep(*, now=None, limit: int = 200) -> dict[str, int]:
    """Fan out what was not; put back what a dead worker left sending (the
    same message goes again); send what is due."""
    from .services import fan_out  # noqa: PLC0415 - services import this module's callers

    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.CORRIDOR_SEND_LEASE_SECONDS)
    counts = {"fanned_out": 0, "interrupted": 0, "skipped": 0}
    late = now - datetime.timedelta(seconds=30)
    for event_id in Event.objects.filter(
        fanned_out_at__isnull=True, occurred_at__lte=late
    ).values_list("pk", flat=True)[:limit]:
        counts["fanned_out"] += fan_out(event_id=event_id)
    counts["interrupted"] = Delivery.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - lease
    ).update(status=Status.PENDING, next_attempt_at=now)
    due = Delivery.objects.filter(
        status=Status.PENDING, next_attempt_at__lte=now, endpoint__is_active=True
    ).order_by("next_attempt_at", "pk")
    for pk in due.values_list("pk", flat=True)[:limit]:
        status = deliver(delivery_id=pk, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts
