"""Results as IATI reports them: an indicator with its baseline and target,
and dated measurements of it.

An indicator belongs to an action line or to a (selected) use case — exactly
one of the two. Each keeps its history, and so does each measurement.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .selectors import IndicatorQuerySet
from .selectors import MeasurementQuerySet

VALUE_DIGITS = {"max_digits": 16, "decimal_places": 2}


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    EUROS = "euros", _("euros")
    PEOPLE = "people", _("people")
    PERCENTAGE = "percentage", _("percentage")


class Indicator(models.Model):
    Unit = Unit

    action_line = models.ForeignKey(
        "interventions.ActionLine",
        verbose_name=_("action line"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    use_case = models.ForeignKey(
        "usecases.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit)
    baseline_value = models.DecimalField(_("baseline"), **VALUE_DIGITS)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), **VALUE_DIGITS)
    target_date = models.DateField(_("target date"))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=(Q(action_line__isnull=False) & Q(use_case__isnull=True))
                | (Q(action_line__isnull=True) & Q(use_case__isnull=False)),
                name="indicator_of_one_action_line_or_use_case",
                violation_error_message=_(
                    "An indicator belongs to either an action line or a use case."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("baseline_date")),
                name="indicator_target_after_baseline",
                violation_error_message=_("The target date must be after the baseline date."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("results:indicator-detail", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        if (get_language() or "nl")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name_nl or self.name_en

    def clean(self):
        super().clean()
        if bool(self.action_line_id) == bool(self.use_case_id):
            raise ValidationError(_("An indicator belongs to either an action line or a use case."))
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            raise ValidationError(
                {"target_date": _("The target date must be after the baseline date.")}
            )


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    source_note = models.CharField(_("source"), max_length=500)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "date", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="measurement_one_per_indicator_and_date",
                violation_error_message=_("This indicator already has a value on this date."),
            ),
        ]
        indexes = [models.Index(fields=["indicator", "-date"], name="measurement_latest_idx")]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date})"
