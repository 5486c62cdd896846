"""Every portal page, as every role, in both languages, at a phone's and a
laptop's width: zero violations of the WCAG 2.1 A and AA rules of axe-core.

This is the Dutch public sector's bar (EN 301 549 / WCAG 2.1 AA). The pages
come from the access table (``pages.portal_pages``), so a new route is read
here as soon as it declares who may see it. One Chromium, one page per role
and language; each page is loaded once and read at both widths (the layout
follows the viewport without a reload). A full-page screenshot of every page
per role, language and width lands in ``var/screenshots/`` (kept out of git)
for a person to look through after a run.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from corridor.portal.tests.pages import LANGUAGES
from corridor.portal.tests.pages import ROLES
from corridor.portal.tests.pages import WIDTHS
from corridor.portal.tests.pages import enrich
from corridor.portal.tests.pages import is_html
from corridor.portal.tests.pages import portal_pages
from corridor.portal.tests.test_access import world  # noqa: F401 (the access table's fixture)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = (
    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
)

# After a resize, let the page's resize observers run (two animation frames).
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _violations(page) -> list[str]:
    results = page.evaluate(AXE_RUN, WCAG_21_AA)
    found = []
    for rule in results["violations"]:
        for node in rule["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")[:300]
            found.append(f"{rule['id']} ({rule['impact']}): {target} — {summary}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_meets_wcag_21_aa(
    role,
    language,
    world,  # noqa: F811
    browser_context_factory,
    login_as,
):
    enrich(world)
    context = browser_context_factory("nl-NL" if language == "nl" else "en-GB")
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    user = world.users[role]
    if user is not None:
        login_as(page, user, prefix="" if language == "nl" else "/en")

    failures = []
    folder = SCREENSHOTS / role
    folder.mkdir(parents=True, exist_ok=True)
    read = 0
    for portal_page in portal_pages(world, role, language):
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        try:
            response = page.goto(portal_page.url)
        except PlaywrightError:  # a download starts: a file, not a page
            continue
        if response.status != 200 or not is_html(response.headers.get("content-type", "")):
            continue
        read += 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(SETTLED)
            failures += [
                f"{portal_page.url} at {width}px: {violation}" for violation in _violations(page)
            ]
            page.screenshot(
                path=str(folder / f"{language}-{width}-{portal_page.name}.png"), full_page=True
            )
    assert read > 5, "the page list came out (nearly) empty"
    assert not failures, f"{len(failures)} WCAG 2.1 AA violations:\n" + "\n".join(failures)
