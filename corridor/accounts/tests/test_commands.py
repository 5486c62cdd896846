import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from corridor.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

STRONG = "Corridor-Sterk-Wachtwoord-2026"


def test_creates_a_board_user_with_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    call_command("corridor_user", "anna", "--role", "board", "--email", "anna@example.org")
    user = User.objects.get(username="anna")
    assert user.is_board and user.check_password(STRONG)
    assert user.digest_frequency == "weekly"
    assert user.email == "anna@example.org"


def test_creates_a_partner_for_an_organisation(monkeypatch, org_a):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    call_command("corridor_user", "piet", "--role", "partner", "--organisation", org_a.slug)
    user = User.objects.get(username="piet")
    assert user.is_partner and user.organisation == org_a
    assert user.digest_frequency == "none"  # partners opt in to the digest


def test_unknown_role_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="Unknown role “admin”"):
        call_command("corridor_user", "x", "--role", "admin")
    assert not User.objects.filter(username="x").exists()


def test_unknown_organisation_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="No organisation with slug “nergens”"):
        call_command("corridor_user", "x", "--role", "partner", "--organisation", "nergens")


def test_partner_without_organisation_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("CORRIDOR_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="needs an organisation"):
        call_command("corridor_user", "x", "--role", "partner")


def test_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("CORRIDOR_PASSWORD", "1234")
    with pytest.raises(CommandError, match="password"):
        call_command("corridor_user", "x", "--role", "board")
    assert not User.objects.filter(username="x").exists()


def test_no_password_and_no_terminal_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("CORRIDOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CORRIDOR_PASSWORD"):
        call_command("corridor_user", "x", "--role", "board")


def test_roles_exist_after_migration():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"board", "reviewer", "partner"}
