"""In the system Chromium: on a phone the timeline scrolls sideways and the
action lines' names stay in view."""

import datetime

import pytest

from .factories import ActionLineFactory
from .factories import MilestoneFactory

pytestmark = pytest.mark.browser


def test_a_narrow_screen_scrolls_the_timeline_with_the_names_kept_in_view(page, intervention):
    line = ActionLineFactory(
        intervention=intervention,
        title="Gedeelde cleanroom",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 6, 30),
    )
    MilestoneFactory(action_line=line, title="Open", due_date=datetime.date(2027, 5, 1))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(intervention.get_absolute_url())
    scroller = page.locator(".timeline-scroll")
    name = page.locator(".timeline-labels a", has_text="Gedeelde cleanroom")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    # The page itself does not scroll sideways; the chart does.
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    before = name.bounding_box()
    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function("document.querySelector('.timeline-scroll').scrollLeft > 100")
    after = name.bounding_box()
    box = scroller.bounding_box()
    assert after["x"] == pytest.approx(before["x"], abs=1)
    assert box["x"] <= after["x"] < box["x"] + box["width"]
