"""Unfiltered list pages and use-case details kept rendered for the public and
the Board (``ReadOnlyCorridorViewSet.kept_list`` and ``kept_detail``): the same
bytes and headers as a computed page, one query when kept, and a change seen
on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.api.views import OrganisationViewSet
from interventions.api.views import ActionLineViewSet
from usecases.api.views import UseCaseViewSet
from usecases.models import UseCase

pytestmark = pytest.mark.django_db

KEPT = {
    "/api/v1/use-cases/": UseCaseViewSet,
    "/api/v1/action-lines/": ActionLineViewSet,
    "/api/v1/organisations/": OrganisationViewSet,
}
HEADERS = ("Content-Type", "Allow", "Vary", "Content-Language")


def _get(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {"page_size": 200})
    assert response.status_code == 200, response.content
    return response, len(captured)


@pytest.mark.parametrize("path", list(KEPT))
@pytest.mark.parametrize("reader", ["anonymous", "board"])
def test_a_kept_page_is_what_a_computed_page_would_be(path, reader, world, client_for, monkeypatch):
    client = client_for(None if reader == "anonymous" else world.board)
    first, first_queries = _get(client, path)
    again, again_queries = _get(client, path)
    monkeypatch.setattr(KEPT[path], "keep_pages", False)
    computed, _queries = _get(client, path)
    for response in (first, again):
        assert response.content == computed.content
        assert {h: response.headers.get(h) for h in HEADERS} == {
            h: computed.headers.get(h) for h in HEADERS
        }
    # Kept: the reader's own queries (a session) and the data version.
    assert again_queries < first_queries


@pytest.mark.parametrize("path", list(KEPT))
def test_a_kept_page_costs_one_query(path, world, client_for):
    client = client_for(None)
    _get(client, path)
    _response, queries = _get(client, path)
    assert queries == 1


def test_the_public_and_the_board_each_have_their_own_page(world, client_for):
    board = client_for(world.board).get("/api/v1/use-cases/", {"page_size": 200}).json()
    public = client_for(None).get("/api/v1/use-cases/", {"page_size": 200}).json()
    visible = set(UseCase.objects.visible_to(None).values_list("pk", flat=True))
    assert {row["id"] for row in public["results"]} == visible
    assert {row["id"] for row in board["results"]} == set(
        UseCase.objects.values_list("pk", flat=True)
    )
    assert all("score" not in row for row in public["results"])


def test_a_change_is_on_the_next_page_read(world, client_for):
    client = client_for(world.board)
    path = "/api/v1/use-cases/"
    use_case = world.uc_b_selected
    _get(client, path, {"page_size": 200})
    response = client.patch(f"{path}{use_case.pk}/", {"title": "Een nieuwe titel"}, format="json")
    assert response.status_code == 200, response.json()
    rows = client.get(path, {"page_size": 200}).json()["results"]
    assert next(row for row in rows if row["id"] == use_case.pk)["title"] == "Een nieuwe titel"

    lines = "/api/v1/action-lines/"

    def progress_of_line_a():
        rows = client.get(lines, {"page_size": 200}).json()["results"]
        return next(row for row in rows if row["id"] == world.al_a.pk)["progress"]

    assert progress_of_line_a() == 0.0
    world.ms_a.completed_on = world.ms_a.due_date
    world.ms_a.save()  # records a history row
    assert progress_of_line_a() == 1.0


@pytest.fixture
def computations(monkeypatch):
    """How many pages were computed (not read from the kept copy)."""
    from corridor.api.viewsets import ReadOnlyCorridorViewSet

    calls = []
    computed_list = ReadOnlyCorridorViewSet.computed_list

    def counting(self, request):
        calls.append(request.get_full_path())
        return computed_list(self, request)

    monkeypatch.setattr(ReadOnlyCorridorViewSet, "computed_list", counting)
    return calls


def test_partners_reviewers_and_filtered_pages_are_computed(world, client_for, computations):
    for user in (world.partner_a, world.reviewer):
        client = client_for(user)
        _get(client, "/api/v1/use-cases/")
        _get(client, "/api/v1/use-cases/")
    client = client_for(world.board)
    _get(client, "/api/v1/use-cases/", {"status": "selected"})
    _get(client, "/api/v1/use-cases/", {"status": "selected"})
    assert len(computations) == 6
    _get(client, "/api/v1/use-cases/")
    _get(client, "/api/v1/use-cases/")
    assert len(computations) == 7


def test_kept_per_address_and_page_and_a_page_past_the_last_is_404(world, client_for, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "corridor.example.org"]
    client = client_for(None)
    here = client.get("/api/v1/organisations/", {"page_size": 1}).json()
    there = client.get("/api/v1/organisations/", {"page_size": 1}, HTTP_HOST="corridor.example.org")
    assert here["results"][0]["url"].startswith("http://testserver/")
    assert there.json()["results"][0]["url"].startswith("http://corridor.example.org/")
    second = client.get("/api/v1/organisations/", {"page_size": 1, "page": 2}).json()
    assert second["results"] != here["results"]
    for _ in range(2):
        assert client.get("/api/v1/organisations/", {"page": 999}).status_code == 404


def test_a_kept_detail_is_what_a_computed_detail_would_be(world, client_for, monkeypatch):
    path = f"/api/v1/use-cases/{world.uc_b_selected.pk}/"
    for client in (client_for(None), client_for(world.board)):
        first = client.get(path)
        again = client.get(path)
        monkeypatch.setattr(UseCaseViewSet, "keep_details", False)
        computed = client.get(path)
        monkeypatch.undo()
        assert computed.status_code == first.status_code == again.status_code == 200
        for response in (first, again):
            assert response.content == computed.content
            assert {h: response.headers.get(h) for h in (*HEADERS, "ETag")} == {
                h: computed.headers.get(h) for h in (*HEADERS, "ETag")
            }
        unchanged = client.get(path, HTTP_IF_NONE_MATCH=first.headers["ETag"])
        assert unchanged.status_code == 304
        assert unchanged.headers["ETag"] == first.headers["ETag"]


def test_a_kept_detail_costs_one_query_and_a_change_is_seen(world, client_for):
    client = client_for(world.board)
    path = f"/api/v1/use-cases/{world.uc_b_selected.pk}/"
    before = client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client_for(None).get(path)
        client_for(None).get(path)
    assert len(captured) == 2 + 1  # the data version twice, the object once
    changed = client.patch(path, {"title": "Een nieuwe titel"}, format="json")
    assert changed.status_code == 200
    after = client.get(path)
    assert after.json()["title"] == "Een nieuwe titel"
    assert after.headers["ETag"] == changed.headers["ETag"] != before.headers["ETag"]


def test_a_hidden_detail_is_404_every_time(world, client_for):
    client = client_for(None)
    path = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    assert client.get(path).status_code == 404
    assert client.get(path).status_code == 404
    assert client.get("/api/v1/use-cases/nope/").status_code == 404


def test_what_a_board_member_may_do_follows_the_organisation_they_act_for(world, client_for):
    from corridor.accounts.tests.factories import UserFactory

    also_partner = UserFactory(roles=["board", "partner"], organisation=world.org_a)
    path = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    board = client_for(world.board).get(path).json()
    theirs = client_for(also_partner).get(path).json()
    assert "submitted" not in board["allowed_transitions"]
    assert "submitted" in theirs["allowed_transitions"]
