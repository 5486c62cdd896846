"""The portal at a phone's width, in the system Chromium: nothing scrolls
sideways (not even with a 200-letter title without a space), and the header
takes little room, its menu folded behind a button."""

import pytest
from django.urls import reverse

from coalitions.tests.factories import CoalitionFactory
from interventions.tests.factories import ActionLineFactory
from usecases.models import UseCaseStatus as S
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG = "Onafgebroken" * 17  # 204 letters, no space


@pytest.fixture
def long_world(partner_a, board, intervention, org_a):
    line = ActionLineFactory(intervention=intervention, title=LONG[:200])
    coalition = CoalitionFactory(name=LONG[:200], slug="lang")
    use_case = use_case_in(
        S.SELECTED,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title=LONG[:200],
        summary=LONG,
        action_line=line,
    )
    return {"line": line, "coalition": coalition, "use_case": use_case}


def main_pages(world, intervention, org_a):
    return [
        reverse("portal:dashboard"),
        reverse("interventions:intervention-list"),
        intervention.get_absolute_url(),
        reverse("interventions:action-line-detail", args=[world["line"].pk]),
        reverse("usecases:use-case-list"),
        world["use_case"].get_absolute_url(),
        reverse("coalitions:organisation-list"),
        org_a.get_absolute_url(),
        reverse("coalitions:coalition-list"),
        world["coalition"].get_absolute_url(),
        reverse("insight:map"),
    ]


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_nothing_scrolls_sideways_at_390_px(
    new_page, login_as, long_world, intervention, org_a, board, screenshot
):
    page = new_page()
    page.set_viewport_size(PHONE)
    wide = {}
    for url in main_pages(long_world, intervention, org_a):
        page.goto(url)
        if scroll_width(page) > PHONE["width"]:
            wide[url] = scroll_width(page)
            screenshot(page, f"wide-{url.strip('/').replace('/', '-') or 'home'}")
    board_page = login_as(new_page(), board)
    board_page.set_viewport_size(PHONE)
    for url in (reverse("usecases:use-case-create"), reverse("usecases:use-case-list")):
        board_page.goto(url)
        if scroll_width(board_page) > PHONE["width"]:
            wide[f"board {url}"] = scroll_width(board_page)
    assert wide == {}


def test_a_long_title_does_not_widen_the_page_at_1366_px(new_page, long_world):
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(long_world["use_case"].get_absolute_url())
    assert scroll_width(page) <= 1366


def test_the_phone_header_is_short_and_its_menu_opens(new_page, long_world, screenshot):
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(reverse("usecases:use-case-list"))
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 120
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert not nav.is_visible()
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    assert nav.get_by_role("link", name="Organisaties").is_visible()
    screenshot(page, "menu-open")
    # At a desktop's width there is no button and the menu is in view.
    page.set_viewport_size({"width": 1366, "height": 900})
    assert not toggle.is_visible() and nav.is_visible()
