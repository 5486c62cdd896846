"""Files attached to a use case."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..selectors import AttachmentQuerySet
from .use_cases import UseCase


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
