import datetime

import pytest
from rest_framework.test import APIClient

from corridor.digests import services
from corridor.digests.periods import period_starting

from .scenario import at
from .scenario import frozen

pytestmark = pytest.mark.django_db

URL = "/api/v1/digests/"


def build(first_day, frequency="weekly"):
    with frozen(at(2026, 6, 1, 7)):
        return services.build_digest(period=period_starting(frequency, first_day))


@pytest.fixture
def api(board):
    client = APIClient()
    client.force_login(board)
    return client


def test_the_board_reads_a_digest_with_its_content(api, intervention):
    digest = build(datetime.date(2026, 3, 2))
    response = api.get(f"{URL}{digest.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["frequency"] == "weekly"
    assert body["first_day"] == "2026-03-02"
    assert body["last_day"] == "2026-03-08"
    assert body["data"]["quiet"] is True
    assert body["text"] == digest.text
    assert response["ETag"]


def test_the_list_is_compact_newest_first_and_filters(api, intervention):
    older = build(datetime.date(2026, 3, 2))
    newer = build(datetime.date(2026, 3, 9))
    daily = build(datetime.date(2026, 3, 10), "daily")
    rows = api.get(URL).json()["results"]
    assert [row["id"] for row in rows] == [daily.pk, newer.pk, older.pk]
    assert "data" not in rows[0] and "html" not in rows[0]
    weekly = api.get(URL, {"frequency": "weekly", "period_from": "2026-03-05"}).json()
    assert [row["id"] for row in weekly["results"]] == [newer.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"frequency": "monthly"},
        {"period_from": "2026-02-30"},
        {"period_from": "2026-03-10", "period_to": "2026-03-01"},
        {"frequency": "weekly\x00"},
    ],
)
def test_bad_filters_answer_400(api, query):
    response = api.get(URL, query)
    assert response.status_code == 400


def test_the_list_costs_the_same_queries_for_many_digests(
    api, intervention, django_assert_max_num_queries
):
    build(datetime.date(2026, 3, 2))
    with django_assert_max_num_queries(10) as few:
        api.get(URL)
    for week in range(1, 15):
        build(datetime.date(2026, 3, 2) + datetime.timedelta(weeks=week))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get(URL).json()["results"]) == 15
