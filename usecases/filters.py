"""The one filter definition of use case lists, shared by the portal and the API.

The FilterSet narrows a queryset that is already scoped to the user
(``UseCase.objects.visible_to(user)``); it never widens it. Invalid values
are reported (the portal's filter form, the API's 400) and never reach the
database as a server error. Ordering by score is offered only to the Board and
to reviewers, and a reviewer's order uses only the scores they may see (those
of use cases they have assessed themselves).
"""

import django_filters
from django import forms
from django.db.models import Case
from django.db.models import Count
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
from corridor.api.filters import DateRangeForm
from corridor.api.filters import NamedChoiceFilter
from corridor.api.filters import SlugFilter
from corridor.web.widgets import DateInput
from interventions.models import ActionLine
from interventions.models import Intervention

from .models import Assessment
from .models import Sector
from .models import UseCase
from .models import UseCaseStatus
from .policies import UseCasePolicy

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
    """Those who see some use cases' scores (``usecases.policies``), over the
    scores they may see (``filter_ordering``)."""
    return UseCasePolicy(user).sees_some_review


def status_counts(queryset) -> dict[str, int]:
    """``{status: count}`` of ``queryset``, in one query."""
    return dict(queryset.order_by().values_list("status").annotate(count=Count("pk")))


class UseCaseFilterForm(DateRangeForm):
    date_ranges = (("submitted_after", "submitted_before"),)


class UseCaseFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Words in the title, summary, problem or expected outcome "
            "(Dutch and English word forms)."
        ),
    )
    intervention = SlugFilter(
        label=_("Intervention"),
        queryset=Intervention.objects.order_by("number"),
        help_text=_("Intervention slug."),
    )
    # A plain column: no join to duplicate rows, so no DISTINCT (which made
    # PostgreSQL compute every annotation for every matching row).
    # The portal picks one status with its tabs (links); the form carries it on.
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=UseCaseStatus.choices,
        distinct=False,
        widget=forms.MultipleHiddenInput,
    )
    organisation = NamedChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        method="filter_organisation",
        # Thousands of organisations: typed with suggestions, not a select of every one.
        widget=forms.TextInput(
            attrs={"list": "organisation-options", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_("Name or slug of the submitting or a partner organisation."),
    )
    region = SlugFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method="filter_region",
        help_text=_("Region slug of the submitting or a partner organisation."),
    )
    sector = CodeFilter(
        label=_("Sector"),
        field_name="sectors",
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    capability = CodeFilter(
        label=_("Expertise needed"),
        field_name="needed_capabilities",
        choices=Capability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    # Thousands of coalitions and action lines: typed with suggestions, not a select of every one.
    coalition = NamedChoiceFilter(
        label=_("Coalition"),
        queryset=Coalition.objects.order_by("name"),
        widget=forms.TextInput(attrs={"list": "coalition-options", "autocomplete": "off"}),
        help_text=_("Name or slug of the coalition."),
    )
    action_line = NamedChoiceFilter(
        label=_("Action line"),
        queryset=ActionLine.objects.all(),
        name_fields=("title",),
        widget=forms.TextInput(attrs={"list": "action-line-options", "autocomplete": "off"}),
        help_text=_("Title of the action line; of the chosen intervention, if one is chosen."),
    )
    submitted_after = django_filters.DateFilter(
        label=_("Submitted on or after"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=DateInput(),
        help_text=_("Submitted on or after this date."),
    )
    submitted_before = django_filters.DateFilter(
        label=_("Submitted on or before"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=DateInput(),
        help_text=_("Submitted on or before this date."),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=ORDERING_CHOICES,
        method="filter_ordering",
        empty_label=None,
        help_text=_("created, updated, title or score (Board and reviewers); - for descending."),
    )

    class Meta:
        model = UseCase
        fields = ["intervention", "status", "coalition", "action_line"]
        form = UseCaseFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # Coalitions one may not see are not valid choices either.
        visible = Coalition.objects.visible_to(user).order_by("name")
        self.filters["coalition"].queryset = visible
        self.form.fields["coalition"].queryset = visible
        if not may_order_by_score(user):
            field = self.form.fields["ordering"]
            field.choices = [c for c in field.choices if c[0] not in SCORE_ORDERINGS]
        intervention = (self.data or {}).get("intervention")
        if intervention and "\x00" not in intervention:
            # An action line is named by its title within the chosen intervention.
            lines = ActionLine.objects.filter(intervention__slug=intervention)
            self.filters["action_line"].queryset = lines
            self.form.fields["action_line"].queryset = lines

    def status_counts(self, queryset) -> dict[str, int]:
        """How many of ``queryset`` have each status under every chosen filter
        but the status (the portal's status tabs)."""
        if self.is_bound:
            self.errors  # noqa: B018 - validates, so cleaned_data holds the valid filters
            for name, value in self.form.cleaned_data.items():
                if name not in ("status", "ordering"):
                    queryset = self.filters[name].filter(queryset, value)
        return status_counts(queryset)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_organisation(self, queryset, name, value):
        return queryset.involving_organisation(value.pk)

    def filter_region(self, queryset, name, value):
        partner_in_region = UseCase.partners.through.objects.filter(
            usecase_id=OuterRef("pk"), organisation__region=value
        )
        return queryset.filter(Q(organisation__region=value) | Q(Exists(partner_in_region)))

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
