"""The use-case filter in the system Chromium: htmx swaps the results in
place (no full reload) and keeps the whole filter state in the URL; with
JavaScript off the same form sends a plain GET."""

import pytest

from coalitions.tests.factories import CoalitionFactory
from usecases.models import UseCaseStatus as S
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.browser


@pytest.fixture
def listed(partner_a, partner_b, board, intervention):
    CoalitionFactory(name="Fotonica Coalitie", slug="fotonica")
    for partner, title, sector in (
        (partner_a, "Slimme dijken", "health"),
        (partner_b, "Chipfabriek", "industry"),
    ):
        use_case_in(
            S.SELECTED,
            partner=partner,
            board=board,
            intervention=intervention,
            title=title,
            sectors=[sector],
        )


def test_filters_update_the_results_in_place_and_the_url(page, listed, screenshot):
    page.goto("/use-cases/")
    page.evaluate("window.notReloaded = true")
    page.check("input[name=sector][value=health]")
    page.wait_for_url("**/use-cases/?sector=health")
    results = page.locator("#use-case-results")
    results.get_by_text("Chipfabriek").wait_for(state="detached")
    assert results.get_by_text("Slimme dijken").is_visible()
    assert page.evaluate("window.notReloaded") is True
    # The organisation by its name, picked from the type-ahead's suggestions.
    page.fill("input[name=organisation]", "Alme")
    options = page.locator("#organisation-options option")
    for _ in range(50):
        if options.evaluate_all("list => list.map(o => o.value)") == ["Gemeente Almere"]:
            break
        page.wait_for_timeout(100)
    assert options.evaluate_all("list => list.map(o => o.value)") == ["Gemeente Almere"]
    page.fill("input[name=organisation]", "Gemeente Almere")
    page.locator("input[name=organisation]").dispatch_event("change")
    page.wait_for_url(lambda url: "organisation=Gemeente" in url)
    chip = page.locator("a.chip", has_text="Gemeente Almere")
    chip.wait_for()
    screenshot(page, "filtered")
    # A chip removes its filter, in place, and the form follows.
    chip.click()
    page.wait_for_url(lambda url: "organisation" not in url)
    page.locator("a.chip", has_text="Gemeente Almere").wait_for(state="detached")
    assert page.locator("input[name=organisation]").input_value() == ""
    assert page.evaluate("window.notReloaded") is True
    assert page.errors == []


def test_without_javascript_the_form_sends_a_plain_get(_browser, live_server, listed):
    context = _browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/use-cases/")
        page.check("input[name=sector][value=industry]")
        page.fill("input[name=organisation]", "brainport development")
        page.locator("#use-case-filter button[type=submit]").click()
        page.wait_for_url("**organisation=brainport+development*")
        results = page.locator("#use-case-results")
        assert results.get_by_text("Chipfabriek").is_visible()
        assert results.get_by_text("Slimme dijken").count() == 0
        page.locator("a.chip", has_text="Brainport Development").click()
        page.wait_for_url(lambda url: "organisation" not in url)
        assert page.locator("#use-case-results").get_by_text("Chipfabriek").is_visible()
    finally:
        context.close()
