"""The selected use cases and the coalitions on an intervention's page.

The page belongs to the interventions app, which sits below use cases and
cannot read them; the portal, which reads across the apps, provides this
section of it (``interventions.sections``).
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from coalitions.models import Coalition
from coalitions.selectors import scopes_of
from corridor.caching.kept import kept_for
from corridor.reversing import url_maker
from corridor.web.pages import more_than
from corridor.web.pages import with_status_labels
from usecases.models import UseCase

PAGE_USE_CASES = 25
PAGE_COALITIONS = 30


def _scope_badges(scopes) -> dict:
    """The scope badge of each scope among ``scopes``, rendered once per scope."""
    return {
        scope: render_to_string("coalitions/_scope_badge.html", {"scope": scope})
        for scope in set(scopes)
    }


def _selected_use_cases(intervention, user):
    """The intervention's selected (public-status) use cases this reader may see."""
    return (
        UseCase.objects.visible_to(user)
        .public()
        .filter(intervention=intervention)
        .select_related("organisation")
        .order_by("title")
    )


def _build_related(intervention, user) -> str:
    """The selected use cases and the coalitions of the intervention, rendered."""
    coalitions = Coalition.objects.visible_to(user).filter(interventions=intervention)
    shown_coalitions = list(
        coalitions.only("name", "slug", "status").order_by("name")[:PAGE_COALITIONS]
    )
    # The scope of the shown coalitions only (``with_scope`` over the page
    # makes PostgreSQL read every membership of the corridor).
    scopes = scopes_of([coalition.pk for coalition in shown_coalitions])
    badges = _scope_badges(scopes.values())
    coalition_url = url_maker("coalitions:coalition-detail", "slug")
    for coalition in with_status_labels(shown_coalitions, Coalition.Status.choices):
        coalition.scope = scopes[coalition.pk]
        coalition.scope_badge = badges[coalition.scope]
        coalition.url = coalition_url(coalition.slug)

    selected = _selected_use_cases(intervention, user)
    fields = ("title", "status", "intervention", "organisation__name")
    use_cases = list(selected.only(*fields)[:PAGE_USE_CASES])
    use_case_url = url_maker("usecases:use-case-detail", "pk")
    for use_case in with_status_labels(use_cases, UseCase.Status.choices):
        use_case.url = use_case_url(use_case.pk)

    # Thousands of coalitions and use cases: plain counts, only of the pages
    # that are full and both in one query (``more_than``), read an index.
    more_coalitions, more_use_cases = more_than(
        (shown_coalitions, coalitions, PAGE_COALITIONS),
        (use_cases, selected, PAGE_USE_CASES),
    )
    return render_to_string(
        "interventions/_related.html",
        {
            "intervention": intervention,
            "coalitions": shown_coalitions,
            "more_coalitions": more_coalitions,
            "use_cases": use_cases,
            "more_use_cases": more_use_cases,
        },
    )


def related(intervention, user) -> str:
    """The selected use cases and the coalitions: for the public, and for the
    Board, the same for every reader, so kept (``corridor.caching``) per
    language and day (whose members are current moves with it) until the
    data changes. Partners and
    reviewers, who may see more than the public, get theirs rendered."""
    return kept_for(
        user,
        "intervention-related",
        lambda: _build_related(intervention, user),
        vary=(intervention.pk, timezone.localdate(), get_language()),
    )
