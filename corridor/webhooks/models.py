"""Webhook endpoints, the events recorded for them, and each delivery's attempts.

An ``Event`` is written in the transaction of the write it tells of (the
outbox). Fanning it out makes one ``Delivery`` per endpoint that wants it,
with the payload as the API shows the object to that endpoint's owner.
A delivery keeps its ``message_id`` (``webhook-id``) over every retry; each
try is an ``Attempt`` in the endpoint's log.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.codes import CodeListField

from .selectors import EndpointQuerySet


class EventType(models.TextChoices):
    USE_CASE_STATUS_CHANGED = "use_case.status_changed", _("A use case's status changed")
    USE_CASE_SUBMITTED = "use_case.submitted", _("A use case was submitted")
    USE_CASE_SELECTED = "use_case.selected", _("A use case was selected")
    USE_CASE_DECLINED = "use_case.declined", _("A use case was declined")
    ASSESSMENTS_COMPLETED = (
        "use_case.assessments_completed",
        _("A use case's assessments are complete"),
    )
    MILESTONE_DONE = "milestone.done", _("A milestone was done")
    MILESTONE_OVERDUE = "milestone.overdue", _("A milestone became overdue")
    ACTION_LINE_STATUS_CHANGED = "action_line.status_changed", _("An action line's status changed")
    ACTION_LINE_PERIOD_CHANGED = "action_line.period_changed", _("An action line's period changed")
    AGENDA_VERSION_PUBLISHED = "agenda.version_published", _("A joint agenda version was published")
    MEMBERSHIP_STARTED = "membership.started", _("A coalition membership started")
    MEMBERSHIP_ENDED = "membership.ended", _("A coalition membership ended")
    DIGEST_PUBLISHED = "digest.published", _("A digest was published")
    TEST = "webhook.test", _("A test event")


class Endpoint(models.Model):
    """A receiver of events: the Board's for any organisation, or a partner
    user's for their own organisation's events (``organisation`` set)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: events of every organisation (the Board's endpoints)."),
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = CodeListField(_("event types"), codes=EventType.choices, blank=False)
    secret = models.CharField(_("secret"), max_length=100)
    previous_secret = models.CharField(_("previous secret"), max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(
        _("previous secret valid until"), null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=200, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url


class Event(models.Model):
    """Something that happened, recorded with the write (the outbox)."""

    type = models.CharField(_("type"), max_length=40, choices=EventType)
    model = models.CharField(_("model"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # What the API's detail route takes (a key or a slug), and the organisations
    # the event concerns (a partner's endpoint hears its own organisation's).
    object_key = models.CharField(_("object key"), max_length=100)
    organisations = models.JSONField(default=list, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # Once per object for events that happen once (a milestone's overdue day).
    once_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    fanned_out_at = models.DateTimeField(_("fanned out at"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        indexes = [models.Index(fields=["fanned_out_at", "occurred_at"])]

    def __str__(self):
        return f"{self.type} {self.model}:{self.object_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One event's message to one endpoint, the same ``message_id`` on every try."""

    Status = DeliveryStatus

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(_("message id"), max_length=60, unique=True)
    payload = models.TextField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhook_delivery_one_per_endpoint"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.message_id

    @staticmethod
    def new_message_id() -> str:
        return f"msg_{uuid.uuid4().hex}"


class Attempt(models.Model):
    """One try of a delivery: the endpoint's log."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="log"
    )
    at = models.DateTimeField(_("time"))
    status_code = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    response_start = models.CharField(_("response (first bytes)"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self):
        return f"{self.delivery} {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
