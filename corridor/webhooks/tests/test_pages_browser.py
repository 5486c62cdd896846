"""End to end, in the system Chromium: a partner keeps a webhook endpoint at
phone and desktop widths, in Dutch and in English."""

import pytest

pytestmark = pytest.mark.browser

# The innermost elements that reach past the right edge of the screen.
WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => ![...e.children].some(
    c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
  .map(e => e.tagName + '.' + e.className + ':' + (e.textContent || '').trim().slice(0, 40))
"""


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["dutch", "english"])
@pytest.mark.parametrize("width", [390, 1366])
def test_a_partner_makes_an_endpoint_and_reads_its_log(
    prefix, width, new_page, login_as, screenshot, partner_a, receiver
):
    page = login_as(new_page(), partner_a, prefix=prefix)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{prefix}/webhooks/")
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "nl")
    assert page.locator("main").count() == 1
    page.fill("input[name=url]", receiver.url)
    page.fill("input[name=description]", "Dashboard")
    page.check("input[name=event_types][value='use_case.submitted']")
    page.locator("form[action$='/webhooks/'] button[type=submit]").click()
    page.wait_for_load_state()
    secret = page.locator("#new-secret").inner_text()
    assert secret.startswith("whsec_")
    # Every input has its label; nothing runs wider than the screen.
    for field in page.locator("main input:not([type=hidden]), main select, main textarea").all():
        field_id = field.get_attribute("id")
        assert field_id and page.locator(f"label[for='{field_id}']").count() == 1, field_id
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.locator("form[action$='/test/'] button").click()
    page.wait_for_load_state()
    assert "webhook.test" in page.locator("main").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, page.evaluate(WIDER_THAN_THE_SCREEN)
    screenshot(page, f"{width}")
