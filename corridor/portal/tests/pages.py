"""Every portal page a visitor can open, for the checks that read whole pages.

The list is not written by hand: it is the access table of
``test_access.PAGES`` (which fails when a route in the URLconf has no row),
narrowed to what a visitor of one role opens in a browser — a ``GET`` that
answers 200 with HTML. Detail pages use the table's representative objects
(the ``world``), enriched here so the timeline, the map and a use case show
what they show in real use: a milestone done late, one still open, a second
action line, a selected use case with partners.

Used by the accessibility suite (axe-core in Chromium), the HTML validity
check (the Nu Html Checker) and the screenshots.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import translation

from corridor.portal.tests.test_access import PAGES

# The four kinds of visitor the checks read pages as (a partner of org A:
# the organisation with the draft, the attachment and the action line).
ROLES = ("anonymous", "partner_a", "reviewer", "board")
LANGUAGES = ("nl", "en")
WIDTHS = (1366, 390)


@dataclass(frozen=True)
class PortalPage:
    name: str  # a file-system friendly name, unique per role
    url: str


def enrich(world):
    """More of what real pages show than the access table needs."""
    from interventions.tests.factories import ActionLineFactory
    from interventions.tests.factories import MilestoneFactory

    line = world.action_line
    MilestoneFactory(
        action_line=line,
        title="Ontwerp gereed",
        due_date=datetime.date(2026, 2, 1),
        completed_on=datetime.date(2026, 3, 15),
    )
    MilestoneFactory(action_line=line, title="Eerste pilot", due_date=datetime.date(2026, 9, 1))
    ActionLineFactory(
        intervention=world.intervention,
        lead_organisation=world.org_b,
        title="Talent voor de chipsector",
        kind="talent",
    )
    return world


def portal_pages(world, role: str, language: str) -> list[PortalPage]:
    """The pages ``role`` may open (a ``GET`` the access table answers with
    200), with their URLs in ``language``. Some of them answer with a file (a
    download, a calendar): each check reads what comes back and sets those aside."""
    pages, seen = [], set()
    with translation.override(language):
        for row in PAGES:
            if row.method != "get" or row.htmx or row.expect[role] != 200:
                continue
            url = row.url(world)
            if url in seen:
                continue
            seen.add(url)
            name = re.sub(r"[^a-z0-9]+", "-", row.name.lower()).strip("-")
            if any(page.name == name for page in pages):
                name = f"{name}-{len(pages)}"
            pages.append(PortalPage(name=name, url=url))
    return pages


def is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip() == "text/html"
