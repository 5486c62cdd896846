"""Hostile query parameters on every portal route, as every visitor.

Routes: every named pattern of the URLconf outside the admin, the API and
infrastructure (``portal_routes``, walked from ``get_resolver()``), each at
the URL the portal access table (``PAGES``) builds for it from a small world
(an intervention, action line, milestone, coalitions, organisations, use
cases, an attachment, a digest). Parameters: the names the portal reads
(``KNOWN``) plus every one found in the code (``request.GET`` reads and the
fields of the filter forms; ``read_parameters``). Values: ``VALUES``, and
each parameter given twice (``REPEATED``).

Two passes, so it runs in a minute or two rather than for every product of
routes, parameters, values and roles:

- every route × every visitor × every value, with all parameters at once;
- every route × every parameter alone, with ``VALUES_ALONE`` of the values
  (every value for those the code reads by hand, ``DIRECT``)
  and a visitor taken in turn (so every parameter meets every value and
  visitor across the routes), and given twice on every fifth.

No request answers 5xx, and none costs more than ``MAX_QUERIES`` queries.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coalitions.forms import OrganisationFilterForm
from corridor.insight.network.views import MapFilterForm
from corridor.portal.tests.test_access import PAGES
from corridor.portal.tests.test_access import ROLES
from corridor.portal.tests.test_access import portal_routes
from corridor.portal.tests.test_access import world as world  # noqa: F401 - the fixture
from interventions.forms import DiffForm
from usecases.filters import UseCaseFilterSet

pytestmark = pytest.mark.django_db

MAX_QUERIES = 40

KNOWN = {
    "page", "q", "status", "intervention", "organisation", "coalition", "action_line",
    "sector", "capability", "sort", "from", "to", "region", "kind", "format", "lang", "next",
}  # fmt: skip

# Already percent-encoded: NUL and bytes that are not UTF-8 reach the view as
# a browser would send them.
VALUES = {
    "superscript-two": quote("²"),
    "arabic-three": quote("٣"),
    "400-digits": "9" * 400,
    "minus-one": "-1",
    "exponent": "1e3",
    "nul": "%00",
    "not-utf-8": "%ff%fe",
    "10-kB": "x" * 10_000,
}
# How many of the values each parameter alone gets on each route.
VALUES_ALONE = 3
REPEATED = f"1&{{name}}={quote('²')}&{{name}}="

ROOT = Path(settings.BASE_DIR)
READS = re.compile(r"""request\.GET(?:\.get|\.getlist)?[\[(]\s*["'](\w+)["']""")


def read_directly() -> set[str]:
    """The parameters the code reads from ``request.GET`` by hand."""
    names = set()
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        names.update(READS.findall(path.read_text(encoding="utf-8")))
    return names


def read_parameters() -> set[str]:
    """``KNOWN``, those read by hand and the fields of the portal's filter forms."""
    names = KNOWN | read_directly()
    names.update(UseCaseFilterSet.base_filters)
    for form in (OrganisationFilterForm, MapFilterForm, DiffForm):
        names.update(form.base_fields)
    return names


PARAMETERS = sorted(read_parameters())
# Read by hand, not through a form: each gets every value on every route.
DIRECT = sorted(read_directly())
ROUTES = sorted(portal_routes())


def _url_of(name, corridor):
    page = next(page for page in PAGES if page.name == name)
    return page.url(corridor)


def _clients(corridor) -> dict:
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if corridor.users[role] is not None:
            client.force_login(corridor.users[role])
        clients[role] = client
    return clients


def _join(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _check(client, url, problems):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code >= 500:
        problems.append(f"{url[:160]}: {response.status_code}")
    if len(captured) > MAX_QUERIES:
        problems.append(f"{url[:160]}: {len(captured)} queries")


def test_the_fuzz_covers_the_parameters_the_code_reads():
    assert {"page", "search", "ordering", "old", "new", "frequency"} <= set(PARAMETERS)
    assert len(ROUTES) >= 40


@pytest.mark.parametrize("route", ROUTES)
def test_no_portal_route_fails_on_hostile_parameters(route, world):
    url = _url_of(route, world)
    clients = _clients(world)
    problems = []
    values = list(VALUES.values())
    for role in ROLES:
        # Every value at once in all parameters, as each visitor.
        for value in values:
            query = "&".join(f"{name}={value}" for name in PARAMETERS)
            _check(clients[role], _join(url, query), problems)
    turn = len(route)
    for name in PARAMETERS:
        # Each parameter alone: values and a visitor in turn, and repeated.
        turn += 1
        client = clients[ROLES[turn % len(ROLES)]]
        steps = len(values) if name in DIRECT else VALUES_ALONE
        for step in range(steps):
            _check(client, _join(url, f"{name}={values[(turn + step) % len(values)]}"), problems)
        if turn % len(ROLES) == 0:
            _check(client, _join(url, f"{name}={REPEATED.format(name=name)}"), problems)
    assert not problems, "\n".join(problems)
