"""Rate limits answer 429 with Retry-After — per user, per anonymous IP, tighter
on use case creation and login — and a cache outage lets requests through."""

import socket

import pytest
import redis
from django.conf import settings as django_settings
from django.urls import reverse
from rest_framework.test import APIClient

from corridor.accounts.tokens import create_token

pytestmark = pytest.mark.django_db

LIST = "/api/v1/interventions/"
USE_CASES = "/api/v1/use-cases/"


def rates(settings, **overrides):
    """Set the rates for this test (the throttles read them on every request)."""
    settings.REST_FRAMEWORK = {
        **django_settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**django_settings.THROTTLE_RATES, **overrides},
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bearer(user) -> APIClient:
    _token, plaintext = create_token(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def assert_throttled(response):
    assert response.status_code == 429, response.content[:300]
    assert int(response["Retry-After"]) >= 1


def test_anonymous_callers_are_limited_per_client_ip(settings, intervention):
    rates(settings, anon="3/minute")
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    client = APIClient()
    for number in range(3):
        forwarded = f"192.0.2.{number}, 203.0.113.7"  # the left part is the client's own
        assert client.get(LIST, HTTP_X_FORWARDED_FOR=forwarded).status_code == 200
    response = client.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert_throttled(response)
    assert response.json()["detail"]
    # Another address behind the same proxy has its own count.
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.2").status_code == 200


def test_without_trusted_proxies_the_header_cannot_dodge_the_limit(settings, intervention):
    rates(settings, anon="2/minute")
    settings.TRUSTED_PROXY_COUNT = 0
    client = APIClient()
    for number in range(2):
        assert client.get(LIST, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}").status_code == 200
    assert_throttled(client.get(LIST, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_each_token_user_has_their_own_count(settings, partner_a, partner_b, intervention):
    rates(settings, user="2/minute")
    first, second = bearer(partner_a), bearer(partner_b)
    assert first.get(LIST).status_code == 200
    assert first.get(LIST).status_code == 200
    assert_throttled(first.get(LIST))
    assert second.get(LIST).status_code == 200


def test_use_case_creation_has_a_tighter_limit_than_reading(settings, partner_a, intervention):
    rates(settings, user="100/minute", use_case_create="2/hour")
    client = bearer(partner_a)
    body = {"title": "Slimme sluizen", "summary": "Sensoren.", "intervention": intervention.slug}
    assert client.post(USE_CASES, body, format="json").status_code == 201
    assert client.post(USE_CASES, body, format="json").status_code == 201
    response = client.post(USE_CASES, body, format="json")
    assert_throttled(response)
    assert int(response["Retry-After"]) > 60  # an hourly window
    assert client.get(USE_CASES).status_code == 200  # reading goes on


def test_the_schema_documents_429_on_every_operation():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    missing = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "429" not in operation["responses"]
    ]
    assert not missing


def test_the_portal_create_form_is_limited_with_a_readable_page(
    settings, client, partner_a, intervention, english
):
    rates(settings, use_case_create="1/hour")
    client.force_login(partner_a)
    url = reverse("usecases:use-case-create")
    data = {"title": "Edge-AI", "intervention": intervention.pk, "summary": "AI."}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Nog een"})
    assert_throttled(response)
    assert "Too many requests" in response.content.decode()
    assert client.get(url).status_code == 200  # only posts are counted


def test_login_posts_are_limited_per_client_ip(settings, client, partner_a, english):
    rates(settings, login="3/minute")
    url = reverse("login")
    for number in range(3):
        response = client.post(url, {"username": f"guess-{number}", "password": "wrong"})
        assert response.status_code == 200  # the form with its error
    response = client.post(url, {"username": "partner-a", "password": "wrong"})
    assert_throttled(response)
    assert "Too many requests" in response.content.decode()
    assert client.get(url).status_code == 200


def test_limits_live_in_redis_shared_by_every_worker(settings, intervention):
    """With CACHE_URL pointing at Redis the counters are there, not in a process."""
    url = "redis://127.0.0.1:6379/11"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    rates(settings, anon="2/minute")
    raw = redis.Redis.from_url(url)
    raw.flushdb()
    try:
        client = APIClient()
        assert client.get(LIST, REMOTE_ADDR="192.0.2.50").status_code == 200
        assert list(raw.scan_iter(match="*throttle_anon_192.0.2.50*"))
        assert client.get(LIST, REMOTE_ADDR="192.0.2.50").status_code == 200
        assert_throttled(client.get(LIST, REMOTE_ADDR="192.0.2.50"))
    finally:
        raw.flushdb()


def test_redis_down_the_portal_and_api_keep_working(settings, client, partner_a, intervention):
    """A cache (Redis) that cannot be reached: nothing is counted, nothing breaks."""
    settings.CACHES = {
        "default": {
            "BACKEND": "corridor.security.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/11",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    rates(settings, anon="1/minute", login="1/minute")
    api = APIClient()
    for _ in range(3):
        assert api.get(LIST).status_code == 200
    assert bearer(partner_a).get(USE_CASES).status_code == 200
    for _ in range(2):
        assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 200
