"""Redis down: the portal and the API keep working, ``/healthz`` names the broker."""

import socket

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from corridor.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """Broker and cache both pointed at a port where nothing listens."""
    url = f"redis://127.0.0.1:{closed_port()}/11"
    settings.CELERY_BROKER_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "corridor.security.cache.FailSoftRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    return url


def test_healthz_is_ok_when_database_and_broker_answer(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/11"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
        "failed": [],
    }


def test_healthz_answers_503_naming_the_broker_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["broker"]
    assert body["checks"] == {"database": "ok", "broker": "unreachable"}


def test_portal_and_api_keep_working_while_redis_is_down(
    client, redis_down, partner_a, intervention
):
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert client.get(reverse("usecases:use-case-list")).status_code == 200
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {"title": "Zonder Redis", "intervention": intervention.pk, "summary": "Werkt."},
    )
    assert response.status_code == 302
    api = APIClient()
    _token, plaintext = create_token(partner_a)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/api/v1/use-cases/").status_code == 200
    created = api.post(
        "/api/v1/use-cases/",
        {"title": "API zonder Redis", "intervention": intervention.slug},
        format="json",
    )
    assert created.status_code == 201
