"""Results on the portal's pages: charts, panels, the indicator page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from corridor.results.models import Indicator
from corridor.results.models import Measurement
from interventions.tests.factories import ActionLineFactory
from usecases.models import UseCase
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import bring_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(intervention, org_a):
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Talent")
    indicator = Indicator.objects.create(
        action_line=line,
        name_nl="Studenten in het talentprogramma",
        name_en="Students in the talent programme",
        unit="people",
        baseline_value=0,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=500,
        target_date=datetime.date(2026, 12, 31),
    )
    for month, value in ((3, 90), (6, 210), (9, 340)):
        Measurement.objects.create(
            indicator=indicator,
            date=datetime.date(2026, month, 1),
            value=value,
            source_note="Inschrijvingen",
        )
    return indicator


def test_the_action_line_page_draws_a_chart_with_its_text_alternative(client, indicator):
    page = client.get(indicator.action_line.get_absolute_url()).content.decode()
    assert page.count('<svg class="result-chart"') == 1
    assert 'role="img"' in page and "<desc" in page
    assert "Studenten in het talentprogramma" in page
    assert "340 van 500" in page
    assert "<table>" in page  # the values as a table


def test_the_intervention_page_and_dashboard_show_the_results_panel(client, indicator):
    page = client.get(indicator.action_line.intervention.get_absolute_url()).content.decode()
    assert 'id="results-heading"' in page and "340 van 500" in page
    english = client.get("/en/").content.decode()
    assert 'id="corridor-results-heading"' in english
    assert "1 of 1 measured indicators on track" in english


def test_the_lead_organisation_enters_a_measurement_others_may_not(
    client, indicator, partner_a, partner_b
):
    url = indicator.get_absolute_url()
    data = {"date": "2026-11-01", "value": "420", "source_note": "Inschrijvingen november"}
    client.force_login(partner_b)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(partner_a)
    assert client.post(url, {**data, "value": "veel"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert indicator.measurements.filter(value=Decimal(420)).exists()
    duplicate = client.post(url, data)
    assert duplicate.status_code == 400


def test_a_use_case_page_shows_its_indicators_only_once_selected(
    client, intervention, org_b, partner_b, board
):
    use_case = UseCaseFactory(organisation=org_b, submitted_by=partner_b, intervention=intervention)
    bring_to(use_case, UseCase.Status.SELECTED, partner=partner_b, board=board, reason="Ja")
    client.force_login(partner_b)
    url = reverse("results:indicator-create-use-case", kwargs={"pk": use_case.pk})
    response = client.post(
        url,
        {
            "name_nl": "Pilots gestart",
            "unit": "count",
            "baseline_value": "0",
            "baseline_date": "2026-01-01",
            "target_value": "4",
            "target_date": "2026-12-31",
            "higher_is_better": "on",
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(use_case.get_absolute_url()).content.decode()
    assert "Pilots gestart" in page and "nog niet gemeten" in page
