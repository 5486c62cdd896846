"""Every way in by password has the same limits: the portal's login form and the
admin's share one count per client address, and a lockout says when it ends."""

import pytest
from django.urls import reverse

from .test_throttling import assert_throttled
from .test_throttling import rates

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


def guess(client, url, number):
    return client.post(url, {"username": f"guess-{number}", "password": "wrong"})


def test_the_admin_login_is_limited_per_client_ip(settings, client):
    rates(settings, login="3/minute")
    for number in range(3):
        assert guess(client, ADMIN_LOGIN, number).status_code == 200
    response = guess(client, "/en/admin/login/", 3)
    assert_throttled(response)
    assert "Too many requests" in response.content.decode()
    assert client.get(ADMIN_LOGIN).status_code == 200  # only posts are counted


def test_the_admin_login_shares_the_portal_logins_count(settings, client):
    rates(settings, login="3/minute")
    for number in range(3):
        assert guess(client, reverse("login"), number).status_code == 200
    assert_throttled(guess(client, ADMIN_LOGIN, 3))
    assert_throttled(guess(client, "/en/admin/login/", 4))


def test_after_the_admin_login_the_portal_login_is_limited_too(settings, client):
    rates(settings, login="2/minute")
    for number in range(2):
        assert guess(client, ADMIN_LOGIN, number).status_code == 200
    assert_throttled(guess(client, reverse("login"), 2))


def test_other_addresses_are_not_held_back(settings, client):
    rates(settings, login="1/minute")
    assert guess(client, ADMIN_LOGIN, 0).status_code == 200
    assert_throttled(guess(client, ADMIN_LOGIN, 1))
    other = client.post(
        ADMIN_LOGIN, {"username": "x", "password": "y"}, REMOTE_ADDR="198.51.100.30"
    )
    assert other.status_code == 200


@pytest.mark.parametrize("url", [reverse("login"), ADMIN_LOGIN])
def test_a_lockout_answers_429_with_the_seconds_until_it_ends(settings, client, partner_a, url):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(url, {"username": "partner-a", "password": "wrong"})
    response = client.post(url, {"username": "partner-a", "password": "corridor-test-pw"})
    assert response.status_code == 429
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    assert int(response["Retry-After"]) == cooloff
    assert "15" in response.content.decode()  # the page says how long, in minutes


def test_the_lockout_page_names_the_configured_cooloff(settings, client, partner_a):
    import datetime

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    url = reverse("login")
    for _ in range(2):
        client.post(url, {"username": "partner-a", "password": "wrong"})
    response = client.post(url, {"username": "partner-a", "password": "wrong"})
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "30" in response.content.decode()
