"""A page that shows a secret once — a new API token, a new private calendar
address — is never stored by a browser or a proxy cache (``no-store``)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "no-store" in cache_control
    assert "private" in cache_control or "no-cache" in cache_control


def test_a_new_api_token_page_is_not_stored(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("accounts:token-create"), {"name": "dashboard", "expires_days": "30"}
    )
    assert response.status_code == 200
    assert response.context["created"]["plaintext"].encode() in response.content
    assert_not_stored(response)


def test_a_new_calendar_address_page_is_not_stored(client, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse("insight:calendar-feed-create"))
    assert response.status_code == 200
    assert response.context["new_feed_url"].encode() in response.content
    assert_not_stored(response)


def test_the_private_calendar_feed_is_not_stored(client, partner_a):
    from corridor.insight import services

    _feed, secret = services.create_calendar_feed(user=partner_a)
    response = client.get(reverse("insight_files:private-calendar", kwargs={"secret": secret}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
