"""Writes of calendar feeds: a private feed's secret address, made and revoked."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CalendarFeed

FEED_SECRET_PREFIX = "cal_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_calendar_feed(*, user) -> tuple[CalendarFeed, str]:
    """A new private feed for ``user``; any live one is revoked first.

    Returns the row and the secret, which is not stored: show its URL once.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to make a private calendar."))
    secret = FEED_SECRET_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            CalendarFeed.objects.filter(user=user, revoked__isnull=True).update(
                revoked=timezone.now()
            )
            feed = CalendarFeed.objects.create(
                user=user, digest=_digest(secret), prefix=secret[: len(FEED_SECRET_PREFIX) + 6]
            )
    except IntegrityError as exc:  # a concurrent request made one at the same moment
        raise ValidationError(_("Another calendar was just made; try again.")) from exc
    return feed, secret


def revoke_calendar_feed(*, user) -> int:
    """Revoke ``user``'s live feed; its URL stops answering. Returns how many were live."""
    return CalendarFeed.objects.filter(user=user, revoked__isnull=True).update(
        revoked=timezone.now()
    )


def user_for_calendar_secret(secret: str):
    """The active owner of the live feed with this secret, or ``None``."""
    if not secret or not secret.startswith(FEED_SECRET_PREFIX) or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=_digest(secret), revoked__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    now = timezone.now()
    if feed.last_used is None or (now - feed.last_used).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used=now)
    return feed.user
