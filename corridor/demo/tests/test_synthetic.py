import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import OuterRef
from django.db.models import Subquery

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from corridor.demo.synthetic import SyntheticCorridor
from interventions.models import ActionLine
from interventions.models import Milestone
from usecases.models import Assessment
from usecases.models import StatusChange
from usecases.models import UseCase

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.UTC)


def fingerprint():
    return (
        list(
            UseCase.objects.order_by("pk").values_list("title", "status", "organisation__slug")[:20]
        ),
        list(Organisation.objects.order_by("pk").values_list("name", "region__slug")[:20]),
        Assessment.objects.count(),
        StatusChange.objects.count(),
    )


def wipe():
    for model in (Assessment, StatusChange):
        model.objects.all().delete()
    UseCase.partners.through.objects.all().delete()
    UseCase.objects.all().delete()
    Milestone.objects.all().delete()
    ActionLine.objects.all().delete()
    Membership.objects.all().delete()
    Coalition.objects.all().delete()
    from corridor.accounts.models import User

    User.objects.all().delete()
    Organisation.objects.all().delete()
    from coalitions.models import Region
    from interventions.models import Intervention

    Intervention.objects.all().delete()
    Region.objects.all().delete()


def test_small_scale_has_the_promised_rows_with_history():
    counts = SyntheticCorridor(scale="small", seed=3, now=NOW, log=lambda *_: None).load()
    assert counts["organisations"] == 300
    assert counts["coalitions"] == 40
    assert counts["use cases"] == 500
    assert counts["action lines"] == 100
    assert counts["milestones"] == 600
    assert UseCase.history.count() == 500
    assert Organisation.history.count() == 300
    assert Milestone.history.count() == 600
    # Every use case's status is where its recorded moves took it.
    last_move = StatusChange.objects.filter(use_case=OuterRef("pk")).order_by("-created", "-pk")
    rows = UseCase.objects.exclude(status="draft").annotate(
        last=Subquery(last_move.values("to_status")[:1])
    )
    assert all(row.last == row.status for row in rows)
    assert set(UseCase.objects.values_list("status", flat=True)) == {
        s for s, _ in UseCase.Status.choices
    }


def test_same_seed_gives_the_same_corridor():
    SyntheticCorridor(scale="small", seed=7, now=NOW, log=lambda *_: None).load()
    first = fingerprint()
    wipe()
    SyntheticCorridor(scale="small", seed=7, now=NOW, log=lambda *_: None).load()
    assert fingerprint() == first


def test_loads_only_into_an_empty_database(org_a):
    with pytest.raises(CommandError, match="empty database"):
        call_command("load_synthetic", "--scale", "small")
