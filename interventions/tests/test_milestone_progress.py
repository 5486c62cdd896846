"""Marking a milestone done in place also refreshes its action line's
progress ("1 of 3") on the page, without a reload (htmx, out of band)."""

import re

import pytest
from django.urls import reverse

from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory


@pytest.fixture
def line(org_a, intervention):
    return ActionLineFactory(intervention=intervention, lead_organisation=org_a)


def progress_of(html):
    return re.search(r'<dd id="action-line-progress"[^>]*>(.*?)</dd>', html, re.S)


def test_mark_done_swaps_the_row_and_the_progress_out_of_band(client, partner_a, line):
    first, *_ = [MilestoneFactory(action_line=line) for _ in range(3)]
    client.force_login(partner_a)
    page = client.get(line.get_absolute_url()).content.decode()
    assert "0 van 3 mijlpalen afgerond" in progress_of(page)[1]
    assert page.count('id="action-line-progress"') == 1
    response = client.post(
        reverse("interventions:milestone-complete", args=[first.pk]),
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.strip().startswith(f'<li class="milestone" id="milestone-{first.pk}"')
    assert '<dd id="action-line-progress" data-hx-swap-oob="true">' in html
    assert "1 van 3 mijlpalen afgerond" in progress_of(html)[1]
    reopened = client.post(
        reverse("interventions:milestone-reopen", args=[first.pk]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "0 van 3 mijlpalen afgerond" in progress_of(reopened)[1]
