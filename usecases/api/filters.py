"""Use case and assessment filters of the API.

Every filter narrows a queryset already scoped by ``visible_to``; it never
widens it. Ordering by score is offered only to those who may see scores, and
a reviewer's order uses only the scores they may see.
"""

import django_filters
from django.db.models import Case
from django.db.models import Exists
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import When
from django.utils.translation import gettext_lazy as _

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Organisation
from coalitions.models import Region
from corridor.api.filters import CodeFilter
from corridor.api.filters import CorridorFilterSet
from corridor.api.filters import SlugFilter
from interventions.models import ActionLine
from interventions.models import Intervention

from ..models import Assessment
from ..models import Sector
from ..models import UseCase
from ..models import UseCaseStatus

ORDERINGS = ("created", "updated", "title", "score")
SCORE_ORDERINGS = ("score", "-score")


def may_order_by_score(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_board or user.is_reviewer))


class UseCaseFilterSet(CorridorFilterSet):
    intervention = SlugFilter(
        queryset=Intervention.objects.all(), help_text=_("Intervention slug.")
    )
    # A plain column: no join to duplicate rows, so no DISTINCT (which made
    # PostgreSQL compute every annotation for every matching row).
    status = django_filters.MultipleChoiceFilter(choices=UseCaseStatus.choices, distinct=False)
    organisation = SlugFilter(
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        help_text=_("Slug of the submitting or a partner organisation."),
    )
    region = SlugFilter(
        queryset=Region.objects.all(),
        method="filter_region",
        help_text=_("Region slug of the submitting or a partner organisation."),
    )
    sector = CodeFilter(field_name="sectors", choices=Sector.choices)
    capability = CodeFilter(field_name="needed_capabilities", choices=Capability.choices)
    coalition = django_filters.ModelChoiceFilter(queryset=Coalition.objects.all())
    action_line = django_filters.ModelChoiceFilter(queryset=ActionLine.objects.all())
    submitted_after = django_filters.DateFilter(
        field_name="submitted_at",
        lookup_expr="date__gte",
        help_text=_("Submitted on or after this date."),
    )
    submitted_before = django_filters.DateFilter(
        field_name="submitted_at",
        lookup_expr="date__lte",
        help_text=_("Submitted on or before this date."),
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text=_(
            "Words in the title, summary, problem or expected outcome "
            "(Dutch and English word forms)."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(f"{sign}{name}", f"{sign}{name}") for name in ORDERINGS for sign in ("", "-")],
        help_text=_("created, updated, title or score (Board and reviewers); - for descending."),
    )

    date_ranges = (("submitted_after", "submitted_before"),)

    class Meta:
        model = UseCase
        fields = ["intervention", "status", "coalition", "action_line"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # Coalitions one may not see are not valid choices either.
        self.filters["coalition"].queryset = Coalition.objects.visible_to(user)
        if not may_order_by_score(user):
            field = self.form.fields["ordering"]
            field.choices = [c for c in field.choices if c[0] not in SCORE_ORDERINGS]

    def filter_organisation(self, queryset, name, value):
        return queryset.involving_organisation(value.pk)

    def filter_region(self, queryset, name, value):
        partner_there = UseCase.partners.through.objects.filter(
            usecase_id=OuterRef("pk"), organisation__region=value
        )
        return queryset.filter(Q(organisation__region=value) | Q(Exists(partner_there)))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_ordering(self, queryset, name, value):
        descending = value.startswith("-")
        key = value.lstrip("-")
        if key == "score":
            if "score" not in queryset.query.annotations:
                queryset = queryset.with_scores()
            user = self.request.user
            visible = F("score")
            if not user.is_board:
                mine = Assessment.objects.filter(use_case_id=OuterRef("pk"), reviewer_id=user.pk)
                visible = Case(When(Exists(mine), then=F("score")))
            queryset = queryset.alias(visible_score=visible)
            expression = F("visible_score")
        else:
            expression = F(key)
        if descending:
            return queryset.order_by(expression.desc(nulls_last=True), "-pk")
        return queryset.order_by(expression.asc(nulls_last=True), "pk")


class AssessmentFilterSet(CorridorFilterSet):
    use_case = django_filters.NumberFilter(field_name="use_case_id", min_value=1)
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
