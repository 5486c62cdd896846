"""The Board works in the admin (bulk fixes, imports of organisations and use
cases): a Board user made with ``corridor_user --role board`` gets in and finds
those pages; partners and reviewers do not, and leaving the Board closes it."""

import pytest
from django.core.management import call_command

from corridor.accounts import roles
from corridor.accounts.models import User

pytestmark = pytest.mark.django_db

STRONG = "Corridor-Sterk-Wachtwoord-2026"

BOARD_PAGES = [
    "/admin/",
    "/admin/coalitions/organisation/",
    "/admin/coalitions/organisation/add/",
    "/admin/coalitions/organisation/import/",
    "/admin/usecases/usecase/",
    "/admin/usecases/usecase/import/",
    "/admin/interventions/actionline/",
    "/admin/interventions/milestone/",
    "/admin/coalitions/coalition/",
    "/admin/accounts/apitokenevent/",
    "/admin/digests/digest/",
]


def made_by_the_command(monkeypatch, username, *args):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    call_command("corridor_user", username, *args)
    return User.objects.get(username=username)


def test_a_board_user_made_by_the_command_opens_the_admin_and_the_imports(client, monkeypatch):
    anna = made_by_the_command(monkeypatch, "anna", "--role", "board")
    assert anna.is_staff and not anna.is_superuser
    assert client.login(username="anna", password=STRONG)
    for url in BOARD_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    index = client.get("/admin/").content.decode()
    assert "/admin/coalitions/organisation/" in index
    assert "/admin/usecases/usecase/" in index
    changelist = client.get("/admin/coalitions/organisation/").content.decode()
    assert "/admin/coalitions/organisation/import/" in changelist


@pytest.mark.parametrize("role", [roles.PARTNER, roles.REVIEWER])
def test_partners_and_reviewers_made_by_the_command_stay_out(client, monkeypatch, org_a, role):
    user = made_by_the_command(monkeypatch, "piet", "--role", role, "--organisation", org_a.slug)
    assert not user.is_staff
    client.force_login(user)
    for url in BOARD_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_leaving_the_board_closes_the_admin(client, monkeypatch, org_a):
    made_by_the_command(monkeypatch, "anna", "--role", "board")
    anna = made_by_the_command(
        monkeypatch, "anna", "--role", "partner", "--organisation", org_a.slug
    )
    assert not anna.is_staff
    assert set(anna.groups.values_list("name", flat=True)) == {roles.PARTNER}
    client.force_login(anna)
    assert client.get("/admin/").status_code == 302


def test_the_board_may_not_manage_accounts_in_the_admin(client, monkeypatch):
    """Roles and staff status are given with the command, not by the Board itself."""
    made_by_the_command(monkeypatch, "anna", "--role", "board")
    client.login(username="anna", password=STRONG)
    anna = User.objects.get(username="anna")
    url = f"/admin/accounts/user/{anna.pk}/change/"
    assert client.get(url).status_code == 200  # read only
    response = client.post(url, {"username": "anna", "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 403
    anna.refresh_from_db()
    assert not anna.is_superuser
    assert not anna.has_perm("accounts.change_user")
    assert not anna.has_perm("auth.change_group")
