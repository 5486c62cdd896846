"""The count strategy and paging by key of large lists (``corridor.api.pagination``)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.api import pagination
from usecases.models import UseCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(monkeypatch):
    """Every page computed: the Board's unfiltered pages are otherwise kept
    rendered (``kept_list``, tested in ``test_kept_lists``), and these tests
    are about how a computed page is counted and found."""
    from usecases.api.views import UseCaseViewSet

    monkeypatch.setattr(UseCaseViewSet, "keep_pages", False)


@pytest.fixture
def fresh_statistics(world):
    """The planner's statistics of the world's tables as they are now: earlier
    tests' rolled-back rows leave pages behind that would make it estimate
    thousands of rows in a table holding a few."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE usecases_usecase")
    return world


def test_count_is_exact_up_to_the_limit(fresh_statistics, world, client_for):
    response = client_for(world.board).get("/api/v1/use-cases/", {"page_size": 5})
    body = response.json()
    assert body["count_exact"] is True
    assert body["count"] == UseCase.objects.count()


def test_count_past_the_limit_is_the_estimate_and_says_so(world, client_for, monkeypatch):
    monkeypatch.setattr(pagination.CountingPaginator, "exact_limit", 2)
    total = UseCase.objects.count()
    assert total > 2
    body = client_for(world.board).get("/api/v1/use-cases/", {"page_size": 2}).json()
    assert body["count_exact"] is False
    assert body["count"] >= 3
    assert body["next"] is not None


def test_next_follows_the_rows_not_the_estimate(world, client_for, monkeypatch):
    monkeypatch.setattr(pagination.CountingPaginator, "exact_limit", 1)
    monkeypatch.setattr(pagination, "estimated_count", lambda queryset: 10**6)
    client = client_for(world.board)
    total = UseCase.objects.count()
    last = client.get("/api/v1/use-cases/", {"page_size": total}).json()
    assert last["next"] is None
    assert len(last["results"]) == total
    # The last page knows the count exactly, whatever the estimate said.
    assert (last["count"], last["count_exact"]) == (total, True)
    beyond = client.get("/api/v1/use-cases/", {"page_size": total, "page": 2})
    assert beyond.status_code == 404


def test_a_count_far_past_the_limit_is_not_counted(world, client_for, monkeypatch):
    monkeypatch.setattr(pagination.CountingPaginator, "exact_limit", 1)
    monkeypatch.setattr(pagination, "estimated_count", lambda queryset: 10**6)
    with CaptureQueriesContext(connection) as captured:
        body = client_for(world.board).get("/api/v1/use-cases/", {"page_size": 1}).json()
    assert (body["count"], body["count_exact"]) == (10**6, False)
    # The page reads LIMIT 2 (one row more than the page); no capped count ran.
    assert len([q for q in captured if re.search(r"LIMIT 2\b", q["sql"])]) == 1
    assert body["next"] is not None


def test_the_planners_estimate_is_asked_once_per_computed_list(
    fresh_statistics, world, client_for, computed
):
    """No process keeps an estimate: each computed page asks the planner once."""
    client = client_for(world.board)

    def explains(path):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(path).json()
        assert body["count_exact"] is True
        return sum(q["sql"].startswith("EXPLAIN") for q in captured)

    assert explains("/api/v1/use-cases/?page_size=2") == 1
    assert explains("/api/v1/use-cases/?page_size=2") == 1
    assert explains("/api/v1/use-cases/?page_size=2&status=draft") == 1


def test_pages_by_key_keep_the_order_and_cover_every_row(world, client_for):
    client = client_for(world.board)
    seen = []
    url = "/api/v1/use-cases/?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    expected = list(UseCase.objects.order_by("-created", "-id").values_list("pk", flat=True))
    assert seen == expected


def test_deep_page_costs_the_queries_of_page_one(world, client_for):
    client = client_for(world.board)
    client.get("/api/v1/use-cases/", {"page_size": 2})
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/use-cases/", {"page_size": 2, "page": 1})
    with CaptureQueriesContext(connection) as deep:
        response = client.get("/api/v1/use-cases/", {"page_size": 2, "page": 3})
    assert response.status_code == 200
    assert len(deep) == len(first)


def test_a_search_with_few_matches_reads_the_page_from_their_keys(world, client_for):
    client = client_for(world.board)
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/use-cases/", {"search": "zzzqqqnothing"}).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": [], "count_exact": True}
    assert not any("ORDER BY" in q["sql"] and "search_vector" in q["sql"] for q in captured)


@pytest.fixture
def seeking(monkeypatch, computed):
    """Lists past the exact count, one row a page, seeking from the third row."""
    monkeypatch.setattr(pagination.CountingPaginator, "exact_limit", 1)
    monkeypatch.setattr(pagination, "estimated_count", lambda queryset: 10**6)
    monkeypatch.setattr(pagination, "SEEK_FROM", 2)


def _walk(client, **params):
    seen, offsets = [], 0
    query = {"page_size": 1, **params}
    url = "/api/v1/use-cases/?" + "&".join(f"{key}={value}" for key, value in query.items())
    while url:
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).json()
        offsets += sum("OFFSET" in q["sql"] for q in captured)
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    return seen, offsets


def test_walking_the_pages_seeks_each_from_the_last_instead_of_skipping(world, client_for, seeking):
    client = client_for(world.board)
    expected = list(UseCase.objects.order_by("-created", "-id").values_list("pk", flat=True))
    assert len(expected) > 4
    seen, offsets = _walk(client)
    assert seen == expected
    # Pages 2 and 3 skip (page 3 is the first past SEEK_FROM, page 2 before it);
    # every later page starts at the row its previous page remembered.
    assert offsets == 2
    # Walked again, even page 3 is found by its first row.
    assert _walk(client) == (expected, 1)


def test_a_remembered_deep_page_is_read_as_cheaply_as_page_one(world, client_for, seeking):
    client = client_for(world.board)
    client.get("/api/v1/use-cases/", {"page_size": 1, "page": 4})
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/use-cases/", {"page_size": 1, "page": 1})
    with CaptureQueriesContext(connection) as deep:
        body = client.get("/api/v1/use-cases/", {"page_size": 1, "page": 4}).json()
    expected = UseCase.objects.order_by("-created", "-id").values_list("pk", flat=True)[3]
    assert [row["id"] for row in body["results"]] == [expected]
    page_query = next(q["sql"] for q in deep if "LIMIT 2" in q["sql"])
    assert "OFFSET" not in page_query
    # One query more than page 1: the newest history rows that sign the list.
    assert len(deep) == len(first) + 1


def test_a_write_forgets_where_pages_start(world, client_for, seeking):
    client = client_for(world.board)
    path = "/api/v1/use-cases/"

    def page_four():
        return client.get(path, {"page_size": 1, "page": 4}).json()["results"][0]["id"]

    before = page_four()
    assert page_four() == before
    # A new use case is the newest: every page moves one row down.
    created = client.post(
        path,
        {
            "title": "Nieuwe use case",
            "summary": "Samenvatting",
            "intervention": world.i1.slug,
            "organisation": world.org_a.slug,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    newest = list(UseCase.objects.order_by("-created", "-id").values_list("pk", flat=True))
    assert page_four() == newest[3] != before
    # A deleted row: the pages close up again.
    UseCase.objects.get(pk=newest[0]).delete()
    assert page_four() == before


def test_each_reader_and_filter_remembers_their_own_pages(world, client_for, seeking):
    for user in (None, world.partner_a, world.reviewer, world.board):
        client = client_for(user)
        for params in ({}, {"status": "selected"}):
            visible = UseCase.objects.visible_to(user or AnonymousUser()).filter(**params)
            expected = list(visible.order_by("-created", "-id").values_list("pk", flat=True))
            assert _walk(client, **params)[0] == expected
            assert _walk(client, **params)[0] == expected


def test_only_a_total_order_of_plain_columns_can_be_sought():
    assert pagination.Seek.for_ordering(UseCase, ["-created", "-id"])
    assert pagination.Seek.for_ordering(UseCase, ["title", "pk"])
    # Ties without the key last, a related column, a nullable one, no ordering.
    assert pagination.Seek.for_ordering(UseCase, ["-created"]) is None
    assert pagination.Seek.for_ordering(UseCase, ["organisation__name", "id"]) is None
    assert pagination.Seek.for_ordering(UseCase, ["submitted_at", "id"]) is None
    assert pagination.Seek.for_ordering(UseCase, []) is None
