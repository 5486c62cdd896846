import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.api.filters import CodeFilter
from corridor.api.filters import SlugFilter

from ..models import Capability
from ..models import Coalition
from ..models import Membership
from ..models import Organisation
from ..models import Region
from ..models import interventions_model
from ..selectors import current_membership_q


class OrganisationFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Organisation.Kind.choices)
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", help_text=_("Region slug.")
    )
    capability = CodeFilter(field_name="capabilities", choices=Capability.choices)
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text=_("Words in the name, city or description."),
    )

    class Meta:
        model = Organisation
        fields = ["kind", "region"]

    def filter_search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(city__icontains=word) | Q(description__icontains=word)
            )
        return queryset


class CoalitionFilterSet(django_filters.FilterSet):
    intervention = django_filters.ModelChoiceFilter(
        field_name="interventions",
        queryset=interventions_model().objects.all(),
        to_field_name="slug",
        help_text=_("Intervention slug."),
    )
    status = django_filters.MultipleChoiceFilter(choices=Coalition.Status.choices)
    scope = django_filters.ChoiceFilter(
        choices=Coalition.Scope.choices,
        help_text=_("Derived from the regions of the current members."),
    )
    organisation = SlugFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        help_text=_("Slug of a current member organisation."),
    )

    class Meta:
        model = Coalition
        fields = ["intervention", "status", "scope"]

    def filter_organisation(self, queryset, name, value):
        members = Membership.objects.filter(current_membership_q(), organisation=value)
        return queryset.filter(pk__in=members.values("coalition_id"))


class MembershipFilterSet(django_filters.FilterSet):
    coalition = django_filters.ModelChoiceFilter(
        queryset=Coalition.objects.all(), to_field_name="slug", help_text=_("Coalition slug.")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        help_text=_("Organisation slug."),
    )
    role = django_filters.MultipleChoiceFilter(choices=Membership.Role.choices)
    current = django_filters.BooleanFilter(
        method="filter_current", help_text=_("Joined and not yet left today.")
    )

    class Meta:
        model = Membership
        fields = ["coalition", "organisation", "role"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(current_membership_q())
            if value
            else queryset.exclude(current_membership_q())
        )
