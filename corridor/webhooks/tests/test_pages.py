"""The portal pages where the Board and partners keep webhook endpoints."""

import pytest
from django.urls import reverse
from django.utils import translation

from corridor.webhooks import services
from corridor.webhooks.models import Delivery
from corridor.webhooks.models import Endpoint

pytestmark = pytest.mark.django_db


def test_a_partner_creates_an_endpoint_and_sees_its_secret_once(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("webhooks:endpoint-list"),
        {
            "url": "https://hooks.example.org/almere",
            "description": "Dashboard",
            "event_types": ["use_case.submitted", "milestone.done"],
        },
    )
    assert response.status_code == 200
    endpoint = Endpoint.objects.get()
    assert endpoint.organisation == partner_a.organisation
    assert endpoint.secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    again = client.get(reverse("webhooks:endpoint-detail", kwargs={"pk": endpoint.pk}))
    assert endpoint.secret not in again.content.decode()


def test_a_private_address_is_a_clear_error_in_the_users_language(client, partner_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(partner_a)
    with translation.override("en"):
        url = reverse("webhooks:endpoint-list")
    response = client.post(
        url, {"url": "https://192.168.1.10/hook", "event_types": ["milestone.done"]}
    )
    assert response.status_code == 400
    assert (
        "Private, loopback and link-local addresses are not allowed." in response.content.decode()
    )
    with translation.override("nl"):
        dutch_url = reverse("webhooks:endpoint-list")
    dutch = client.post(
        dutch_url,
        {"url": "https://192.168.1.10/hook", "event_types": ["milestone.done"]},
    )
    assert "niet toegestaan" in dutch.content.decode()
    assert not Endpoint.objects.exists()


def test_the_log_shows_each_try_and_the_buttons_work(
    client, board, receiver, django_capture_on_commit_callbacks
):
    endpoint, _secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=["milestone.done"]
    )
    client.force_login(board)
    detail = reverse("webhooks:endpoint-detail", kwargs={"pk": endpoint.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks:endpoint-test", kwargs={"pk": endpoint.pk}))
    assert response.status_code == 302
    assert receiver.types() == ["webhook.test"]
    delivery = Delivery.objects.get(endpoint=endpoint)
    page = client.get(detail).content.decode()
    assert delivery.message_id in page
    assert "thanks" in page  # the first bytes of the receiver's answer
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "webhooks:delivery-redeliver",
                kwargs={"pk": endpoint.pk, "message_id": delivery.message_id},
            )
        )
    first, second = receiver.received
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]


def test_the_pages_speak_both_languages(client, board):
    client.force_login(board)
    dutch = client.get(reverse("webhooks:endpoint-list")).content.decode()
    with translation.override("en"):
        english_url = reverse("webhooks:endpoint-list")
    english = client.get(english_url).content.decode()
    assert english_url.startswith("/en/")
    assert "Receiver URL" in english
    assert "Receiver URL" not in dutch
    assert '<label for="id_url"' in dutch


def test_a_reviewer_keeps_no_endpoints(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("webhooks:endpoint-list")).status_code == 403
