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
        return frozenset(self.groups.values_list("name", flat=True))

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
