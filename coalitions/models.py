from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from corridor.codes import CodeListField

from .selectors import CoalitionQuerySet
from .selectors import MembershipQuerySet
from .selectors import OrganisationQuerySet


class Capability(models.TextChoices):
    AI = "ai", _("AI")
    DATA = "data", _("Data")
    SEMICON = "semicon", _("Semiconductors")
    PHOTONICS = "photonics", _("Photonics")
    XR = "xr", _("XR")
    MEDIA = "media", _("Media")
    HEALTH = "health", _("Health")
    DEFENCE = "defence", _("Defence")
    COMPUTE = "compute", _("Compute")
    HTSM = "htsm", _("High-tech systems and materials")
    SOFTWARE = "software", _("Software")
    TALENT = "talent", _("Talent development")


class Region(models.Model):
    """Where an organisation sits. ``mra`` and ``brainport`` are the two poles."""

    MRA = "mra"
    BRAINPORT = "brainport"
    POLES = (MRA, BRAINPORT)

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def is_pole(self) -> bool:
        return self.slug in self.POLES


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        GOVERNMENT = "government", _("Government")
        REGIONAL_DEVELOPMENT = "regional_development", _("Regional development")
        KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institution")
        COMPANY = "company", _("Company")
        SOCIETAL = "societal", _("Societal organisation")
        NETWORK = "network", _("Network")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    capabilities = CodeListField(_("capabilities"), codes=Capability.choices)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coalitions:organisation-detail", kwargs={"slug": self.slug})


class Coalition(models.Model):
    """Organisations that carry work under one or more interventions.

    Its scope is derived from the current members' regions; see
    ``CoalitionQuerySet.with_scope``.
    """

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        CLOSED = "closed", _("Closed")

    class Scope(models.TextChoices):
        CORRIDOR = "corridor", _("Corridor (both poles)")
        MRA = "mra", _("MRA")
        BRAINPORT = "brainport", _("Brainport")
        MULTI_REGION = "multi_region", _("Multi-region")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    purpose = models.TextField(_("purpose"), max_length=10000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.FORMING)
    interventions = models.ManyToManyField(
        "interventions.Intervention",
        verbose_name=_("interventions"),
        related_name="coalitions",
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="coalitions", blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = CoalitionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[interventions])

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coalitions:coalition-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CORE = "core", _("Core")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    joined = models.DateField(_("joined"))
    left = models.DateField(_("left"), null=True, blank=True)
    commitment = models.TextField(_("commitment"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["coalition", "joined", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation"],
                condition=Q(left__isnull=True),
                name="membership_one_open_per_organisation",
                violation_error_message=_(
                    "This organisation already has an open membership of this coalition."
                ),
            ),
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=F("joined")),
                name="membership_left_not_before_joined",
                violation_error_message=_("The date left cannot be before the date joined."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "left"])]

    def __str__(self):
        return f"{self.organisation} – {self.coalition} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.left and self.joined and self.left < self.joined:
            raise ValidationError({"left": _("The date left cannot be before the date joined.")})

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        return self.joined <= today and (self.left is None or self.left > today)


def interventions_model():
    """The model ``Coalition.interventions`` points at.

    Interventions sit on the floor above coalitions (an action line has a lead
    organisation), so this app does not import them: it follows the relation
    ``Coalition`` itself declares.
    """
    return Coalition._meta.get_field("interventions").related_model


def coalition_interventions_history():
    """The history of which interventions each coalition carries
    (django-simple-history's model of the ``interventions`` relation)."""
    return Coalition.history.model.interventions.model
