"""Personal API tokens: made, checked and revoked here only.

A token is ``ctp_`` followed by 43 random URL-safe characters. The database
keeps its SHA-256 digest, never the token itself; a random token of this length
needs no slow hash. The API's authentication, the ``corridor_token`` command
and the portal's profile page all go through these functions, which also write
the audit trail (``ApiTokenEvent``): who made or revoked a token, when it was
used, and from which address.
"""

import datetime
import hashlib
import secrets

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import models
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.caching.kept import kept

from .models import ApiToken
from .models import ApiTokenEvent
from .models import ApiTokenUse
from .roles import bits_of_user_roles
from .roles import names_from_bits

TOKEN_PREFIX = "ctp_"
DEFAULT_EXPIRES_DAYS = 90
MAX_EXPIRES_DAYS = 366
# ``last_used`` is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def digest_of(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8", "surrogatepass")).hexdigest()


def record(token: ApiToken, kind: str, *, actor=None, ip: str | None = None, at=None):
    """Add a row to the token's audit trail; a malformed address is kept as unknown."""
    return ApiTokenEvent.objects.create(
        token=token,
        prefix=token.prefix,
        owner_id=token.user_id,
        kind=kind,
        actor=actor,
        at=at or timezone.now(),
        ip_address=_valid_ip(ip),
    )


def _valid_ip(ip: str | None) -> str | None:
    import ipaddress

    try:
        return str(ipaddress.ip_address((ip or "").strip()))
    except ValueError:
        return None


def create_token(
    user,
    *,
    expires_days: int = DEFAULT_EXPIRES_DAYS,
    name: str = "",
    actor=None,
    ip: str | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for ``user``, valid ``expires_days`` days; ``actor`` made it
    (the user, or nobody for a management command) from ``ip``.

    Returns the stored row and the plain token, which is not kept anywhere:
    show it to the user once.
    """
    if not user.is_active:
        raise ValidationError(_("Inactive users cannot have API tokens."), code="inactive")
    if isinstance(expires_days, bool) or not isinstance(expires_days, int):
        raise ValidationError({"expires_days": _("Enter a whole number of days.")})
    if not 1 <= expires_days <= MAX_EXPIRES_DAYS:
        raise ValidationError(
            {
                "expires_days": _("A token is valid between 1 and %(max)d days.")
                % {"max": MAX_EXPIRES_DAYS}
            }
        )
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=(name or "").strip(),
        prefix=plaintext[: len(TOKEN_PREFIX) + 6],
        digest=digest_of(plaintext),
        expires=timezone.now() + datetime.timedelta(days=expires_days),
    )
    token.full_clean(exclude=["prefix", "digest"])
    with transaction.atomic():
        token.save()
        ApiTokenUse.objects.create(token=token)
        record(token, ApiTokenEvent.Kind.CREATED, actor=actor, ip=ip)
    return token, plaintext


def revoke_token(token: ApiToken, *, actor=None, ip: str | None = None) -> ApiToken:
    """Revoke ``token`` from now on. Its owner or the Board may; revoking twice is harmless.

    Without an ``actor`` (a management command) the revocation is unconditional.
    """
    if actor is not None and not (actor.pk == token.user_id or actor.is_board):
        raise PermissionDenied(_("You may only revoke your own API tokens."))
    if token.revoked is None:
        now = timezone.now()
        with transaction.atomic():
            revoked = ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(revoked=now)
            if revoked:
                record(token, ApiTokenEvent.Kind.REVOKED, actor=actor, ip=ip, at=now)
        token.revoked = now
    return token


def _find_token(digest: str) -> ApiToken | None:
    """The token with this digest, its user, the user's organisation and roles
    (``roles.bits_of_user_roles``, as the session's user is loaded), active or
    not: the caller asks whether it is active now.

    Kept (``corridor.caching``) until the data changes: making or revoking a
    token, or changing its user, their roles or organisation, moves the data
    version, so a revoked token is refused at once. Only tokens that exist are
    kept: what a visitor sends adds nothing to the cache."""

    def lookup():
        return (
            ApiToken.objects.select_related("user", "user__organisation")
            .annotate(role_bits=bits_of_user_roles(user="user_id"))
            .filter(digest=digest)
            .first()
        )

    token = kept("api-token", lookup, vary=(digest,))
    if token is not None:
        token.user.remember_roles(names_from_bits(token.role_bits))
    return token


def _record_use(token: ApiToken, now: datetime.datetime, ip: str | None) -> None:
    """``last_used`` and a ``used`` row in the audit trail, at most once a
    minute per token. The cache only spares the look at the database within
    the minute; the conditional update decides, so concurrent requests with
    one token record one use."""
    minute = int(now.timestamp() // LAST_USED_RESOLUTION.total_seconds())
    if not cache.add(f"api-token-used:{token.pk}:{minute}", True, 2 * 60):
        return
    stale = models.Q(last_used__isnull=True) | models.Q(last_used__lt=now - LAST_USED_RESOLUTION)
    with transaction.atomic():
        ApiTokenUse.objects.get_or_create(token_id=token.pk)
        if ApiTokenUse.objects.filter(stale, token_id=token.pk).update(last_used=now):
            record(token, ApiTokenEvent.Kind.USED, ip=ip, at=now)


def user_for_token(plaintext: str, *, ip: str | None = None):
    """The active user a valid token belongs to, or ``None``; its organisation
    and roles are loaded with it.

    Records when the token was last used, and from ``ip``, at most once a minute
    per token: ``last_used`` and a ``used`` row in the audit trail.
    """
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        return None
    now = timezone.now()
    token = _find_token(digest_of(plaintext))
    if token is None or not token.active_at(now) or not token.user.is_active:
        return None
    _record_use(token, now, ip)
    token.user._api_token = token
    return token.user
