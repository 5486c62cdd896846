import django_filters
from django.utils.translation import gettext_lazy as _

from coalitions.models import Organisation
from corridor.api.filters import DateRangeForm

from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone


class ActionLineFilterSet(django_filters.FilterSet):
    intervention = django_filters.ModelChoiceFilter(
        queryset=Intervention.objects.all(), to_field_name="slug", help_text=_("Intervention slug.")
    )
    status = django_filters.MultipleChoiceFilter(choices=ActionLine.Status.choices)
    kind = django_filters.MultipleChoiceFilter(choices=ActionLine.Kind.choices)
    lead_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        help_text=_("Slug of the lead organisation."),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        help_text=_("Past the end date and not closed, or with an overdue milestone."),
    )
    active_on = django_filters.DateFilter(
        method="filter_active_on", help_text=_("Running on this date (start ≤ date ≤ end).")
    )

    class Meta:
        model = ActionLine
        fields = ["intervention", "status", "kind", "lead_organisation"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.overdue() if value else queryset.not_overdue()

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value) if value else queryset


class MilestoneFilterForm(DateRangeForm):
    date_ranges = (("due_after", "due_before"),)


class MilestoneFilterSet(django_filters.FilterSet):
    intervention = django_filters.ModelChoiceFilter(
        field_name="action_line__intervention",
        queryset=Intervention.objects.all(),
        to_field_name="slug",
        help_text=_("Intervention slug."),
    )
    action_line = django_filters.ModelChoiceFilter(queryset=ActionLine.objects.all())
    due_after = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", help_text=_("Due on or after this date.")
    )
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", help_text=_("Due on or before this date.")
    )
    completed = django_filters.BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Milestone
        fields = ["intervention", "action_line"]
        form = MilestoneFilterForm

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue=value)
