"""One permission matrix over the whole URL space.

Every URL pattern of the project is covered by exactly one of:

- the portal access table (``corridor/portal/tests/test_access.py``: ``PAGES``),
- the API permission matrix (``corridor/api/tests/matrix.py``), through the
  operations the schema publishes for that pattern's view,
- the admin, whose every page is for Board staff only (checked here for each
  registered model),
- the few infrastructure routes below, each with what every visitor gets.

A new URL that none of them covers fails ``test_every_url_is_covered``. Hidden
objects answering 404 exactly like missing ones is checked next to each table
(``test_a_hidden_*`` in both).
"""

import pytest
from django.contrib import admin
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from corridor.accounts.tests.factories import UserFactory
from corridor.accounts.tests.factories import partner_user
from corridor.api.tests.test_matrix import api_operations
from corridor.api.tests.test_matrix import matrix_operations
from corridor.portal.tests.test_access import PAGES
from corridor.portal.tests.test_access import ROLES

# Infrastructure: not a portal page, not an API resource. Each row says what
# every visitor gets (the same for all five roles).
INFRASTRUCTURE = {
    "healthz": ("get", "/healthz", 200),
    "set_language": ("post", "/i18n/setlang/", 302),
    # Public open data, built nightly (or on first request).
    "insight_files:open-data": ("get", "/open-data/corridor.zip", 200),
    "api:schema": ("get", "/api/v1/schema/", 200),
    "api:docs": ("get", "/api/v1/docs/", 200),
    "api:redoc": ("get", "/api/v1/redoc/", 200),
    "api:api-root": ("get", "/api/v1/", 200),
    # Any other path under /api/v1/ answers a JSON 404.
    "api:not-found": ("get", "/api/v1/no-such-resource/", 404),
}


def url_patterns(patterns=None, prefix="", namespace=""):
    """``(route, name, callback)`` for every URL pattern, named or not."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield route.removeprefix("en/"), name, pattern.callback


def _view(callback):
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None) or callback


def schema_operations_by_view() -> dict:
    """``{view: {operation, ...}}`` as the API matrix names operations."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    by_view: dict = {}
    for path, _regex, method, callback in generator.endpoints:
        actions = getattr(callback, "actions", None)
        if actions:
            operation = (callback.initkwargs["basename"], actions[method.lower()])
        else:
            operation = (path, method.lower())
        by_view.setdefault(_view(callback), set()).add(operation)
    return by_view


def coverage(route, name, callback, *, pages, matrix, schema) -> str | None:
    """Which table covers this URL pattern, or ``None``."""
    if name.startswith("admin:") or route.startswith("admin/"):
        return "admin"
    if name in INFRASTRUCTURE:
        return "infrastructure"
    if name in pages:
        return "portal"
    if route.startswith("api/"):
        actions = getattr(callback, "actions", None)
        if actions:
            basename = callback.initkwargs["basename"]
            allowed = callback.cls.http_method_names
            operations = {(basename, a) for m, a in actions.items() if m in allowed}
        else:
            operations = schema.get(_view(callback), set())
        if operations and operations <= matrix:
            return "api"
    return None


def test_every_url_is_covered():
    pages = {page.name for page in PAGES}
    matrix = matrix_operations()
    schema = schema_operations_by_view()
    uncovered = [
        f"{route} ({name or 'unnamed'})"
        for route, name, callback in url_patterns()
        if coverage(route, name, callback, pages=pages, matrix=matrix, schema=schema) is None
    ]
    assert not uncovered, f"URLs in no permission table: {uncovered}"


def test_every_api_operation_of_the_schema_is_in_the_matrix():
    missing = api_operations() - matrix_operations()
    assert not missing, sorted(missing)


def test_the_tables_name_only_urls_that_exist():
    names = {name for _route, name, _callback in url_patterns()}
    assert set(INFRASTRUCTURE) <= names
    assert {page.name for page in PAGES} <= names


@pytest.fixture
def users(board, reviewer, partner_a, partner_b):
    return {
        "anonymous": None,
        "partner_a": partner_a,
        "partner_b": partner_b,
        "reviewer": reviewer,
        "board": board,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(INFRASTRUCTURE))
def test_infrastructure_answers_every_visitor_the_same(client, users, name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    method, url, expected = INFRASTRUCTURE[name]
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = getattr(client, method)(url)
        assert response.status_code == expected, f"{name} as {role}: {response.status_code}"


def admin_changelists():
    return [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    ]


@pytest.mark.django_db
def test_every_admin_page_is_for_board_staff_only(client, org_a):
    """Each registered model's list: staff without the board role are sent to the
    admin login, as are partners and anonymous visitors; Board staff get in."""
    outsiders = [None, partner_user(org_a, is_staff=True), UserFactory(roles=["reviewer"])]
    board_staff = UserFactory(roles=["board"], is_staff=True, is_superuser=True)
    problems = []
    for url_name in admin_changelists():
        url = reverse(url_name)
        for outsider in outsiders:
            client.logout()
            if outsider is not None:
                client.force_login(outsider)
            response = client.get(url)
            if response.status_code != 302 or "/admin/login/" not in response["Location"]:
                problems.append(f"{url_name} as {outsider}: {response.status_code}")
        client.force_login(board_staff)
        if (status := client.get(url).status_code) != 200:
            problems.append(f"{url_name} as board staff: {status}")
    assert not problems, problems
