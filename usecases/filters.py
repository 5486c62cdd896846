"""The one filter definition of use case lists, shared by the portal and the API.

The FilterSet narrows a queryset that is already scoped to the user
(``UseCase.objects.visible_to(user)``); it never widens it. Invalid values
are reported by the filter form and ignored, never a server error.
"""

import django_filters
from django import forms
from django.db.models import Exists
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.codes import contains_code
from interventions.models import ActionLine
from interventions.models import Intervention

from .models import Sector
from .models import UseCase
from .models import UseCaseStatus

ORDERING_CHOICES = [
    ("-created", _("Newest first")),
    ("created", _("Oldest first")),
    ("-updated", _("Recently changed")),
    ("updated", _("Least recently changed")),
    ("title", _("Title A–Z")),
    ("-title", _("Title Z–A")),
    ("-score", _("Highest score")),
    ("score", _("Lowest score")),
]
SCORE_ORDERINGS = ("score", "-score")


def may_order_by_score(user) -> bool:
    """Only the Board orders by score: reviewers see a use case's score only
    after assessing it themselves, so an ordering over all would leak it."""
    return bool(user and user.is_authenticated and user.is_board)


class UseCaseFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    intervention = django_filters.ModelChoiceFilter(
        label=_("Intervention"),
        queryset=Intervention.objects.all(),
        to_field_name="slug",
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=UseCaseStatus.choices,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        method="filter_organisation",
        # Thousands of organisations: typed (their slug), not a select of every one.
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        help_text=_("Slug of the submitting or a partner organisation."),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="filter_region",
        help_text=_("Region of the submitting or a partner organisation."),
    )
    sector = django_filters.MultipleChoiceFilter(
        label=_("Sector"), choices=Sector.choices, method="filter_sector"
    )
    capability = django_filters.MultipleChoiceFilter(
        label=_("Capability"), choices=Capability.choices, method="filter_capability"
    )
    coalition = django_filters.ModelChoiceFilter(
        label=_("Coalition"), queryset=Coalition.objects.order_by("name")
    )
    action_line = django_filters.ModelChoiceFilter(
        label=_("Action line"),
        queryset=ActionLine.objects.order_by("intervention__number", "pk"),
        # Thousands of action lines: its number, not a select of every one.
        widget=forms.NumberInput(attrs={"min": 1}),
    )
    submitted_after = django_filters.DateFilter(
        label=_("Submitted on or after"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_before = django_filters.DateFilter(
        label=_("Submitted on or before"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Order"), choices=ORDERING_CHOICES, method="filter_ordering", empty_label=None
    )

    class Meta:
        model = UseCase
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        if not may_order_by_score(user):
            field = self.form.fields["ordering"]
            field.choices = [c for c in field.choices if c[0] not in SCORE_ORDERINGS]
        # The coalition choices follow the same visibility as the coalition pages.
        self.filters["coalition"].queryset = Coalition.objects.visible_to(user).order_by("name")
        self.form.fields["coalition"].queryset = self.filters["coalition"].queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.involving_organisation(value.pk)

    def filter_region(self, queryset, name, value):
        partner_in_region = UseCase.partners.through.objects.filter(
            usecase_id=OuterRef("pk"), organisation__region=value
        )
        return queryset.filter(Q(organisation__region=value) | Q(Exists(partner_in_region)))

    def filter_sector(self, queryset, name, value):
        return queryset.filter(contains_code("sectors", value)) if value else queryset

    def filter_capability(self, queryset, name, value):
        return queryset.filter(contains_code("needed_capabilities", value)) if value else queryset

    def filter_ordering(self, queryset, name, value):
        if value in SCORE_ORDERINGS:
            if "score" not in queryset.query.annotations:
                queryset = queryset.with_scores()
            if value.startswith("-"):
                return queryset.order_by(F("score").desc(nulls_last=True), "-pk")
            return queryset.order_by(F("score").asc(nulls_last=True), "pk")
        return queryset.order_by(value, "-pk" if value.startswith("-") else "pk")
