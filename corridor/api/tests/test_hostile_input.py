"""Input a visitor controls never answers 500, never costs a query per item,
and never makes the server keep something new without bound."""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import Coalition

pytestmark = pytest.mark.django_db


def send(client, method, url, body: str):
    return client.generic(method, url, data=body, content_type="application/json")


# Query parameters ----------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["intervention=²", "intervention=٣", "to=9999-12-31", "from=0001-01-01", "to=0001-01-01"],
)
def test_corridor_index_refuses_odd_parameters_with_a_400(client_for, query):
    response = client_for(None).get(f"/api/v1/corridor-index/?{query}")
    assert response.status_code == 400, response.content
    assert response.json()


@pytest.mark.parametrize("page", ["²", "٣", "9" * 400, "-1", "0"])
def test_an_odd_page_number_of_an_api_list_is_a_404(world, client_for, page):
    response = client_for(None).get("/api/v1/organisations/", {"page": page})
    assert response.status_code == 404, response.content
    assert response.json()["detail"]


@pytest.mark.parametrize("value", ["", "xml", "json%00", "csv,json"])
def test_an_empty_or_unknown_format_is_a_404_naming_the_formats(world, client_for, value):
    response = client_for(None).get(f"/api/v1/organisations/?format={value}")
    assert response.status_code == 404, response.content
    assert "json" in response.json()["detail"]


def test_a_repeated_format_with_an_empty_value_is_a_404(world, client_for):
    response = client_for(None).get("/api/v1/organisations/?format=json&format=")
    assert response.status_code == 404


def test_a_known_format_keeps_its_links_and_an_unknown_one_never_reaches_them(world, client_for):
    body = client_for(None).get("/api/v1/organisations/?format=json&page_size=1").json()
    assert body["next"].count("format=json") == 1
    assert "format=" not in body["results"][0]["url"].replace("format=json", "")


# Bodies --------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_absurdly_nested_json_is_a_400(world, client_for, opening):
    client = client_for(world.partner_a)
    body = opening * 5000
    for url in ("/api/v1/use-cases/", f"/api/v1/use-cases/{world.uc_a_draft.pk}/transition/"):
        response = send(client, "POST", url, body)
        assert response.status_code == 400, response.content
        assert "detail" in response.json()


def test_nesting_past_the_limit_is_a_400_even_when_json_parses_it(world, client_for):
    client = client_for(world.partner_a)
    response = send(client, "POST", "/api/v1/use-cases/", "[" * 100 + "]" * 100)
    assert response.status_code == 400
    assert "deep" in response.json()["detail"].lower() or "diep" in response.json()["detail"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_nan_and_infinity_are_a_400(world, client_for, literal):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    response = send(client, "PATCH", url, f'{{"coalition": {literal}}}')
    assert response.status_code == 400, response.content


def test_duplicate_keys_are_a_400_naming_the_key(world, client_for):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    response = send(client, "PATCH", url, '{"title": "Een", "title": "Twee"}')
    assert response.status_code == 400, response.content
    assert "title" in response.json()["detail"]


@pytest.mark.parametrize("field", ["coalition", "action_line"])
@pytest.mark.parametrize("value", [10**400, 2**63, -1, True, 1.5, "1.5", {"id": 1}, [1]])
def test_a_primary_key_out_of_range_or_of_the_wrong_type_is_a_400(world, client_for, field, value):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    response = send(client, "PATCH", url, json.dumps({field: value}))
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_an_assessment_of_a_use_case_out_of_range_is_a_400(world, client_for):
    client = client_for(world.reviewer)
    body = '{"use_case": 1e999, "feasibility": 3}'
    assert send(client, "POST", "/api/v1/assessments/", body).status_code == 400
    body = json.dumps({"use_case": 10**400, "feasibility": 3})
    response = send(client, "POST", "/api/v1/assessments/", body)
    assert response.status_code == 400
    assert "use_case" in response.json()


# Lists in bodies -------------------------------------------------------------


def test_a_huge_partner_list_is_refused_without_a_query_per_item(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    with django_assert_max_num_queries(15):
        response = send(client, "PATCH", url, json.dumps({"partners": [world.org_c.slug] * 20_000}))
    assert response.status_code == 400
    assert "partners" in response.json()


def test_partners_are_looked_up_in_one_query(world, client_for):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    slugs = [world.org_b.slug, world.org_c.slug, world.org_d.slug]

    def queries(partners):
        assert send(client, "PATCH", url, '{"partners": []}').status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = send(client, "PATCH", url, json.dumps({"partners": partners}))
        assert response.status_code == 200, response.content
        return len(captured)

    assert queries(slugs[:1]) == queries(slugs)
    detail = client.get(url).json()
    assert sorted(detail["partners"]) == sorted(slugs)


def test_duplicate_and_unknown_partners_are_a_400(world, client_for):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    twice = send(client, "PATCH", url, json.dumps({"partners": ["tu-delft", "tu-delft"]}))
    assert twice.status_code == 400
    unknown = send(client, "PATCH", url, json.dumps({"partners": ["tu-delft", "nergens"]}))
    assert unknown.status_code == 400
    assert "nergens" in str(unknown.json()["partners"])


@pytest.mark.parametrize(
    "value",
    [{"ai-semicon": 123}, "ai-semicon", 7, True, [1], [{"slug": "ai-semicon"}], ["ai-semicon"] * 5],
)
def test_a_coalition_s_interventions_must_be_a_short_list_of_slugs(world, client_for, value):
    body = {"name": "Nieuwe coalitie", "slug": "nieuwe-coalitie", "interventions": value}
    response = send(client_for(world.board), "POST", "/api/v1/coalitions/", json.dumps(body))
    assert response.status_code == 400, response.content
    assert "interventions" in response.json()
    assert not Coalition.objects.filter(slug="nieuwe-coalitie").exists()


@pytest.mark.parametrize("value", [{"a": 1}, "tu-delft", 3])
def test_partners_given_as_anything_but_a_list_is_a_400(world, client_for, value):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    response = send(client, "PATCH", url, json.dumps({"partners": value}))
    assert response.status_code == 400
    assert "partners" in response.json()


# What anonymous input can make the server keep ------------------------------


def _keys():
    return len(caches["default"]._cache)


def test_anonymous_pages_and_page_sizes_keep_a_bounded_number_of_entries(world, client_for):
    client = client_for(None)
    client.get("/api/v1/organisations/")
    before = _keys()
    for number in range(1, 40):
        client.get("/api/v1/organisations/", {"page": number})
        client.get("/api/v1/organisations/", {"page_size": number})
        client.get("/api/v1/organisations/", {"page": f"{number:03d}"})
        client.get(
            f"/api/v1/use-cases/{world.uc_b_selected.pk}/", {"page": number, "format": "json"}
        )
        client.get("/api/v1/organisations/", HTTP_ACCEPT=f"application/json; x={number}")
    assert _keys() - before <= 12
