import datetime

import pytest
from django.utils import timezone

from usecases.tests.factories import UseCaseFactory

from .conftest import move

INDEX_URL = "/api/v1/corridor-index/"


def test_corridor_index_series_matches_hand_counts(client, corridor, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(INDEX_URL, {"from": "2025-01-01", "to": "2025-07-31"})
    assert response.status_code == 200
    data = response.json()
    assert data["intervention"] is None and data["interval"] == "month"
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-07-31")
    assert [point["date"] for point in data["results"]][:2] == ["2025-01-31", "2025-02-28"]
    march = data["results"][2]
    assert march["value"] == 0.75
    assert march["coalitions"] == {"total": 2, "corridor": 2, "share": 1.0}
    assert march["use_cases"] == {"total": 2, "corridor": 1, "share": 0.5}
    july = data["results"][-1]
    assert (july["coalitions"]["corridor"], july["coalitions"]["total"]) == (1, 4)


def test_corridor_index_per_intervention_by_slug_or_number(client, corridor):
    first = corridor["interventions"][0]
    for value in (first.slug, str(first.number)):
        data = client.get(
            INDEX_URL, {"intervention": value, "from": "2025-07-01", "to": "2025-07-31"}
        ).json()
        assert data["intervention"] == first.slug
        assert data["results"][0]["value"] == 0.2


def test_corridor_index_defaults_to_the_last_twelve_months(client, corridor):
    data = client.get(INDEX_URL).json()
    assert len(data["results"]) == 12
    assert data["to"] == timezone.localdate().isoformat()
    assert data["from"] == data["results"][0]["date"][:8] + "01"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "gisteren"}, "from"),
        ({"to": "2025-13-01"}, "to"),
        ({"intervention": "bestaat-niet"}, "intervention"),
        ({"interval": "week"}, "interval"),
        ({"from": "2025-06-01", "to": "2025-01-01"}, "from"),
        ({"from": "1900-01-01", "to": "2025-01-01"}, "from"),
    ],
)
def test_bad_parameters_answer_400_per_field(client, db, params, field):
    response = client.get(INDEX_URL, params)
    assert response.status_code == 400
    assert field in response.json() or field in str(response.json())


@pytest.fixture
def draft(org_a, partner_a, intervention):
    return UseCaseFactory(
        organisation=org_a,
        submitted_by=partner_a,
        intervention=intervention,
        needed_capabilities=["semicon"],
    )


def suggested_url(use_case):
    return f"/api/v1/use-cases/{use_case.pk}/suggested-partners/"


def test_board_and_submitter_get_suggestions(client, draft, org_b, board, partner_a):
    for user in (board, partner_a):
        client.force_login(user)
        response = client.get(suggested_url(draft))
        assert response.status_code == 200
        results = response.json()["results"]
        assert results[0]["organisation"]["slug"] == org_b.slug
        assert results[0]["capabilities"] == ["semicon"]
        assert results[0]["other_pole"] is True
        assert results[0]["reason"]


def test_hidden_use_case_answers_404(client, draft, partner_b, reviewer):
    assert client.get(suggested_url(draft)).status_code == 404
    for user in (partner_b, reviewer):
        client.force_login(user)
        assert client.get(suggested_url(draft)).status_code == 404
    assert client.get("/api/v1/use-cases/999999/suggested-partners/").status_code == 404


def test_visible_use_case_of_someone_else_answers_403(client, draft, board, partner_b):
    move(draft, "selected", datetime.date(2025, 3, 1), board=board)
    client.force_login(partner_b)
    assert client.get(suggested_url(draft)).status_code == 403
    client.logout()
    assert client.get(suggested_url(draft)).status_code in (401, 403)
