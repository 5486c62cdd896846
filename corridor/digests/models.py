"""The progress digest, its deliveries, and the notification outbox.

A ``Digest`` is the stored document for one period; a ``Delivery`` is one
recipient's copy of it; a ``Notification`` is one email about a use case move,
written in the same transaction as the move. Deliveries and notifications share
the life cycle of ``Outgoing``: pending → sending → sent, or failed after the
last retry. A row moves from pending to sending only through a conditional
UPDATE (``claim``), so however often a task runs, an email goes out once.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .selectors import DeliveryQuerySet
from .selectors import DigestQuerySet
from .selectors import NotificationQuerySet


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    DAILY = "daily", _("Daily")


class Digest(models.Model):
    """The progress digest for one period [period_start, period_end).

    ``data`` holds the structured content (language-neutral codes, ids and
    titles); ``html`` and ``text`` are its rendering for the Board in the
    default language. Each recipient's email is rendered from ``data`` in their
    own language, so the document never changes once sent.
    """

    Frequency = Frequency

    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    generated_at = models.DateTimeField(_("generated at"))
    data = models.JSONField(_("content"), default=dict)
    html = models.TextField(_("HTML"), blank=True)
    text = models.TextField(_("plain text"), blank=True)
    sent_at = models.DateTimeField(
        _("first sent at"),
        null=True,
        blank=True,
        help_text=_("Once a copy has gone out, the digest no longer changes."),
    )

    objects = DigestQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "frequency"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_start", "period_end"],
                name="digest_one_per_period",
                violation_error_message=_("A digest for this period exists already."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="digest_period_not_empty",
            ),
        ]

    def __str__(self):
        # The portal's one long date style, as the digest's own page writes it.
        return _("%(frequency)s digest %(start)s – %(end)s") % {
            "frequency": self.get_frequency_display(),
            "start": date_format(self.first_day, "DATE_FORMAT"),
            "end": date_format(self.last_day, "DATE_FORMAT"),
        }

    def get_absolute_url(self):
        return reverse("digests:digest-detail", kwargs={"pk": self.pk})

    @property
    def first_day(self) -> datetime.date:
        return timezone.localtime(self.period_start).date()

    @property
    def last_day(self) -> datetime.date:
        return timezone.localtime(self.period_end).date() - datetime.timedelta(days=1)


class OutgoingStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Outgoing(models.Model):
    """What a delivery and a notification share: recipient, language, life cycle."""

    Status = OutgoingStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("email address"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=OutgoingStatus, default=OutgoingStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class Delivery(Outgoing):
    """One recipient's copy of a digest: the whole digest for the Board, the part
    about their own organisation for a partner (``organisation`` set)."""

    digest = models.ForeignKey(
        Digest, verbose_name=_("digest"), on_delete=models.PROTECT, related_name="deliveries"
    )
    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("part about organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the whole digest, as the Board reads it."),
    )

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["digest", "id"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "recipient"],
                name="delivery_one_per_recipient",
                violation_error_message=_("This recipient already has a copy of this digest."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
            models.Index(fields=["failed_at"], name="delivery_failed_idx"),
        ]

    def __str__(self):
        return f"{self.digest} → {self.email}"


class Notification(Outgoing):
    """An email telling a user of the submitting organisation that a use case
    moved, or telling one person of a review notice (``usecases.ReviewNotice``:
    an assignment, a submission, assessments complete, an answer, a mention).

    Written by the use case move's or the notice's own transaction (a
    transactional outbox), so nothing is announced without happening, nor
    happens unannounced.
    """

    status_change = models.ForeignKey(
        "usecases.StatusChange",
        verbose_name=_("status change"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    notice = models.OneToOneField(
        "usecases.ReviewNotice",
        verbose_name=_("review notice"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["status_change", "recipient"],
                name="notification_one_per_recipient",
                violation_error_message=_("This recipient is already told about this move."),
            ),
            models.CheckConstraint(
                condition=Q(status_change__isnull=False, notice__isnull=True)
                | Q(status_change__isnull=True, notice__isnull=False),
                name="notification_move_or_notice",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due_idx"),
            models.Index(fields=["failed_at"], name="notification_failed_idx"),
        ]

    def __str__(self):
        return f"{self.status_change or self.notice} → {self.email}"


class InvitationNotification(Outgoing):
    """An email telling a user of an invited organisation that the Board
    invites it as a partner of a use case; written in the invitation's own
    transaction (the outbox), sent like the other notifications."""

    invitation = models.ForeignKey(
        "usecases.PartnerInvitation",
        verbose_name=_("partner invitation"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("invitation notification")
        verbose_name_plural = _("invitation notifications")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="invitation_mail_due_idx"),
        ]

    def __str__(self):
        return f"{self.invitation} → {self.email}"


class ProposalNotification(Outgoing):
    """An email about a step of a joint agenda proposal: to the Board when one is
    made or revised, to its author when the Board decides.

    Written inside the step's transaction (``interventions.services.on_proposal_event``),
    one per step and recipient, so each step is announced exactly once.
    """

    event = models.ForeignKey(
        "interventions.ProposalEvent",
        verbose_name=_("proposal step"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("proposal notification")
        verbose_name_plural = _("proposal notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"],
                name="proposal_notification_one_per_recipient",
                violation_error_message=_("This recipient is already told about this step."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="proposal_notif_due_idx"),
            models.Index(fields=["failed_at"], name="proposal_notif_failed_idx"),
        ]

    def __str__(self):
        return f"{self.event} → {self.email}"
