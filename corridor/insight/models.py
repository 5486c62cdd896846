from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """A user's private milestone feed, reachable at a secret URL.

    Only the SHA-256 digest of the secret is kept; the URL is shown once when
    made. Revoking stamps ``revoked`` and the URL stops answering; a user has at
    most one live feed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked__isnull=True),
                name="calendar_feed_one_live_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.prefix}…"
