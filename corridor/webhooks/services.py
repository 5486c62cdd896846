"""Webhook endpoints and events: who may keep which endpoint, recording events
with the writes they tell of, and fanning each out into deliveries.

Delivering (claims, signing, retries, the sweep) lives in ``delivery``.
"""

import base64
import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.codes import contains_code
from corridor.tasks import enqueue_each_on_commit
from corridor.tasks import enqueue_on_commit

from . import payloads
from .models import Delivery
from .models import Endpoint
from .models import Event
from .models import EventType
from .transport import check_url

# The status moves that are events of their own besides ``use_case.status_changed``.
STATUS_EVENTS = {
    "submitted": EventType.USE_CASE_SUBMITTED,
    "selected": EventType.USE_CASE_SELECTED,
    "declined": EventType.USE_CASE_DECLINED,
}


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


# -- endpoints ---------------------------------------------------------------


def may_keep_endpoints(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_board or user.is_partner))


def endpoints_of(user):
    """The endpoints ``user`` manages: the Board all, a partner their organisation's."""
    if not may_keep_endpoints(user):
        return Endpoint.objects.none()
    return Endpoint.objects.visible_to(user)


def _check(url: str, event_types) -> None:
    check_url(url)
    unknown = set(event_types) - set(EventType.values)
    if not event_types or unknown:
        raise ValidationError({"event_types": _("Choose one or more of the event types.")})


def create_endpoint(
    *, actor, url: str, event_types, description: str = "", is_active: bool = True
) -> tuple:
    """A new endpoint owned by ``actor`` and its secret (shown this once)."""
    if not may_keep_endpoints(actor):
        raise PermissionDenied(_("Only the Board and partner users keep webhook endpoints."))
    _check(url, event_types)
    secret = new_secret()
    endpoint = Endpoint.objects.create(
        owner=actor,
        organisation=None if actor.is_board else actor.organisation,
        url=url,
        event_types=sorted(set(event_types)),
        description=description,
        secret=secret,
        is_active=is_active,
    )
    return endpoint, secret


def _require(actor, endpoint: Endpoint) -> None:
    if not endpoints_of(actor).filter(pk=endpoint.pk).exists():
        raise PermissionDenied(_("This endpoint is not yours to change."))


def update_endpoint(*, endpoint: Endpoint, actor, **fields) -> Endpoint:
    """Change the URL, event types, description or whether it is active;
    turning it on again starts its failure count afresh."""
    _require(actor, endpoint)
    _check(fields.get("url", endpoint.url), fields.get("event_types", endpoint.event_types))
    for name in ("url", "event_types", "description", "is_active"):
        if name in fields:
            setattr(endpoint, name, fields[name])
    if fields.get("is_active"):
        endpoint.disabled_reason = ""
        endpoint.failing_since = None
    endpoint.save()
    return endpoint


def rotate_secret(*, endpoint: Endpoint, actor) -> str:
    """A new secret; the old one keeps signing beside it for a day."""
    _require(actor, endpoint)
    secret = new_secret()
    overlap = datetime.timedelta(seconds=settings.WEBHOOKS_ROTATION_OVERLAP_SECONDS)
    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret=endpoint.secret,
        previous_secret_until=timezone.now() + overlap,
        secret=secret,
    )
    endpoint.refresh_from_db()
    return secret


def delete_endpoint(*, endpoint: Endpoint, actor) -> None:
    _require(actor, endpoint)
    endpoint.delete()


def send_test_event(*, endpoint: Endpoint, actor) -> Delivery:
    """A ``webhook.test`` message to this endpoint alone, delivered like any other."""
    _require(actor, endpoint)
    with transaction.atomic():
        now = timezone.now()
        event = Event.objects.create(
            type=EventType.TEST,
            model="webhooks.endpoint",
            object_id=endpoint.pk,
            object_key=str(endpoint.pk),
            occurred_at=now,
            fanned_out_at=now,
        )
        body = payloads.body(EventType.TEST, {"endpoint": endpoint.pk}, occurred_at=now)
        delivery = _make_delivery(endpoint, event, body, now)
        enqueue_on_commit("webhooks.deliver", delivery.pk)
    return delivery


def redeliver(*, delivery: Delivery, actor) -> Delivery:
    """Send the same message (same ``webhook-id``) again, now."""
    _require(actor, delivery.endpoint)
    Delivery.objects.filter(pk=delivery.pk).exclude(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    enqueue_on_commit("webhooks.deliver", delivery.pk)
    delivery.refresh_from_db()
    return delivery


# -- recording events (inside the write's transaction) --------------------------


def _wanted(event_type: str) -> bool:
    return Endpoint.objects.filter(
        contains_code("event_types", event_type), is_active=True
    ).exists()


def record(event_type: str, instance, data: dict | None = None, *, once_key=None) -> Event | None:
    """Record that ``event_type`` happened to ``instance``, when some endpoint
    wants it; fanned out once the write commits."""
    if not _wanted(event_type):
        return None
    values = {
        "type": event_type,
        "model": instance._meta.label_lower,
        "object_id": instance.pk,
        "object_key": str(payloads.key_of(instance)),
        "organisations": sorted(payloads.organisations_of(instance)),
        "data": data or {},
        "occurred_at": timezone.now(),
        "once_key": once_key,
    }
    if once_key is not None:
        try:
            with transaction.atomic():
                event = Event.objects.create(**values)
        except IntegrityError:
            return None
    else:
        event = Event.objects.create(**values)
    enqueue_on_commit("webhooks.fan_out", event.pk)
    return event


def record_event(event_type: str, instance, data: dict) -> None:
    """The listener of ``corridor.events``: services publish, this records."""
    if event_type in EventType.values:
        record(event_type, instance, data)


def record_status_change(change) -> None:
    """The listener of a use case's moves (``usecases.services.on_transition``)."""
    data = {"from": change.from_status, "to": change.to_status}
    record(EventType.USE_CASE_STATUS_CHANGED, change.use_case, data)
    if change.to_status in STATUS_EVENTS:
        record(STATUS_EVENTS[change.to_status], change.use_case, data)


# -- fanning out -----------------------------------------------------------------


def _make_delivery(endpoint, event, body: str, now) -> Delivery:
    return Delivery.objects.create(
        endpoint=endpoint,
        event=event,
        message_id=Delivery.new_message_id(),
        payload=body,
        next_attempt_at=now,
    )


def fan_out(*, event_id: int) -> int:
    """One delivery per active endpoint that wants the event and whose owner
    may see its object, the payload as the API shows it to that owner.
    Claimed by a conditional UPDATE: a second run makes none."""
    now = timezone.now()
    if not Event.objects.filter(pk=event_id, fanned_out_at__isnull=True).update(fanned_out_at=now):
        return 0
    event = Event.objects.get(pk=event_id)
    endpoints = Endpoint.objects.filter(
        contains_code("event_types", event.type), is_active=True
    ).select_related("owner")
    endpoints = endpoints.filter(
        Q(organisation__isnull=True) | Q(organisation__in=event.organisations)
    )
    made = []
    for endpoint in endpoints:
        if not endpoint.owner.is_active:
            continue
        shown = payloads.render_object(event.model, event.object_key, endpoint.owner)
        if shown is None:
            continue
        data = {"object": shown, **({"change": event.data} if event.data else {})}
        body = payloads.body(event.type, data, occurred_at=event.occurred_at)
        made.append(_make_delivery(endpoint, event, body, now).pk)
    enqueue_each_on_commit("webhooks.deliver", made)
    return len(made)
