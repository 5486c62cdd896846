import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from coalitions.models import Coalition
from coalitions.models import Organisation
from corridor.digests.models import Digest
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
    "digests.Digest",
    "digests.Delivery",
    "digests.Notification",
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


def test_reset_starts_the_demo_over_and_keeps_other_users(settings):
    settings.DEBUG = True
    from corridor.accounts.models import User

    anna = User.objects.create(username="anna")
    call_command("load_demo", "--with-demo-users")
    first = counts()
    first_ids = set(UseCase.objects.values_list("pk", flat=True))

    call_command("load_demo", "--with-demo-users", "--reset")

    assert counts() == first
    assert not first_ids & set(UseCase.objects.values_list("pk", flat=True))
    anna.refresh_from_db()


def test_reset_is_refused_while_another_user_belongs_to_a_demo_organisation(settings):
    settings.DEBUG = True
    call_command("load_demo")
    from corridor.accounts.models import User

    User.objects.create(username="anna", organisation=Organisation.objects.get(slug="cwi"))
    with pytest.raises(CommandError, match="anna"):
        call_command("load_demo", "--reset")
    assert UseCase.objects.exists()  # nothing was deleted


def test_reset_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", "--reset")


def test_demo_corridor_has_what_the_board_needs():
    call_command("load_demo")
    assert apps.get_model("interventions.Intervention").objects.count() == 4
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
    assert Digest.objects.count() == 8
    # every status but draft has a genuine history
    for case in UseCase.objects.exclude(status="draft"):
        assert case.status_changes.last().to_status == case.status


def test_demo_organisations_are_the_real_corridors_public_bodies_and_fictional_companies():
    call_command("load_demo")
    organisations = Organisation.objects.select_related("region")
    assert 75 <= organisations.count() <= 90
    names = {o.name: o.region.slug for o in organisations}
    for name in (
        "Gemeente Amsterdam",
        "Gemeente Almere",
        "Gemeente Haarlem",
        "Gemeente Zandvoort",
        "Provincie Noord-Holland",
        "Provincie Flevoland",
        "Universiteit van Amsterdam",
        "AMS Institute",
    ):
        assert names[name] == "mra"
    for name in (
        "Gemeente Eindhoven",
        "Gemeente Helmond",
        "Gemeente Son en Breugel",
        "Provincie Noord-Brabant",
        "Technische Universiteit Eindhoven",
        "Brainport Development",
    ):
        assert names[name] == "brainport"
    assert {"Amsterdam Economic Board", "Media Campus NL", "TNO"} <= set(names)
    for organisation in organisations:
        assert organisation.capabilities, organisation.name
        if organisation.kind == Organisation.Kind.COMPANY:
            assert "Fictief" in organisation.description, organisation.name


def test_demo_users_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", "--with-demo-users")


def test_demo_users_can_log_in_with_the_readme_password(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--with-demo-users")
    for username in ("board", "reviewer", "partner"):
        assert client.login(username=username, password="corridor-demo")
