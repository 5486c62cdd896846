import psycopg
import pytest
from django.db import connection
from django.test import Client

from corridor.accounts.tests.factories import UserFactory
from corridor.accounts.tests.factories import partner_user


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/healthz")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_is_only_for_board_staff(client, org_a):
    staff_partner = partner_user(org_a, is_staff=True)
    client.force_login(staff_partner)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

    board_staff = UserFactory(roles=["board"], is_staff=True)
    client.force_login(board_staff)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_forms_refuse_posts_without_csrf_token(board):
    board.is_staff = True
    board.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(board)
    response = client.post("/admin/coalitions/region/add/", {"slug": "x", "name": "X"})
    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_lost_database_connection_gets_a_503_and_the_next_request_works(client):
    board_staff = UserFactory(roles=["board"], is_staff=True)
    client.force_login(board_staff)
    assert client.get("/admin/").status_code == 200

    pid = connection.connection.info.backend_pid
    settings_dict = connection.settings_dict
    with psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    response = client.get("/admin/")
    assert response.status_code == 503
    assert "kan de database nu niet bereiken" in response.content.decode()  # Dutch by default
    assert response["Retry-After"]

    # The broken connection was closed; the next request opens a fresh one.
    assert client.get("/admin/").status_code == 200
