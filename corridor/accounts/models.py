from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import roles


class User(AbstractUser):
    """A person using the portal: Board staff, a reviewer or a partner user.

    Roles are the groups ``board``, ``reviewer`` and ``partner``; a partner acts
    for its ``organisation``.
    """

    class Language(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    class DigestFrequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        DAILY = "daily", _("Daily")
        NONE = "none", _("None")

    organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.NL
    )
    digest_frequency = models.CharField(
        _("digest frequency"),
        max_length=10,
        choices=DigestFrequency,
        default=DigestFrequency.WEEKLY,
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.filter(name__in=roles.ROLES).values_list("name", flat=True))

    def remember_roles(self, names) -> None:
        """Set ``role_names`` from roles loaded along with the user (as the API
        token lookup does), so that checking them costs no query."""
        self.__dict__["role_names"] = frozenset(names) if self.is_active else frozenset()

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_board(self) -> bool:
        return self.is_superuser or self.has_role(roles.BOARD)

    @property
    def is_reviewer(self) -> bool:
        return self.has_role(roles.REVIEWER)

    @property
    def is_partner(self) -> bool:
        return self.has_role(roles.PARTNER) and self.organisation_id is not None

    def acts_for(self, organisation_id: int | None) -> bool:
        """True when this user is a partner user of the given organisation."""
        return (
            self.is_partner
            and organisation_id is not None
            and (self.organisation_id == organisation_id)
        )


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        """Tokens that are neither revoked nor expired."""
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(revoked__isnull=True, expires__gt=now)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest of the token is stored.

    The plain token is shown once, when it is made (``corridor.accounts.tokens``).
    ``prefix`` is its first characters, kept so a user can tell tokens apart.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "revoked"])]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.active_at(timezone.now())

    def active_at(self, now) -> bool:
        return self.revoked is None and self.expires > now

    @property
    def last_used(self):
        """When the token was last used (to the minute), or ``None``."""
        try:
            return self.use.last_used
        except ApiTokenUse.DoesNotExist:
            return None


class ApiTokenUse(models.Model):
    """When a token was last used: bookkeeping apart from the token itself, so
    that using a token (written at most once a minute) is not a change to the
    corridor's data (``corridor.caching.tracking.UNTRACKED``), while making or
    revoking one is."""

    token = models.OneToOneField(
        ApiToken,
        verbose_name=_("API token"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="use",
    )
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")

    def __str__(self):
        return f"{self.token_id}: {self.last_used}"


class ApiTokenEvent(models.Model):
    """The audit trail of API tokens: made, revoked, used — who, when, from where.

    Uses are recorded as often as ``ApiTokenUse.last_used`` is written (at most once
    a minute per token), not on every request. The row outlives its token: the
    prefix and the owner stay readable after the token is deleted.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        REVOKED = "revoked", _("revoked")
        USED = "used", _("used")

    token = models.ForeignKey(
        ApiToken,
        verbose_name=_("API token"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="events",
    )
    prefix = models.CharField(_("prefix"), max_length=12)
    owner = models.ForeignKey(
        User,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who made or revoked the token; empty for a management command."),
    )
    at = models.DateTimeField(_("when"), db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("API token event")
        verbose_name_plural = _("API token events")
        indexes = [models.Index(fields=["token", "-at"])]

    def __str__(self):
        return f"{self.prefix}… {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


def organisation_model():
    """The model a user's ``organisation`` points at.

    Accounts sit on the floor below the coalitions app that holds
    organisations, so this app does not import it: it follows the relation
    ``User`` itself declares.
    """
    return User._meta.get_field("organisation").related_model
