"""Who reviews a use case: the Board's assignments, reviewers' expertise and
declared conflicts of interest, a reviewer's draft assessment, the review
clock of a waiting use case, and a selection the Board made on fewer
assessments than required."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import Capability
from corridor.codes import CodeListField

from ..selectors import AssignmentQuerySet
from ..selectors import ConflictQuerySet
from .use_cases import UseCase


class ReviewerExpertise(models.Model):
    """The capabilities a reviewer declared as their expertise; the Board's
    suggested reviewers for a use case favour those matching its needs."""

    reviewer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_expertise",
    )
    capabilities = CodeListField(_("expertise"), codes=Capability.choices)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reviewer expertise")
        verbose_name_plural = _("reviewer expertise")

    def __str__(self):
        return str(self.reviewer)


class ReviewAssignment(models.Model):
    """The Board asks one reviewer to assess one use case."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("assigned"), default=timezone.now)

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["use_case", "reviewer"],
                name="review_assignment_once",
                violation_error_message=_("This reviewer is already assigned to this use case."),
            )
        ]
        indexes = [models.Index(fields=["reviewer", "created"])]

    def __str__(self):
        return f"{self.reviewer} – {self.use_case}"


class DeclaredConflict(models.Model):
    """A reviewer's own declaration that they cannot judge a use case fairly."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="declared_conflicts",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created = models.DateTimeField(_("declared"), default=timezone.now)

    objects = ConflictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["use_case", "reviewer"],
                name="declared_conflict_once",
                violation_error_message=_("You have already declared a conflict here."),
            )
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.use_case}"


class AssessmentDraft(models.Model):
    """A reviewer's assessment saved before it is submitted: seen by no one else."""

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    values = models.JSONField(_("values"), default=dict)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("draft assessment")
        verbose_name_plural = _("draft assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["use_case", "reviewer"], name="assessment_draft_one_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.use_case}"


class ReviewClock(models.Model):
    """How long a submitted or in-review use case has waited in its status.

    Written by ``usecases.review.services`` inside every move: ``started`` when
    it entered its status (``submitted``, or ``in_review`` from submitted);
    while the partner holds it (``more_information_requested``) the clock is
    paused from ``paused_since``, and the pause is added to ``paused_seconds``
    when the answer brings it back. Gone once the use case is decided.
    """

    use_case = models.OneToOneField(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review_clock",
    )
    started = models.DateTimeField(_("waiting since"))
    paused_seconds = models.PositiveIntegerField(default=0)
    paused_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review clock")
        verbose_name_plural = _("review clocks")

    def __str__(self):
        return str(self.use_case_id)

    def seconds(self, now=None) -> int:
        now = now or timezone.now()
        held = self.paused_seconds
        if self.paused_since is not None:
            held += max(0, int((now - self.paused_since).total_seconds()))
        return max(0, int((now - self.started).total_seconds()) - held)

    def days(self, now=None) -> int:
        return self.seconds(now) // 86400

    @property
    def paused(self) -> bool:
        return self.paused_since is not None


class SelectionOverride(models.Model):
    """The Board selected a use case on fewer assessments than required, and why."""

    status_change = models.OneToOneField(
        "usecases.StatusChange",
        verbose_name=_("status change"),
        on_delete=models.CASCADE,
        related_name="override",
    )
    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="selection_overrides",
    )
    assessments = models.PositiveSmallIntegerField(_("assessments"))
    required = models.PositiveSmallIntegerField(_("required"))
    reason = models.TextField(_("reason for the override"), max_length=10000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("selection override")
        verbose_name_plural = _("selection overrides")

    def __str__(self):
        return f"{self.use_case}: {self.assessments}/{self.required}"
