import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.api.filters import DateRangeForm
from corridor.api.filters import KeyFilter
from interventions.models import ActionLine
from interventions.models import Intervention

from ..models import Indicator
from ..models import Measurement
from ..models import Unit


class IndicatorFilterSet(django_filters.FilterSet):
    intervention = django_filters.ModelChoiceFilter(
        queryset=Intervention.objects.all(),
        to_field_name="slug",
        method="filter_intervention",
        help_text=_("Intervention slug."),
    )
    action_line = django_filters.ModelChoiceFilter(queryset=ActionLine.objects.all())
    use_case = KeyFilter(field_name="use_case_id", help_text=_("Use case id."))
    unit = django_filters.MultipleChoiceFilter(choices=Unit.choices)

    class Meta:
        model = Indicator
        fields = ["intervention", "action_line", "use_case", "unit"]

    def filter_intervention(self, queryset, name, value: str):  # an Intervention, by slug
        return queryset.of_intervention(value) if value else queryset


class MeasurementFilterForm(DateRangeForm):
    date_ranges = (("date_after", "date_before"),)

    def clean(self):
        # An API filter only: a date sent empty is not a date (the schema's format).
        for name in ("date_after", "date_before"):
            if name in self.data and not str(self.data.get(name) or "").strip():
                self.add_error(name, forms.ValidationError(_("Enter a valid date."), "invalid"))
        return super().clean()


class MeasurementFilterSet(django_filters.FilterSet):
    indicator = KeyFilter(field_name="indicator_id", help_text=_("Indicator id."))
    intervention = django_filters.ModelChoiceFilter(
        queryset=Intervention.objects.all(),
        to_field_name="slug",
        method="filter_intervention",
        help_text=_("Intervention slug."),
    )
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text=_("Measured on or after this date.")
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text=_("Measured on or before this date.")
    )

    class Meta:
        model = Measurement
        fields = ["indicator", "intervention"]
        form = MeasurementFilterForm

    def filter_intervention(self, queryset, name, value: str):  # an Intervention, by slug
        if not value:
            return queryset
        return queryset.filter(indicator__in=Indicator.objects.of_intervention(value).values("pk"))
