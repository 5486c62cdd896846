"""CSV export: every list, same filters, same visibility, streamed."""

import csv
import io

import pytest
from django.urls import reverse

from corridor.api.urls import router

LISTS = [basename for _prefix, _viewset, basename in router.registry]


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("basename", LISTS)
def test_every_list_answers_csv_with_the_list_columns(basename, world, client_for):
    client = client_for(world.board)
    url = reverse(f"api:{basename}-list")
    as_json = client.get(url, {"page_size": 200}).json()
    rows = read_csv(client.get(url, {"format": "csv"}))
    assert len(rows) == as_json["count"]
    if rows:
        assert list(rows[0]) == list(as_json["results"][0])


def test_csv_honours_visibility(world, client_for):
    url = "/api/v1/use-cases/"
    anonymous = {int(row["id"]) for row in read_csv(client_for(None).get(url, {"format": "csv"}))}
    assert anonymous == {world.uc_b_selected.pk}
    partner = read_csv(client_for(world.partner_a).get(url, {"format": "csv"}))
    assert {int(row["id"]) for row in partner} == {
        world.uc_b_selected.pk,
        world.uc_a_draft.pk,
        world.uc_a_review.pk,
    }
    # A partner sees no use case's score: the column is not there at all.
    assert partner and all("score" not in row for row in partner)
    hidden = read_csv(client_for(world.partner_a).get("/api/v1/assessments/", {"format": "csv"}))
    assert hidden == []
    assert client_for(None).get("/api/v1/assessments/", {"format": "csv"}).status_code == 401


def test_csv_applies_the_same_filters(world, client_for):
    rows = read_csv(
        client_for(world.board).get(
            "/api/v1/use-cases/", {"format": "csv", "status": "draft", "ordering": "title"}
        )
    )
    assert [row["title"] for row in rows] == ["uc a draft", "uc b draft"]
    assert rows[0]["sectors"] == "industry"
    assert rows[0]["url"].endswith(f"/api/v1/use-cases/{world.uc_a_draft.pk}/")


def test_csv_with_bad_filters_is_a_400(world, client_for):
    response = client_for(None).get("/api/v1/use-cases/", {"format": "csv", "status": "nee"})
    assert response.status_code == 400
