"""Use cases and the record of their moves through the workflow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import Capability
from corridor.codes import CodeListField

from ..selectors import PUBLIC_STATUSES
from ..selectors import UseCaseQuerySet


class Sector(models.TextChoices):
    DEFENCE = "defence", _("Defence")
    HEALTH = "health", _("Health")
    INDUSTRY = "industry", _("Industry")
    FINANCIAL_SERVICES = "financial_services", _("Financial services")
    MEDIA = "media", _("Media")
    ENERGY = "energy", _("Energy")
    MOBILITY = "mobility", _("Mobility")
    OTHER = "other", _("Other")


class UseCaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    MORE_INFORMATION_REQUESTED = "more_information_requested", _("More information requested")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")
    IN_EXECUTION = "in_execution", _("In execution")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StatusFieldGuardError(RuntimeError):
    """Raised when code outside the workflow service writes a use case's status."""


class UseCase(models.Model):
    """A use case a partner brings in under one intervention.

    ``status`` is written only by ``usecases.services.transition_use_case``; a
    save that changes it any other way raises ``StatusFieldGuardError``.
    """

    Status = UseCaseStatus
    PUBLIC_STATUSES = PUBLIC_STATUSES

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    problem = models.TextField(_("problem"), max_length=10000, blank=True)
    expected_outcome = models.TextField(_("expected outcome"), max_length=10000, blank=True)
    intervention = models.ForeignKey(
        "interventions.Intervention",
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        related_name="use_cases",
    )
    action_line = models.ForeignKey(
        "interventions.ActionLine",
        verbose_name=_("action line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="use_cases",
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        verbose_name=_("coalition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="use_cases",
    )
    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("submitting organisation"),
        on_delete=models.PROTECT,
        related_name="submitted_use_cases",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="use_cases",
    )
    partners = models.ManyToManyField(
        "coalitions.Organisation",
        verbose_name=_("partner organisations"),
        related_name="partner_use_cases",
        blank=True,
    )
    sectors = CodeListField(_("sectors"), codes=Sector.choices)
    needed_capabilities = CodeListField(_("needed capabilities"), codes=Capability.choices)
    location = models.CharField(_("test or application location"), max_length=200, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status, default=Status.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    open_to_all_reviewers = models.BooleanField(
        _("open to all reviewers"),
        default=False,
        editable=False,
        help_text=_(
            "Any reviewer without a conflict of interest may assess it, not only those assigned."
        ),
    )
    decision_rationale = models.TextField(
        _("decision rationale"), max_length=10000, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = UseCaseQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="use_case_planned_end_not_before_start",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in UseCaseStatus]),
                name="use_case_status_known",
                violation_error_message=_("Unknown use case status."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "intervention"]),
            # A list filtered by intervention and status walks just its own
            # rows in list order (and counts by intervention and status read it).
            models.Index(
                fields=["intervention", "status", "-created", "-id"],
                name="use_case_interv_status_newest",
            ),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["created"]),
            # The default order: page keys come from an index-only scan.
            models.Index(fields=["-created", "-id"], name="use_case_newest_first"),
            models.Index(fields=["updated"]),
            models.Index(fields=["submitted_at"]),
            models.Index(fields=["title"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("usecases:use-case-detail", kwargs={"pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        super().clean()
        # Every error at once, not one per submit.
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if (
            self.action_line_id
            and self.intervention_id
            and self.action_line.intervention_id != self.intervention_id
        ):
            errors["action_line"] = _("The action line belongs to another intervention.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        expected = getattr(self, "_loaded_status", self.Status.DRAFT)
        if self.status != expected and not getattr(self, "_workflow_transition", False):
            raise StatusFieldGuardError(
                "A use case's status changes only through usecases.services.transition_use_case."
            )
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (
            self.Status.DRAFT,
            self.Status.SUBMITTED,
            self.Status.MORE_INFORMATION_REQUESTED,
        )


class StatusChange(models.Model):
    """One move of a use case through the workflow: who, when, why."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=30, choices=UseCaseStatus)
    to_status = models.CharField(_("to"), max_length=30, choices=UseCaseStatus)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    reason = models.TextField(_("reason"), max_length=10000, blank=True)
    created = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [
            models.Index(fields=["use_case", "created"]),
            models.Index(fields=["to_status", "created"]),
        ]

    def __str__(self):
        return f"{self.use_case}: {self.from_status} → {self.to_status}"
