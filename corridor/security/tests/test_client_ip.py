"""One function decides the client's address — for the rate limits, the login
lockout and the token audit — and a client cannot choose it by writing a header.

Behind ``TRUSTED_PROXY_COUNT`` proxies, the address is the one the nearest
trusted proxy saw: that many places from the right of ``X-Forwarded-For``.
Whatever the client wrote to the left of it does not count."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from django.urls import reverse

from corridor.security.client_ip import client_ip

from .test_throttling import rates

PROXY = "10.0.0.2"


def request_from(forwarded_for=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = request_from("203.0.113.7", remote="198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_behind_one_proxy_the_right_most_address_is_the_client(one_proxy):
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_from("192.0.2.1, 203.0.113.7")) == "203.0.113.7"


def test_a_spoofed_left_most_address_does_not_change_the_identity(one_proxy):
    seen = {client_ip(request_from(f"192.0.2.{n}, 203.0.113.7")) for n in range(1, 6)}
    seen.add(client_ip(request_from("not-an-ip, 203.0.113.7")))
    assert seen == {"203.0.113.7"}


def test_behind_two_proxies_the_address_the_outer_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    # The client wrote 192.0.2.66; the outer proxy saw 203.0.113.7, the inner one
    # saw the outer proxy (10.0.0.1); the connection is the inner proxy.
    assert client_ip(request_from("192.0.2.66, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"


def test_a_request_that_did_not_come_through_the_proxy_counts_as_its_connection(one_proxy):
    assert client_ip(request_from(None, remote="198.51.100.8")) == "198.51.100.8"
    assert client_ip(request_from("", remote="198.51.100.8")) == "198.51.100.8"


def test_the_login_lockout_uses_the_same_address(one_proxy):
    request = request_from("192.0.2.1, 203.0.113.7")
    assert get_client_ip_address(request) == client_ip(request) == "203.0.113.7"


@pytest.mark.django_db
def test_changing_the_left_most_address_does_not_dodge_the_login_limit(settings, client, one_proxy):
    rates(settings, login="3/minute")
    url = reverse("login")
    for number in range(3):
        response = client.post(
            url,
            {"username": f"guess-{number}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7",
            REMOTE_ADDR=PROXY,
        )
        assert response.status_code == 200
    response = client.post(
        url,
        {"username": "guess-9", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
        REMOTE_ADDR=PROXY,
    )
    assert response.status_code == 429
    # Another client behind the same proxy has its own count.
    other = client.post(
        url,
        {"username": "guess-1", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        REMOTE_ADDR=PROXY,
    )
    assert other.status_code == 200


@pytest.mark.django_db
def test_changing_the_left_most_address_does_not_dodge_the_lockout(
    settings, client, partner_a, one_proxy
):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("login")
    for number in range(3):
        client.post(
            url,
            {"username": "partner-a", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7",
            REMOTE_ADDR=PROXY,
        )
    response = client.post(
        url,
        {"username": "partner-a", "password": "corridor-test-pw"},
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.7",
        REMOTE_ADDR=PROXY,
    )
    assert response.status_code == 429
