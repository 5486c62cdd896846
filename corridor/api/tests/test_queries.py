"""Every list costs the same number of queries for a page of 1 as for a page of 200,
and a CSV export the same for one row as for all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corridor.api.urls import router

from .bulk import populate

LISTS = [basename for _prefix, _viewset, basename in router.registry]
PUBLIC = {basename for _prefix, viewset, basename in router.registry if viewset.public_reads}
ROLES = ("anonymous", "partner_a", "reviewer", "board")


def client_as(client_for, world, role):
    return client_for(None if role == "anonymous" else getattr(world, role))


@pytest.mark.parametrize("basename", LISTS)
def test_list_costs_the_same_queries_for_1_and_200_rows(
    basename, world, client_for, django_assert_max_num_queries
):
    populate(world)
    url = reverse(f"api:{basename}-list")
    # Anonymous callers are refused lists only those who sign in read.
    for role in ROLES if basename in PUBLIC else ROLES[1:]:
        client = client_as(client_for, world, role)
        with CaptureQueriesContext(connection) as one:
            first = client.get(url, {"page_size": 1})
        assert first.status_code == 200
        # 199: computed as page_size=1 is (200 rows a page are kept).
        with django_assert_max_num_queries(len(one)):
            full = client.get(url, {"page_size": 199})
        rows = len(full.json()["results"])
        assert rows == min(full.json()["count"], 199)
        if role == "board":
            assert rows >= 2, f"{basename}: too few rows to show anything"


@pytest.mark.parametrize("basename", LISTS)
def test_csv_export_costs_the_same_queries_for_one_row_as_for_all(
    basename, world, client_for, django_assert_max_num_queries
):
    populate(world)
    url = reverse(f"api:{basename}-list")
    client = client_for(world.board)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, {"format": "csv", "page_size": 1})
        b"".join(response.streaming_content)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url, {"format": "csv"})
        body = b"".join(response.streaming_content).decode()
    assert body.count("\n") >= 3
    assert "?format=csv" not in body


def test_a_list_read_again_and_again_is_planned_once_per_connection(world, client_for, settings):
    """PostgreSQL prepares a statement the connection runs this often, so the
    hot queries (the session's user, the page of rows) are not planned on
    every request."""
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    assert threshold
    client = client_for(world.board)
    for _ in range(threshold + 1):
        assert client.get("/api/v1/use-cases/", {"page_size": 5}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "usecases_usecase"' in sql and "LIMIT" in sql for sql in prepared)
    assert any('FROM "accounts_user"' in sql for sql in prepared)


def test_plans_are_not_compiled_just_in_time(db):
    """A JIT-compiled plan spent longer compiling than running (the digest's
    windows over every organisation): the portal's connections switch it off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
