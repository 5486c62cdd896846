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

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import connections
from django.db import models
from django.db import router
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .models import ApiTokenEvent
from .models import User
from .models import organisation_model
from .roles import ROLES
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


class _TokenLookup:
    """One query for a token by its digest: the token, its user, the user's
    organisation and which roles the user has.

    It runs on every API request. Through the ORM, building and compiling this
    query (three models and a subquery per role) cost several times what the
    database spends answering it, so its SQL is written once per database from
    the models' metadata, and each column is read with the converters the ORM
    would apply to it.
    """

    def __init__(self, connection):
        Organisation = organisation_model()
        qn = connection.ops.quote_name
        self.models = [(ApiToken, "t"), (User, "u"), (Organisation, "o")]
        self.layouts = []
        columns = []
        for model, alias in self.models:
            fields = model._meta.concrete_fields
            columns += [f"{alias}.{qn(field.column)}" for field in fields]
            self.layouts.append(
                ([field.attname for field in fields], [field.get_col(alias) for field in fields])
            )
        # The user's roles as bits (1 << position in ROLES): one subquery, where
        # one per role took the database twice as long to plan.
        groups = User._meta.get_field("groups")
        bits = " ".join(f"WHEN %s THEN {1 << position}" for position in range(len(ROLES)))
        columns.append(
            f"(SELECT SUM(CASE g.{qn(Group._meta.get_field('name').column)} {bits} ELSE 0 END)"
            f" FROM {qn(groups.m2m_db_table())} ug"
            f" JOIN {qn(Group._meta.db_table)} g ON g.{qn(Group._meta.pk.column)}"
            f" = ug.{qn(groups.m2m_reverse_name())}"
            f" WHERE ug.{qn(groups.m2m_column_name())} = u.{qn(User._meta.pk.column)})"
        )
        token_user = ApiToken._meta.get_field("user").column
        user_organisation = User._meta.get_field("organisation").column
        # ``ApiToken.objects.active()``: neither revoked nor expired.
        self.sql = (
            f"SELECT {', '.join(columns)}"
            f" FROM {qn(ApiToken._meta.db_table)} t"
            f" JOIN {qn(User._meta.db_table)} u"
            f" ON u.{qn(User._meta.pk.column)} = t.{qn(token_user)}"
            f" LEFT JOIN {qn(Organisation._meta.db_table)} o"
            f" ON o.{qn(Organisation._meta.pk.column)} = u.{qn(user_organisation)}"
            f" WHERE t.{qn(ApiToken._meta.get_field('digest').column)} = %s"
            f" AND t.{qn(ApiToken._meta.get_field('revoked').column)} IS NULL"
            f" AND t.{qn(ApiToken._meta.get_field('expires').column)} > %s"
        )

    def __call__(self, connection, digest: str, now: datetime.datetime) -> ApiToken | None:
        params = [*ROLES, digest, connection.ops.adapt_datetimefield_value(now)]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        values = iter(row)
        token, user, organisation = (
            self._read(connection, model, layout, values)
            for (model, _alias), layout in zip(self.models, self.layouts, strict=True)
        )
        user.organisation = organisation if organisation.pk is not None else None
        bits = int(next(values) or 0)
        user.remember_roles(names_from_bits(bits))
        token.user = user
        return token

    @staticmethod
    def _read(connection, model, layout, values):
        attnames, columns = layout
        row = []
        for column in columns:
            value = next(values)
            converters = connection.ops.get_db_converters(column)
            for converter in converters + column.get_db_converters(connection):
                value = converter(value, column, connection)
            row.append(value)
        return model.from_db(connection.alias, attnames, row)


# One per database alias.
_lookups: dict[str, _TokenLookup] = {}


def _find_token(digest: str, now: datetime.datetime) -> ApiToken | None:
    alias = router.db_for_read(ApiToken)
    connection = connections[alias]
    lookup = _lookups.get(alias)
    if lookup is None:
        lookup = _lookups[alias] = _TokenLookup(connection)
    return lookup(connection, digest, now)


def user_for_token(plaintext: str, *, ip: str | None = None):
    """The active user a valid token belongs to, or ``None``; one query, which
    also loads the user's organisation and roles.

    Records when the token was last used, and from ``ip``, at most once a minute
    per token: ``last_used`` and a ``used`` row in the audit trail.
    """
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        return None
    now = timezone.now()
    token = _find_token(digest_of(plaintext), now)
    if token is None or not token.user.is_active:
        return None
    if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
        # Conditional, so concurrent requests with one token record one use.
        stale = models.Q(last_used__isnull=True) | models.Q(
            last_used__lt=now - LAST_USED_RESOLUTION
        )
        if ApiToken.objects.filter(stale, pk=token.pk).update(last_used=now):
            record(token, ApiTokenEvent.Kind.USED, ip=ip, at=now)
        token.last_used = now
    token.user._api_token = token
    return token.user
