import os
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import Capability
from corridor.codes import CodeListField

from .selectors import PUBLIC_STATUSES
from .selectors import AssessmentQuerySet
from .selectors import AttachmentQuerySet
from .selectors import UseCaseQuerySet


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
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
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
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("The planned end cannot be before the planned start.")}
            )
        if (
            self.action_line_id
            and self.intervention_id
            and self.action_line.intervention_id != self.intervention_id
        ):
            raise ValidationError(
                {"action_line": _("The action line belongs to another intervention.")}
            )

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
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)


class StatusChange(models.Model):
    """One move of a use case through the workflow: who, when, why."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=UseCaseStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=UseCaseStatus)
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


class CriterionWeights(models.Model):
    """The Board's weights for the four selection criteria (one row, equal by default)."""

    complementarity = models.DecimalField(
        _("complementarity"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    existing_strengths = models.DecimalField(
        _("existing strengths"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    feasibility = models.DecimalField(
        _("feasibility"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    scalability = models.DecimalField(
        _("scalability"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion weights")
        verbose_name_plural = _("criterion weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(complementarity__gte=0)
                & Q(existing_strengths__gte=0)
                & Q(feasibility__gte=0)
                & Q(scalability__gte=0),
                name="criterion_weights_not_negative",
                violation_error_message=_("Weights cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(complementarity__gt=0)
                | Q(existing_strengths__gt=0)
                | Q(feasibility__gt=0)
                | Q(scalability__gt=0),
                name="criterion_weights_not_all_zero",
                violation_error_message=_("At least one weight must be above zero."),
            ),
        ]

    def __str__(self):
        return str(_("Selection criterion weights"))

    @classmethod
    def current(cls) -> "CriterionWeights":
        weights = cls.objects.order_by("pk").first()
        return weights if weights is not None else cls()

    def as_dict(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in CRITERIA}


CRITERIA = ("complementarity", "existing_strengths", "feasibility", "scalability")


def score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Assessment(models.Model):
    """One reviewer's scores (1–5) of one use case on the four selection criteria."""

    class Recommendation(models.TextChoices):
        SELECT = "select", _("Select")
        MAYBE = "maybe", _("Maybe")
        DECLINE = "decline", _("Decline")

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.PROTECT, related_name="assessments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    complementarity = score_field(_("complementarity (MRA–Brainport)"))
    existing_strengths = score_field(_("fit with existing strengths"))
    feasibility = score_field(_("feasibility in the short term"))
    scalability = score_field(_("scalability in the longer term"))
    rationale = models.TextField(_("rationale"), max_length=10000, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation)
    created = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["use_case", "created", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["use_case", "reviewer"],
                name="assessment_one_per_reviewer",
                violation_error_message=_("This reviewer has already assessed this use case."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"assessment_{name}_1_to_5",
                    violation_error_message=_("Scores run from 1 to 5."),
                )
                for name in CRITERIA
            ],
            models.CheckConstraint(
                condition=Q(recommendation__in=["select", "maybe", "decline"]),
                name="assessment_recommendation_known",
                violation_error_message=_("Unknown recommendation."),
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "created"])]

    def __str__(self):
        return f"{self.reviewer} – {self.use_case}"


class ReviewSummary(models.Model):
    """The review values of one assessed use case, derived from its assessments.

    ``usecases.scoring.refresh`` rewrites it in the transaction that saves or
    deletes an assessment (``usecases.services``), and for every use case
    when the Board changes the criterion weights (``services.save_criterion_weights``).
    ``UseCase.objects.with_scores()`` reads it with one join, instead of
    aggregating every row's assessments (a subquery per value) each time a list
    is read.
    """

    use_case = models.OneToOneField(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review_summary",
    )
    score = models.FloatField(_("score"))
    score_complementarity = models.FloatField()
    score_existing_strengths = models.FloatField()
    score_feasibility = models.FloatField()
    score_scalability = models.FloatField()
    spread = models.FloatField(_("spread"))
    # A recommendation all reviewers share, or "split".
    consensus = models.CharField(_("consensus"), max_length=10)
    assessment_count = models.PositiveIntegerField(_("assessments"))

    class Meta:
        verbose_name = _("review summary")
        verbose_name_plural = _("review summaries")
        indexes = [models.Index(fields=["score"], name="review_summary_score")]

    def __str__(self):
        return str(self.use_case_id)


def attachment_path(instance, filename):
    """A random name under attachments/; the original name is kept in the row."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"attachments/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Anyone may download it once the use case is published. Otherwise only the "
            "Board, reviewers and your organisation see it."
        ),
    )

    objects = AttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=10 * 1024 * 1024), name="attachment_at_most_10_mb"
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("usecases:attachment-download", kwargs={"pk": self.pk})
