"""The digest says which indicators moved, which fell behind, and which
joint agenda proposals are still open and how long."""

import datetime

import pytest
from django.utils import timezone

from corridor.digests.content import build_content
from corridor.digests.periods import period_starting
from corridor.digests.rendering import render_digest
from corridor.results.models import Indicator
from corridor.results.models import Measurement
from interventions import services
from interventions.joint import Proposal
from interventions.tests.factories import ActionLineFactory

pytestmark = pytest.mark.django_db

WEEK = period_starting("weekly", datetime.date(2026, 6, 1))  # Mon 1 – Sun 7 June


def indicator(line, name, target):
    return Indicator.objects.create(
        action_line=line,
        name_nl=name,
        name_en=name,
        unit="count",
        baseline_value=0,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=target,
        target_date=datetime.date(2026, 12, 31),
    )


def measure(indicator, day, value, entered):
    measurement = Measurement.objects.create(
        indicator=indicator, date=day, value=value, source_note="Telling"
    )
    Measurement.objects.filter(pk=measurement.pk).update(created=entered)


def test_the_digest_names_moved_and_fallen_behind_indicators_and_open_proposals(
    intervention, org_a, board, partner_a
):
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a)
    before = timezone.make_aware(datetime.datetime(2026, 5, 1, 12))
    during = timezone.make_aware(datetime.datetime(2026, 6, 3, 12))
    pilots = indicator(line, "Pilots gestart", 24)
    measure(pilots, datetime.date(2026, 5, 1), 10, before)  # on track (line: ~8)
    measure(pilots, datetime.date(2026, 6, 3), 10, during)  # behind (line: ~10.2)
    hours = indicator(line, "Rekenuren", 100)
    measure(hours, datetime.date(2026, 3, 1), 5, before)  # behind all along: not "fell"
    services.name_co_owner(
        intervention=intervention,
        organisation=org_a,
        started=datetime.date(2025, 1, 1),
        actor=board,
    )
    proposal = services.submit_proposal(
        actor=partner_a, intervention=intervention, changes={"agenda": "Nieuw."}, reason="Samen."
    )
    Proposal.objects.filter(pk=proposal.pk).update(
        created=timezone.make_aware(datetime.datetime(2026, 5, 25, 12))
    )

    results = build_content(WEEK)["results"]
    assert [item["name_nl"] for item in results["moved"]] == ["Pilots gestart"]
    assert [item["name_nl"] for item in results["fell_behind"]] == ["Pilots gestart"]
    assert [(p["id"], p["age_days"]) for p in results["open_proposals"]] == [(proposal.pk, 13)]

    text = render_digest({**build_content(WEEK), "frequency": "weekly"}, language="en").text
    assert "Indicators that fell behind" in text and "Pilots gestart: 10 of 24" in text
    assert f"Proposal {proposal.pk} (intervention 1, joint agenda)" in text and "13 days" in text
