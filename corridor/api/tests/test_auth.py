"""Authentication: personal tokens (Bearer or Token), their expiry and revocation,
and CSRF for browser sessions."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from corridor.accounts.models import ApiToken
from corridor.accounts.tokens import create_token
from corridor.accounts.tokens import revoke_token

USE_CASES = "/api/v1/use-cases/"


def visible_ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_token_authenticates_as_its_user(keyword, world):
    _token, plaintext = create_token(world.partner_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {plaintext}")
    assert world.uc_a_draft.pk in visible_ids(client.get(USE_CASES))


def test_token_writes_need_no_csrf_but_sessions_do(world):
    _token, plaintext = create_token(world.partner_a)
    payload = {"title": "Via token", "intervention": world.i1.slug, "sectors": ["energy"]}
    with_token = APIClient(enforce_csrf_checks=True)
    with_token.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert with_token.post(USE_CASES, payload, format="json").status_code == 201

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(world.partner_a)
    refused = browser.post(USE_CASES, payload, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]


def test_expired_token_answers_401(world):
    token, plaintext = create_token(world.partner_a, expires_days=1)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get(USE_CASES).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = client.get(USE_CASES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_answers_401_from_then_on(world):
    token, plaintext = create_token(world.board)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get(USE_CASES).status_code == 200
    revoke_token(token, actor=world.board)
    assert client.get(USE_CASES).status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer ctp_nietgeldig", "Bearer", "Bearer a b", "Token \u00e9\u00e9n", "Bearer ctp_\x00"],
)
def test_bad_tokens_answer_401_never_500(header, world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(USE_CASES).status_code == 401


def test_token_use_is_recorded(world):
    token, plaintext = create_token(world.reviewer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plaintext}")
    client.get(USE_CASES)
    token.refresh_from_db()
    assert token.last_used is not None


def test_corridor_token_command_prints_a_working_token(world):
    out = io.StringIO()
    call_command(
        "corridor_token", "partner-b", "--expires-days", "7", stdout=out, stderr=io.StringIO()
    )
    plaintext = out.getvalue().strip()
    token = ApiToken.objects.get(user=world.partner_b)
    assert plaintext.startswith(token.prefix)
    assert token.digest != plaintext
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert world.uc_b_draft.pk in visible_ids(client.get(USE_CASES))
