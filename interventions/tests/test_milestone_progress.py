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


@pytest.mark.browser
def test_the_progress_changes_in_place_in_the_browser(new_page, login_as, partner_a, line):
    for _ in range(3):
        MilestoneFactory(action_line=line)
    page = login_as(new_page(), partner_a)
    page.goto(line.get_absolute_url())
    page.evaluate("window.notReloaded = true")
    progress = page.locator("#action-line-progress")
    assert "0 van 3" in progress.inner_text()
    page.get_by_role("button", name="Afronden").first.click()
    page.locator("#action-line-progress", has_text="1 van 3").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.errors == []
