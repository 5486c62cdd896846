from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .selectors import ActionLineQuerySet
from .selectors import InterventionQuerySet
from .selectors import MilestoneQuerySet


class Intervention(models.Model):
    """One of the four strategic interventions, with its joint agenda.

    Every save of the agenda is a version in ``history``; restoring an earlier
    version saves it again as a new one, so nothing is lost.
    """

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), max_length=10000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=10000, blank=True)
    agenda = models.TextField(
        _("joint agenda"),
        max_length=100000,
        blank=True,
        help_text=_("Markdown. Every save is kept as a version."),
    )
    agenda_en = models.TextField(
        _("joint agenda (English)"),
        max_length=100000,
        blank=True,
        help_text=_("Markdown; the English text of the agenda, where the Dutch one is not enough."),
    )
    asks = models.TextField(
        _("asks of the Rijk and the EU"),
        max_length=20000,
        blank=True,
        help_text=_(
            "One ask per line, starting with whom it is asked of: “Rijk:”, “EU:” or "
            "“Rijk en EU:”. Every save is kept as a version."
        ),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="intervention_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("interventions:intervention-detail", kwargs={"slug": self.slug})

    def _localised(self, field: str) -> str:
        language = (get_language() or "nl")[:2]
        value = getattr(self, f"{field}_{language}", "") if language in ("nl", "en") else ""
        return value or getattr(self, f"{field}_nl") or getattr(self, f"{field}_en")

    @property
    def title(self) -> str:
        """The title in the active language, falling back to the other one."""
        return self._localised("title")

    @property
    def description(self) -> str:
        return self._localised("description")

    @property
    def agenda_language(self) -> str:
        """The language the agenda is read in: English where it is written, else Dutch."""
        if (get_language() or "nl")[:2] == "en" and self.agenda_en.strip():
            return "en"
        return "nl"

    @property
    def agenda_text(self) -> str:
        """The agenda in the active language, falling back to the Dutch."""
        return self.agenda_en if self.agenda_language == "en" else self.agenda

    @property
    def ask_rows(self) -> list[tuple["Addressee", str]]:
        """The asks as ``(addressee, ask)``, in the order written."""
        return parse_asks(self.asks)


class Addressee(models.TextChoices):
    """Whom an intervention's ask is addressed to."""

    RIJK = "rijk", _("Rijk (national government)")
    EU = "eu", _("European Union")
    BOTH = "both", _("Rijk and EU")


ADDRESSEES = {
    "rijk": Addressee.RIJK,
    "national government": Addressee.RIJK,
    "eu": Addressee.EU,
    "rijk en eu": Addressee.BOTH,
    "rijk & eu": Addressee.BOTH,
    "rijk and eu": Addressee.BOTH,
    "rijk/eu": Addressee.BOTH,
}


def parse_asks(text: str) -> list[tuple[Addressee, str]]:
    """``Rijk: …`` / ``EU: …`` / ``Rijk en EU: …`` lines as ``(addressee, ask)``;
    a line without a known addressee is asked of both."""
    rows = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("-*• ").strip()
        if not line:
            continue
        head, colon, rest = line.partition(":")
        addressee = ADDRESSEES.get(head.strip().lower()) if colon else None
        if addressee and rest.strip():
            rows.append((addressee, rest.strip()))
        else:
            rows.append((Addressee.BOTH, line))
    return rows


def days_slipped(end_date, baseline_end) -> int:
    """Days the end date lies past the baseline end (0 when on plan)."""
    if not (end_date and baseline_end):
        return 0
    return max(0, (end_date - baseline_end).days)


class ActionLine(models.Model):
    """An action line (actielijn) of one intervention, with its timeline.

    ``baseline_start``/``baseline_end`` keep the dates first agreed; they are
    filled from the planned dates on creation, so slippage stays visible.
    Progress is derived from the milestones (``ActionLineQuerySet.with_progress``).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        AT_RISK = "at_risk", _("At risk")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        CONTENT = "content", _("Content line")
        TALENT = "talent", _("Precondition: talent development")
        PHYSICAL_SPACE = "physical_space", _("Precondition: physical space")
        TEST_ENVIRONMENT = "test_environment", _("Precondition: test and application environments")

    PRECONDITIONS = (Kind.TALENT, Kind.PHYSICAL_SPACE, Kind.TEST_ENVIRONMENT)

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        related_name="action_lines",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONTENT)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    lead_organisation = models.ForeignKey(
        "coalitions.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_action_lines",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_lines",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    baseline_start = models.DateField(_("baseline start"), blank=True)
    baseline_end = models.DateField(_("baseline end"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["intervention__number", "start_date", "id"]
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="action_line_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_end__gte=F("baseline_start")),
                name="action_line_baseline_end_not_before_start",
                violation_error_message=_(
                    "The baseline end date cannot be before the baseline start date."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["intervention", "status"]),
            models.Index(fields=["status"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["start_date", "end_date"]),
            # The list's order within each intervention: a page is read from the
            # index instead of sorting every line.
            models.Index(
                fields=["intervention", "start_date", "id"], name="action_line_list_order_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("interventions:action-line-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.baseline_start and self.baseline_end and self.baseline_end < self.baseline_start:
            raise ValidationError(
                {"baseline_end": _("The baseline end date cannot be before the baseline start.")}
            )

    def save(self, *args, **kwargs):
        if self.baseline_start is None:
            self.baseline_start = self.start_date
        if self.baseline_end is None:
            self.baseline_end = self.end_date
        super().save(*args, **kwargs)

    @property
    def slipped_days(self) -> int:
        return days_slipped(self.end_date, self.baseline_end)


def outside_period(due_date, start, end) -> str | None:
    """``"before"`` or ``"after"`` when ``due_date`` falls outside ``start``–``end``."""
    if start and due_date < start:
        return "before"
    if end and due_date > end:
        return "after"
    return None


class Milestone(models.Model):
    action_line = models.ForeignKey(
        ActionLine,
        verbose_name=_("action line"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [
            models.Index(fields=["due_date"]),
            models.Index(fields=["action_line", "due_date"]),
            # Open milestones by due date, in list order: the overdue ones are
            # counted and paged from the index alone.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(completed_on__isnull=True),
                name="milestone_open_due_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Past due and not completed; the queryset annotation ``overdue`` is the same."""
        return self.completed_on is None and self.due_date < timezone.localdate()

    @property
    def outside_period(self) -> str | None:
        """``"before"`` or ``"after"`` when due outside its action line's period:
        allowed (plans move), but the Board is warned and the timeline marks it."""
        line = self.action_line
        return outside_period(self.due_date, line.start_date, line.end_date)

    def period_warning(self) -> str | None:
        """The warning the Board gets on saving a milestone outside its line's period."""
        from django.utils import formats

        side = self.outside_period
        if side is None:
            return None
        values = {
            "title": self.title,
            "due": formats.date_format(self.due_date),
            "start": formats.date_format(self.action_line.start_date),
            "end": formats.date_format(self.action_line.end_date),
        }
        if side == "before":
            text = _("“%(title)s” is due on %(due)s, before its action line starts (%(start)s).")
        else:
            text = _("“%(title)s” is due on %(due)s, after its action line ends (%(end)s).")
        return (
            (text % values)
            + " "
            + _(
                "The timeline draws it at the end of the bar, marked; move the date or the action "
                "line's period if that is not what you meant."
            )
        )


# The joint agenda's co-owners and proposals live in their own module.
from .joint import CoOwnership  # noqa: E402, F401
from .joint import Proposal  # noqa: E402, F401
from .joint import ProposalComment  # noqa: E402, F401
from .joint import ProposalEvent  # noqa: E402, F401
