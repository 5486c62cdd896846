"""The results charts in the system Chromium: drawn, named for screen readers,
readable at 390 px and 1366 px, and clean under axe-core."""

import datetime

import pytest

from corridor.results.models import Indicator
from corridor.results.models import Measurement
from interventions.tests.factories import ActionLineFactory

pytestmark = pytest.mark.browser

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")


@pytest.fixture
def measured(intervention, org_a):
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Talent")
    for name, unit, target, values in (
        ("Studenten in het talentprogramma", "people", 500, (90, 210, 340)),
        ("Investeringen gemobiliseerd", "euros", 5_000_000, (250_000, 400_000, 600_000)),
    ):
        indicator = Indicator.objects.create(
            action_line=line,
            name_nl=name,
            unit=unit,
            baseline_value=0,
            baseline_date=datetime.date(2026, 1, 1),
            target_value=target,
            target_date=datetime.date(2026, 12, 31),
        )
        for month, value in zip((3, 6, 9), values, strict=True):
            Measurement.objects.create(
                indicator=indicator,
                date=datetime.date(2026, month, 1),
                value=value,
                source_note="Telling",
            )
    return line


def axe_violations(page, context=None) -> str:
    results = axe_playwright.Axe().run(page, context=context)
    if results.violations_count == 0:
        return ""
    nodes = [
        node["html"][:300] for rule in results.response["violations"] for node in rule["nodes"]
    ]
    return results.generate_report() + "\n".join(nodes)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_charts_are_drawn_named_and_accessible(page, screenshot, measured, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(measured.get_absolute_url())
    charts = page.get_by_role("img", name="Studenten in het talentprogramma in de tijd")
    charts.wait_for()
    box = charts.bounding_box()
    assert box["width"] > 200 and box["x"] + box["width"] <= width
    assert page.locator("svg.result-chart polyline").count() == 4  # two lines per chart
    page.get_by_text("Waarden als tabel").first.click()
    assert page.get_by_role("cell", name="340").is_visible()
    violations = axe_violations(page)
    assert not violations, violations
    screenshot(page, f"action-line-{width}")

    page.goto(measured.intervention.get_absolute_url())
    panel = page.locator("section.results-panel")
    assert "340 van 500" in panel.inner_text()
    # The panel (the timeline's SVG on this page has links inside its image, an
    # axe finding of its own that is not the results').
    violations = axe_violations(page, "section.results-panel")
    assert not violations, violations
    page.goto("/en/")
    assert page.get_by_role("heading", name="Results of the corridor").is_visible()
    violations = axe_violations(page)
    assert not violations, violations
    screenshot(page, f"dashboard-{width}")
