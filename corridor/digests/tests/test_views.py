import datetime

import pytest
from django.urls import reverse

from corridor.digests import services
from corridor.digests.periods import period_starting

from .scenario import at
from .scenario import frozen

pytestmark = pytest.mark.django_db


def build(first_day: datetime.date, frequency="weekly"):
    with frozen(at(2026, 6, 1, 7)):
        return services.build_digest(period=period_starting(frequency, first_day))


@pytest.fixture
def digest(intervention):
    return build(datetime.date(2026, 3, 2))


def test_board_reads_the_archive_and_a_digest(client, board, digest):
    client.force_login(board)
    response = client.get(reverse("digests:digest-list"))
    assert response.status_code == 200
    assert digest.get_absolute_url() in response.content.decode()
    response = client.get(digest.get_absolute_url())
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_the_archive_reads_in_english_under_en(client, board, digest):
    client.force_login(board)
    response = client.get("/en" + reverse("digests:digest-detail", kwargs={"pk": digest.pk}))
    assert response.status_code == 200
    assert "Weekly digest March 2, 2026 – March 8, 2026" in response.content.decode()
    assert "A quiet period: nothing changed." in response.content.decode()


@pytest.mark.parametrize("role", ["partner_a", "reviewer"])
def test_other_roles_may_not_open_the_archive(client, request, role, digest):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("digests:digest-list")).status_code == 403
    assert client.get(digest.get_absolute_url()).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, digest):
    response = client.get(digest.get_absolute_url())
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_unknown_digest_is_404(client, board):
    client.force_login(board)
    assert client.get(reverse("digests:digest-detail", kwargs={"pk": 999999})).status_code == 404


def test_the_archive_filters_by_frequency_and_ignores_odd_values(client, board, intervention):
    weekly = build(datetime.date(2026, 3, 2))
    daily = build(datetime.date(2026, 3, 3), "daily")
    client.force_login(board)
    body = client.get(reverse("digests:digest-list") + "?frequency=daily").content.decode()
    assert daily.get_absolute_url() in body
    assert weekly.get_absolute_url() not in body
    response = client.get(reverse("digests:digest-list") + "?frequency=%00x&page=zz")
    assert response.status_code == 200


def test_the_archive_list_costs_the_same_queries_for_many_digests(
    client, board, intervention, django_assert_max_num_queries
):
    client.force_login(board)
    build(datetime.date(2026, 3, 2))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("digests:digest-list"))
    for week in range(1, 20):
        build(datetime.date(2026, 3, 2) + datetime.timedelta(weeks=week))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("digests:digest-list"))
