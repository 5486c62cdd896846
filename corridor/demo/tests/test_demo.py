import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from coalitions.models import Coalition
from interventions.models import ActionLine
from usecases.models import UseCase

pytestmark = pytest.mark.django_db

DEMO_MODELS = [
    "interventions.Intervention",
    "interventions.ActionLine",
    "interventions.Milestone",
    "coalitions.Region",
    "coalitions.Organisation",
    "coalitions.Coalition",
    "coalitions.Membership",
    "usecases.UseCase",
    "usecases.StatusChange",
    "usecases.Assessment",
    "accounts.User",
]


def counts():
    rows = {name: apps.get_model(name).objects.count() for name in DEMO_MODELS}
    history = {
        f"{name} history": apps.get_model(name).history.count()
        for name in DEMO_MODELS
        if hasattr(apps.get_model(name), "history")
    }
    return rows | history


def test_load_demo_twice_gives_the_same_rows(settings):
    settings.DEBUG = True
    call_command("load_demo", "--with-demo-users")
    first = counts()
    call_command("load_demo", "--with-demo-users")
    assert counts() == first


def test_demo_corridor_has_what_the_board_needs():
    call_command("load_demo")
    assert apps.get_model("interventions.Intervention").objects.count() == 4
    assert apps.get_model("coalitions.Organisation").objects.count() >= 30
    assert ActionLine.objects.count() >= 12
    assert set(ActionLine.objects.values_list("kind", flat=True)) >= {
        "content",
        "talent",
        "physical_space",
        "test_environment",
    }
    assert apps.get_model("interventions.Milestone").objects.count() >= 40
    assert set(UseCase.objects.values_list("status", flat=True)) == {
        s for s, _ in UseCase.Status.choices
    }
    assert UseCase.objects.count() >= 25
    scopes = set(Coalition.objects.with_scope().values_list("scope", flat=True))
    assert {"corridor", "mra", "multi_region"} <= scopes
    assert Coalition.objects.count() >= 6
    names = set(apps.get_model("coalitions.Organisation").objects.values_list("name", flat=True))
    assert {
        "Amsterdam Economic Board",
        "Brainport Development",
        "Gemeente Almere",
        "Gemeente Hilversum",
        "Media Campus NL",
        "Vrije Universiteit Amsterdam",
    } <= names
    # every status but draft has a genuine history
    for case in UseCase.objects.exclude(status="draft"):
        assert case.status_changes.last().to_status == case.status


def test_demo_users_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", "--with-demo-users")


def test_demo_users_can_log_in_with_the_readme_password(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--with-demo-users")
    for username in ("board", "reviewer", "partner"):
        assert client.login(username=username, password="corridor-demo")
