"""Writes of the insight app: inviting a suggested partner, private calendar feeds."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from usecases.models import UseCase
from usecases.services import can_edit_use_case

from .models import CalendarFeed

FEED_SECRET_PREFIX = "cal_"


def invite_partner(*, use_case: UseCase, organisation, actor) -> UseCase:
    """Add ``organisation`` to ``use_case``'s partners in one step, as the Board.

    The change is a row in the use case's history with ``actor`` as its author.
    An organisation already involved (submitter or partner) is refused.
    """
    if actor is None or not actor.is_authenticated or not actor.is_board:
        raise PermissionDenied(_("Only the Board may invite partners."))
    if not can_edit_use_case(use_case=use_case, user=actor):
        raise PermissionDenied(_("This use case can no longer be edited by you."))
    with transaction.atomic():
        locked = UseCase.objects.select_for_update().get(pk=use_case.pk)
        if (
            organisation.pk == locked.organisation_id
            or locked.partners.filter(pk=organisation.pk).exists()
        ):
            raise ValidationError(
                {
                    "organisation": _("%(name)s is already involved in this use case.")
                    % {"name": organisation.name}
                }
            )
        locked._history_user = actor
        locked.partners.add(organisation)
    return locked


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
