"""Filtering and ordering the use-case list, bad input, and the kept opening filter form."""

import pytest
from django.urls import reverse

from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from usecases.tests.helpers import S
from usecases.tests.helpers import use_case_in


def test_filters_narrow_the_list(client, board, partner_a, intervention):
    region = RegionFactory(slug="brainport", name="Brainport")
    eindhoven = OrganisationFactory(slug="tue", name="TU/e", region=region)
    health = use_case_in(
        S.SUBMITTED,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title="Zorgrobot",
        sectors=["health"],
        partners=[eindhoven],
    )
    use_case_in(
        S.DRAFT,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title="Fabriek",
        sectors=["industry"],
    )
    client.force_login(board)
    url = reverse("usecases:use-case-list")

    def titles(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {use_case.title for use_case, *_ in response.context["rows"]}

    assert titles(sector="health") == {"Zorgrobot"}
    assert titles(status=["submitted", "draft"]) == {"Zorgrobot", "Fabriek"}
    assert titles(status="draft") == {"Fabriek"}
    assert titles(region="brainport") == {"Zorgrobot"}
    assert titles(organisation="tue") == {"Zorgrobot"}
    assert titles(intervention=intervention.slug) == {"Zorgrobot", "Fabriek"}
    assert titles(search="zorgrobot") == {"Zorgrobot"}
    assert titles(submitted_after="2000-01-01") == {"Zorgrobot"}
    ordered = client.get(url, {"ordering": "title"}).context["rows"]
    assert [use_case.title for use_case, *_ in ordered] == ["Fabriek", "Zorgrobot"]
    assert health.pk


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"intervention": "no-such-slug"},
        {"submitted_after": "gisteren"},
        {"search": "a\x00b"},
        {"intervention": "a\x00b"},
        {"organisation": "\x00"},
        {"region": "mra\x00"},
        {"coalition": "1\x00"},
        {"submitted_after": "2026-01-01\x00"},
        {"search": "ü" * 5000},
        {"intervention": "ü" * 5000},
        {"ordering": "password"},
        {"coalition": "x"},
        {"page": "999"},
        {"page": "-1"},
        {"sector": ["health", "nope"]},
    ],
)
def test_bad_filter_input_is_reported_never_a_server_error(client, board, cases, params):
    client.force_login(board)
    response = client.get(reverse("usecases:use-case-list"), params)
    assert response.status_code == 200


def test_partners_cannot_order_by_review_score(client, partner_a, cases):
    client.force_login(partner_a)
    response = client.get(reverse("usecases:use-case-list"), {"ordering": "-score"})
    assert "ordering" in response.context["filter"].form.errors


def test_reviewers_order_by_the_scores_they_may_see(client, reviewer, cases):
    client.force_login(reviewer)
    response = client.get(reverse("usecases:use-case-list"), {"ordering": "-score"})
    assert response.status_code == 200
    assert "ordering" not in response.context["filter"].form.errors
    # Ordered by the score only where they assessed it themselves.
    assert "ELSE NULL END DESC" in str(response.context["page"].object_list.query)


def test_portal_and_api_filter_use_cases_with_one_definition():
    from usecases.api.views import UseCaseViewSet
    from usecases.filters import UseCaseFilterSet

    assert UseCaseViewSet.filterset_class is UseCaseFilterSet


def test_the_opening_filter_form_is_kept_per_role_and_follows_new_choices(
    client, board, partner_a, intervention
):
    from interventions.tests.factories import InterventionFactory

    url = reverse("usecases:use-case-list")
    client.force_login(board)
    opening = client.get(url).context["filter_fields"]
    assert 'value="-score"' in opening and "AI voor semicon en HTSM" in opening
    kept = client.get(url, {"page": "1"})
    assert kept.context["filter_fields"] == opening
    assert opening in kept.content.decode()  # as markup, not escaped text
    # As a filtered list renders it when no filter has a value.
    assert client.get(url, {"search": ""}).context["filter_fields"] == opening

    InterventionFactory(number=2, title_nl="Slimme systemen")
    RegionFactory(slug="twente", name="Twente")
    opening = client.get(url).context["filter_fields"]
    assert "Slimme systemen" in opening and "Twente" in opening

    client.force_login(partner_a)
    assert 'value="-score"' not in client.get(url).context["filter_fields"]
    assert "Intervention 2" in client.get("/en" + url).context["filter_fields"]
