import django_filters
from django.utils.translation import gettext_lazy as _

from corridor.api.filters import DateRangeForm

from ..models import Digest
from ..models import Frequency


class DigestFilterForm(DateRangeForm):
    date_ranges = (("period_from", "period_to"),)


class DigestFilterSet(django_filters.FilterSet):
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices)
    period_from = django_filters.DateFilter(
        field_name="period_start",
        lookup_expr="date__gte",
        help_text=_("Periods starting on or after this day."),
    )
    period_to = django_filters.DateFilter(
        field_name="period_start",
        lookup_expr="date__lte",
        help_text=_(
            "Periods starting on or before this day; not before period_from (400 otherwise)."
        ),
    )

    class Meta:
        model = Digest
        fields = ["frequency"]
        form = DigestFilterForm
