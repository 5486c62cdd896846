"""The review of use cases: reviewers' assessments on the four selection
criteria, the Board's weights of those, and the summary derived from both."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..selectors import AssessmentQuerySet
from .use_cases import UseCase


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
