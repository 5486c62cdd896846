"""The joint agenda: co-owner organisations of an intervention and their proposals.

The Board names co-owners per intervention (dated, like coalition
memberships). Users of a current co-owner propose changes to the
intervention's agenda or to one of its action lines: the changed fields with a
reason, based on the version (history record) they read. The Board accepts
(the change becomes the next version, crediting the proposer), asks for
changes, or declines; each of those is a ``ProposalEvent``, which is also what
the notification outbox points at. Co-owners comment on each other's proposals.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import ActionLine
from .models import Intervention

# What a proposal may change of each target, in the order the page shows them.
AGENDA_FIELDS = ("agenda",)
ACTION_LINE_FIELDS = ("title", "description", "status", "start_date", "end_date")


class CoOwnershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(started__lte=day).filter(Q(ended__isnull=True) | Q(ended__gt=day))


class CoOwnership(models.Model):
    """An organisation co-owning an intervention's joint agenda, from ``started``
    until ``ended`` (empty while it lasts)."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="co_ownerships",
    )
    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="co_ownerships",
    )
    started = models.DateField(_("started"))
    ended = models.DateField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CoOwnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["intervention", "started", "id"]
        verbose_name = _("co-ownership")
        verbose_name_plural = _("co-ownerships")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "organisation"],
                condition=Q(ended__isnull=True),
                name="co_ownership_one_open_per_organisation",
                violation_error_message=_("This organisation already co-owns this intervention."),
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=F("started")),
                name="co_ownership_ended_not_before_started",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "ended"])]

    def __str__(self):
        return f"{self.organisation} – {self.intervention}"

    def clean(self):
        super().clean()
        if self.ended and self.started and self.ended < self.started:
            raise ValidationError({"ended": _("The end date cannot be before the start date.")})


class ProposalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Proposal.OPEN_STATUSES)


class Proposal(models.Model):
    """A co-owner's proposed change to an intervention's agenda (``action_line``
    empty) or to one of its action lines, based on ``base_version``, the
    history record of the target the author read."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    OPEN_STATUSES = (Status.OPEN, Status.CHANGES_REQUESTED)

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    action_line = models.ForeignKey(
        ActionLine,
        verbose_name=_("action line"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
    )
    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
    )
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.TextField(_("reason"), max_length=5000)
    base_version = models.PositiveBigIntegerField(_("based on version"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    accepted_version = models.PositiveBigIntegerField(
        _("accepted as version"), null=True, blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["intervention", "status"])]

    def __str__(self):
        return str(_("Proposal %(number)s")) % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("interventions:proposal-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def target(self):
        return self.action_line if self.action_line_id else self.intervention

    @property
    def fields(self) -> tuple[str, ...]:
        return ACTION_LINE_FIELDS if self.action_line_id else AGENDA_FIELDS


class ProposalEvent(models.Model):
    """One step of a proposal: submitted, revised (or rebased) by its author,
    or decided by the Board, with who and why. The outbox's notifications
    point at these, one per recipient, so each is announced once."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVISED = "revised", _("Revised")
        ACCEPTED = "accepted", _("Accepted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        DECLINED = "declined", _("Declined")

    DECISIONS = (Kind.ACCEPTED, Kind.CHANGES_REQUESTED, Kind.DECLINED)

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=5000, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("proposal step")
        verbose_name_plural = _("proposal steps")

    def __str__(self):
        return f"{self.proposal} – {self.get_kind_display()}"


class ProposalComment(models.Model):
    """A co-owner's or the Board's comment on a proposal (Markdown)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=10000)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("comment on a proposal")
        verbose_name_plural = _("comments on proposals")

    def __str__(self):
        return f"{self.proposal} – {self.author}"
