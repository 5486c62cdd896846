"""Use case and assessment filters of the API.

Every filter narrows a queryset already scoped by ``visible_to``; it never
widens it. The use case filters are the portal's own (``usecases.filters``):
one definition for both.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from corridor.api.filters import KeyFilter

from ..filters import UseCaseFilterSet
from ..models import Assessment

__all__ = ["AssessmentFilterSet", "UseCaseFilterSet"]


class AssessmentFilterSet(django_filters.FilterSet):
    use_case = KeyFilter(field_name="use_case_id")
    recommendation = django_filters.MultipleChoiceFilter(choices=Assessment.Recommendation.choices)
    mine = django_filters.BooleanFilter(method="filter_mine", help_text=_("Only your own."))

    class Meta:
        model = Assessment
        fields = ["use_case", "recommendation"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        user_id = getattr(getattr(self.request, "user", None), "pk", None)
        if value:
            return queryset.filter(reviewer_id=user_id)
        return queryset.exclude(reviewer_id=user_id)
