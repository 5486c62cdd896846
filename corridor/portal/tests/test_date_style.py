"""One date style per language on every portal page: Dutch writes its months in
lower case ("5 mrt 2026", "mrt 2026"), never Django's capitalised "M"
("Mrt 2026"); no page shows a bare ISO date to a reader."""

import datetime
import re

import pytest
from django.template import Context
from django.template import Template
from django.test import Client
from django.utils import translation

from corridor.portal.tests.pages import ROLES
from corridor.portal.tests.pages import enrich
from corridor.portal.tests.pages import is_html
from corridor.portal.tests.pages import portal_pages
from corridor.portal.tests.test_access import world  # noqa: F401 (the access table's fixture)

CAPITALISED_DUTCH_MONTH = re.compile(
    r"\b(Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\.? \d{4}\b"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible_text(html: str) -> str:
    """The page's text without its tags, attributes, scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "5 mrt 2026 · mrt 2026"), ("en", "5 Mar 2026 · Mar 2026")],
)
def test_short_dates_write_months_as_the_language_does(language, expected):
    template = Template("{% load corridor %}{{ day|short_date }} · {{ day|month_year }}")
    with translation.override(language):
        assert template.render(Context({"day": datetime.date(2026, 3, 5)})) == expected


@pytest.mark.django_db
def test_no_dutch_page_writes_a_capitalised_month_or_an_iso_date(world):  # noqa: F811
    from corridor.digests import services
    from corridor.digests.periods import period_starting

    enrich(world)
    services.build_digest(period=period_starting("weekly", datetime.date(2026, 3, 2)))
    found = []
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for page in portal_pages(world, role, "nl"):
            response = client.get(page.url)
            if response.status_code != 200 or not is_html(response["Content-Type"]):
                continue
            text = visible_text(response.content.decode())
            found += [
                f"{page.url} as {role}: {match.group(0)!r}"
                for pattern in (CAPITALISED_DUTCH_MONTH, ISO_DATE)
                for match in pattern.finditer(text)
            ]
    assert not found, "\n".join(sorted(set(found)))
