"""Indicators, measurements, whether they are on track, and roll-ups."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from corridor.results import services
from corridor.results.models import Indicator
from corridor.results.models import Measurement
from corridor.results.selectors import corridor_results
from corridor.results.selectors import indicator_rows
from corridor.results.selectors import roll_up
from corridor.results.selectors import visible_indicators
from corridor.results.tracking import expected_on
from corridor.results.tracking import on_track
from interventions.tests.factories import ActionLineFactory
from usecases.models import UseCase
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import bring_to

pytestmark = pytest.mark.django_db

JAN = datetime.date(2026, 1, 1)
JUL = datetime.date(2026, 7, 2)  # 182 of 364 days: halfway
DEC = datetime.date(2026, 12, 31)


def line(**fields):
    return Indicator(
        baseline_value=Decimal(fields.pop("baseline", 100)),
        baseline_date=JAN,
        target_value=Decimal(fields.pop("target", 500)),
        target_date=DEC,
        **fields,
    )


def test_the_straight_line_runs_from_baseline_to_target():
    kwargs = {
        "baseline_value": Decimal(100),
        "baseline_date": JAN,
        "target_value": Decimal(500),
        "target_date": datetime.date(2026, 12, 31),
    }
    assert expected_on(datetime.date(2025, 6, 1), **kwargs) == 100
    assert expected_on(JAN, **kwargs) == 100
    assert expected_on(JUL, **kwargs) == 300
    assert expected_on(DEC, **kwargs) == 500
    assert expected_on(datetime.date(2027, 6, 1), **kwargs) == 500


@pytest.mark.parametrize(
    ("higher_is_better", "value", "expected"),
    [
        (True, 300, True),  # exactly on the line
        (True, 299, False),
        (True, 450, True),
        (False, 300, True),
        (False, 301, False),
    ],
)
def test_on_track_compares_the_latest_value_with_the_line(higher_is_better, value, expected):
    baseline, target = (100, 500) if higher_is_better else (500, 100)
    indicator = line(baseline=baseline, target=target, higher_is_better=higher_is_better)
    if not higher_is_better:
        # Falling from 500 to 100: halfway the line expects 300.
        assert expected_on(
            JUL,
            baseline_value=indicator.baseline_value,
            baseline_date=JAN,
            target_value=indicator.target_value,
            target_date=DEC,
        ) == Decimal(300)
    assert on_track(indicator, Decimal(value), JUL) is expected


def test_without_a_measurement_an_indicator_is_neither_on_track_nor_behind():
    assert on_track(line(), None, None) is None


@pytest.fixture
def lines(intervention, org_a):
    return ActionLineFactory(intervention=intervention, lead_organisation=org_a)


def make(action_line, name, unit, baseline, target, latest=None):
    indicator = Indicator.objects.create(
        action_line=action_line,
        name_nl=name,
        unit=unit,
        baseline_value=Decimal(baseline),
        baseline_date=JAN,
        target_value=Decimal(target),
        target_date=DEC,
    )
    if latest is not None:
        Measurement.objects.create(
            indicator=indicator, date=JUL, value=Decimal(latest), source_note="Telling"
        )
    return indicator


def test_roll_ups_add_values_only_within_one_unit(lines, board):
    make(lines, "Studenten", "people", 0, 300, latest=200)  # on track (line: 150)
    make(lines, "Docenten", "people", 0, 200, latest=140)  # on track (line: 100)
    make(lines, "Subsidie", "euros", 0, 1_000_000, latest=100_000)  # behind
    make(lines, "Bezetting", "percentage", 10, 90, latest=80)  # on track
    make(lines, "Pilots", "count", 0, 10)  # not measured: counted at its baseline
    make(lines, "Rekenuren", "count", 0, 5000, latest=3000)  # on track; never added to pilots
    results = roll_up(visible_indicators(board))
    by_unit = {rollup.name or rollup.unit: rollup for rollup in results.rollups}
    assert [r.name or r.unit for r in results.rollups] == [
        "euros",
        "people",
        "Pilots",
        "Rekenuren",
        "percentage",
    ]
    assert (by_unit["people"].value, by_unit["people"].target) == (340, 500)
    assert (by_unit["euros"].value, by_unit["euros"].target) == (100_000, 1_000_000)
    assert (by_unit["Pilots"].value, by_unit["Pilots"].measured) == (0, 0)
    assert (by_unit["Rekenuren"].value, by_unit["Rekenuren"].target) == (3000, 5000)
    # Percentages do not add up.
    assert by_unit["percentage"].value is None and by_unit["percentage"].target is None
    assert (results.indicators, results.measured, results.on_track) == (6, 5, 4)
    assert results.share_on_track == 0.8


def test_corridor_results_are_per_intervention_and_for_the_corridor(lines, board, intervention):
    make(lines, "Studenten", "people", 0, 300, latest=200)
    results = corridor_results(board)
    assert results["corridor"].indicators == 1
    assert results["interventions"][intervention.pk].rollups[0].value == 200


def test_a_measurement_keeps_its_history(lines, org_a, partner_a, partner_b, board):
    indicator = make(lines, "Studenten", "people", 0, 300)
    measurement = services.record_measurement(
        indicator=indicator, actor=partner_a, date=JUL, value=Decimal(120), source_note="Lijst"
    )
    services.update_measurement(
        measurement=measurement, actor=board, value=Decimal(125), source_note="Gecorrigeerd"
    )
    history = list(
        measurement.history.order_by("history_date").values_list("value", "history_user")
    )
    assert history == [(Decimal(120), partner_a.pk), (Decimal(125), board.pk)]
    with pytest.raises(PermissionDenied):
        services.record_measurement(
            indicator=indicator, actor=partner_b, date=DEC, value=Decimal(1), source_note="x"
        )
    with pytest.raises(ValidationError):
        services.record_measurement(
            indicator=indicator, actor=board, date=JUL, value=Decimal(1), source_note="dubbel"
        )


def test_only_a_selected_use_case_gets_indicators(intervention, org_b, partner_b, board):
    use_case = UseCaseFactory(organisation=org_b, submitted_by=partner_b, intervention=intervention)
    fields = {
        "name_nl": "Gebruikers",
        "unit": "people",
        "baseline_value": Decimal(0),
        "baseline_date": JAN,
        "target_value": Decimal(50),
        "target_date": DEC,
    }
    with pytest.raises(PermissionDenied):
        services.create_indicator(actor=board, use_case=use_case, **fields)
    bring_to(use_case, UseCase.Status.SELECTED, partner=partner_b, board=board, reason="Ja")
    indicator = services.create_indicator(actor=partner_b, use_case=use_case, **fields)
    assert indicator.use_case == use_case


@pytest.fixture
def hidden(intervention, org_a, partner_a, board):
    """An indicator of organisation A's use case in review (made behind the services)."""
    use_case = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
    bring_to(
        use_case, UseCase.Status.IN_REVIEW, partner=partner_a, board=board, reason="Ter review"
    )
    indicator = Indicator.objects.create(
        use_case=use_case,
        name_nl="GEHEIME-INDICATOR",
        unit="count",
        baseline_value=0,
        baseline_date=JAN,
        target_value=5,
        target_date=DEC,
    )
    Measurement.objects.create(indicator=indicator, date=JUL, value=3, source_note="GEHEIME-BRON")
    return indicator


def test_an_unpublished_use_cases_indicators_are_never_public(hidden, partner_b, partner_a):
    for user in (None, partner_b):
        assert not [row for row in indicator_rows(user) if row["id"] == hidden.pk]
        assert corridor_results(user)["corridor"].indicators == 0
    assert [row["id"] for row in indicator_rows(partner_a)] == [hidden.pk]
    client = APIClient()
    assert client.get(f"/api/v1/indicators/{hidden.pk}/").status_code == 404
    for path in ("/api/v1/indicators/", "/api/v1/measurements/"):
        assert client.get(path).json()["results"] == []
        export = client.get(path, {"format": "csv"})
        text = b"".join(export.streaming_content).decode()
        assert "GEHEIME" not in text
    page = client.get(hidden.use_case.intervention.get_absolute_url()).content.decode()
    assert "GEHEIME" not in page
    assert client.get(f"/resultaten/indicatoren/{hidden.pk}/").status_code == 404


def test_the_api_lists_indicators_with_their_state_and_exports_csv(lines, intervention):
    make(lines, "Studenten", "people", 0, 300, latest=200)
    client = APIClient()
    body = client.get("/api/v1/indicators/", {"intervention": intervention.slug}).json()
    (row,) = body["results"]
    assert (row["latest_value"], row["expected_value"], row["on_track"]) == (200.0, 150.0, True)
    assert row["intervention"] == intervention.slug
    assert client.get("/api/v1/indicators/", {"unit": "euros"}).json()["results"] == []
    export = client.get(
        "/api/v1/measurements/", {"format": "csv", "intervention": intervention.slug}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [(r["value"], r["source_note"]) for r in rows] == [("200.00", "Telling")]
    assert client.get("/api/v1/measurements/", {"date_after": "2026-08-01"}).json()["results"] == []
