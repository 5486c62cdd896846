"""What the Board, the reviewers and the submitting organisation say about a
use case in review: questions to the partner and their answers, the comment
thread, and the notices each of them sends (delivered by the outbox)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..selectors import CommentQuerySet
from ..selectors import QuestionQuerySet
from .use_cases import UseCase


class Question(models.Model):
    """The Board asks the submitting organisation for more information.

    Asking moves the use case ``in_review → more_information_requested``; the
    answer moves it back. Seen by the Board, the assigned reviewers and the
    submitting organisation.
    """

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("question"), max_length=5000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("question to the partner")
        verbose_name_plural = _("questions to the partner")
        constraints = [
            # One open question at a time: the status says the partner holds it.
            models.UniqueConstraint(
                fields=["use_case"],
                condition=models.Q(answered_at__isnull=True),
                name="question_one_open_per_use_case",
                violation_error_message=_("This use case already waits for an answer."),
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class CommentKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (Board and assigned reviewers)")
    SHARED = "shared", _("Shared with the submitting organisation")


class Comment(models.Model):
    """One comment in a use case's thread, in Markdown; edits keep history."""

    Kind = CommentKind

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("visibility"), max_length=10, choices=CommentKind)
    body = models.TextField(_("comment"), max_length=10000)
    created = models.DateTimeField(_("written"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    edited = models.BooleanField(_("edited"), default=False)

    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["internal", "shared"]),
                name="comment_kind_known",
            )
        ]
        indexes = [models.Index(fields=["use_case", "created"])]

    def __str__(self):
        return self.body[:60]


class NoticeKind(models.TextChoices):
    ASSIGNED = "assigned", _("You are asked to review a use case")
    SUBMITTED = "submitted", _("A use case was submitted")
    ASSESSED = "assessed", _("A use case has all its assessments")
    ANSWERED = "answered", _("A partner answered a question")
    MENTIONED = "mentioned", _("You were mentioned in a comment")


class ReviewNotice(models.Model):
    """One thing one person must be told about a use case's review, once.

    ``key`` names the event (``assignment:12``, ``answer:4``…); the unique
    (key, recipient) makes a repeated write tell nobody twice. The outbox
    (``corridor.digests``) registers with ``usecases.review.notices`` and
    turns each new notice into an email.
    """

    Kind = NoticeKind

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind)
    key = models.CharField(max_length=80)
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("review notice")
        verbose_name_plural = _("review notices")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="review_notice_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.recipient_id}"
