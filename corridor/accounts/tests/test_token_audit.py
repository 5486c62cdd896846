"""API tokens leave an audit trail: made, revoked and used — who, when, from which IP."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken
from corridor.accounts.models import ApiTokenEvent
from corridor.accounts.tests.factories import UserFactory
from corridor.accounts.tokens import create_token
from corridor.accounts.tokens import revoke_token

pytestmark = pytest.mark.django_db

Kind = ApiTokenEvent.Kind


def trail(token):
    return list(
        ApiTokenEvent.objects.filter(token=token)
        .order_by("at", "id")
        .values_list("kind", "actor__username", "ip_address")
    )


def test_the_profile_page_records_who_made_and_revoked_a_token_and_from_where(
    client, partner_a, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    client.force_login(partner_a)
    response = client.post(
        reverse("accounts:token-create"),
        {"name": "dashboard", "expires_days": 30},
        HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9",  # the left one is the client's say-so
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=partner_a)
    client.post(
        reverse("accounts:token-revoke", kwargs={"pk": token.pk}),
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert trail(token) == [
        (Kind.CREATED, "partner-a", "203.0.113.9"),
        (Kind.REVOKED, "partner-a", "198.51.100.4"),
    ]


def test_use_is_recorded_with_the_address_at_most_once_a_minute(partner_a, intervention):
    token, plaintext = create_token(partner_a, actor=partner_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            assert client.get("/api/v1/interventions/", REMOTE_ADDR="192.0.2.10").status_code == 200
    with time_machine.travel(start + datetime.timedelta(seconds=90), tick=False):
        assert client.get("/api/v1/interventions/", REMOTE_ADDR="192.0.2.11").status_code == 200
    uses = [row for row in trail(token) if row[0] == Kind.USED]
    assert uses == [(Kind.USED, None, "192.0.2.10"), (Kind.USED, None, "192.0.2.11")]
    token.refresh_from_db()
    assert token.last_used == start + datetime.timedelta(seconds=90)


def test_a_failed_token_records_no_use(partner_a):
    token, plaintext = create_token(partner_a)
    revoke_token(token, actor=partner_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get("/api/v1/use-cases/").status_code == 401
    assert [kind for kind, _actor, _ip in trail(token)] == [Kind.CREATED, Kind.REVOKED]


def test_revoking_twice_records_one_revocation(partner_a, board):
    token, _plaintext = create_token(partner_a)
    revoke_token(token, actor=board)
    revoke_token(ApiToken.objects.get(pk=token.pk), actor=board)
    assert trail(token) == [(Kind.CREATED, None, None), (Kind.REVOKED, "board", None)]


def test_the_management_command_records_a_creation_without_an_actor(partner_a):
    call_command("corridor_token", "partner-a", stdout=io.StringIO(), stderr=io.StringIO())
    event = ApiTokenEvent.objects.get()
    assert (event.kind, event.owner, event.actor) == (Kind.CREATED, partner_a, None)


def test_the_trail_outlives_a_deleted_token(partner_a):
    token, _plaintext = create_token(partner_a)
    prefix = token.prefix
    token.delete()
    event = ApiTokenEvent.objects.get()
    assert (event.token, event.prefix, event.owner) == (None, prefix, partner_a)


def test_board_staff_read_the_trail_and_revoke_in_the_admin(client, partner_a):
    staff = UserFactory(username="staff", roles=["board"], is_staff=True, is_superuser=True)
    token, _plaintext = create_token(partner_a, actor=partner_a, ip="192.0.2.1")
    client.force_login(staff)
    events = client.get(reverse("admin:accounts_apitokenevent_changelist"))
    assert events.status_code == 200
    assert "192.0.2.1" in events.content.decode()
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert "192.0.2.1" in page.content.decode()
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        REMOTE_ADDR="192.0.2.77",
    )
    assert response.status_code == 302
    assert trail(token)[-1] == (Kind.REVOKED, "staff", "192.0.2.77")
