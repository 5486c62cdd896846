"""The permission matrix, generated from ``matrix.py`` and checked against the router."""

import json

import pytest
from django.db import transaction
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from corridor.api.urls import router

from .matrix import MATRIX
from .matrix import ROLES

STANDARD_METHODS = {
    "list": "get",
    "create": "post",
    "retrieve": "get",
    "update": "put",
    "partial_update": "patch",
    "destroy": "delete",
}


def routed_actions() -> dict[str, dict[str, str]]:
    """``{basename: {action: http method}}`` for every route the router publishes."""
    published: dict[str, dict[str, str]] = {}
    for _prefix, viewset, basename in router.registry:
        allowed = set(viewset.http_method_names)
        actions = published.setdefault(basename, {})
        for route in router.get_routes(viewset):
            for method, action in route.mapping.items():
                if method in allowed and hasattr(viewset, action):
                    actions[action] = method
    return published


ROUTED = routed_actions()


def api_operations() -> set[tuple[str, str]]:
    """Every operation under /api/v1/ as the schema generator finds it: a viewset's
    as ``(basename, action)``, any other API view's as ``(path, method)``."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    operations = set()
    for path, _regex, method, callback in generator.endpoints:
        if not path.startswith("/api/v1/"):
            continue
        actions = getattr(callback, "actions", None)
        if actions:
            operations.add((callback.initkwargs["basename"], actions[method.lower()]))
        else:
            operations.add((path, method.lower()))
    return operations


def matrix_operations() -> set[tuple[str, str]]:
    return {
        (resource.path or basename, case.action)
        for basename, resource in MATRIX.items()
        for case in resource.cases
    }


def test_every_api_operation_has_a_permission_matrix_entry():
    missing = api_operations() - matrix_operations()
    assert not missing, f"Operations without a permission matrix entry: {sorted(missing)}"


def test_every_matrix_entry_is_a_published_operation():
    unknown = matrix_operations() - api_operations()
    assert not unknown, f"Matrix entries for operations that do not exist: {sorted(unknown)}"


def test_the_router_publishes_what_the_schema_describes():
    routed = {(b, a) for b, actions in ROUTED.items() for a in actions}
    assert routed <= api_operations()


def _url(basename, resource, case, world):
    target = getattr(world, case.target) if case.target else None
    if resource.path is not None:
        if target is None:
            return resource.path
        return resource.path.format(**{resource.lookup: getattr(target, resource.lookup)})
    if case.action in ("list", "create"):
        url_name = "list"
    elif case.action in STANDARD_METHODS:
        url_name = "detail"
    else:
        url_name = case.action.replace("_", "-")
    if target is None:
        return reverse(f"api:{basename}-{url_name}")
    viewset = next(v for _p, v, b in router.registry if b == basename)
    kwarg = viewset.lookup_url_kwarg or viewset.lookup_field
    return reverse(f"api:{basename}-{url_name}", kwargs={kwarg: getattr(target, resource.lookup)})


CASES = [
    pytest.param(basename, index, id=f"{basename}:{case.name}")
    for basename, resource in MATRIX.items()
    for index, case in enumerate(resource.cases)
]


@pytest.mark.parametrize(("basename", "index"), CASES)
def test_permission_matrix(basename, index, world):
    resource = MATRIX[basename]
    case = resource.cases[index]
    if resource.setup is not None:
        resource.setup(world)
    method = case.action if resource.path else ROUTED[basename][case.action]
    url = _url(basename, resource, case, world)
    if case.action == "list":
        url += "?page_size=200"
    problems = []
    for role in ROLES:
        client = APIClient()
        if role != "anonymous":
            client.force_login(getattr(world, role))
        body = json.dumps(case.data(world)) if case.data else None
        with transaction.atomic():
            response = client.generic(
                method.upper(), url, data=body or "", content_type="application/json"
            )
            transaction.set_rollback(True)
        expected = case.expect[role]
        if response.status_code != expected:
            detail = response.content[:300].decode(errors="replace")
            problems.append(f"{role}: expected {expected}, got {response.status_code} {detail}")
            continue
        if case.rows is not None and case.rows[role] is not None:
            got = sorted(row["id"] for row in response.json()["results"])
            want = sorted(getattr(world, key).pk for key in case.rows[role])
            if got != want:
                problems.append(f"{role}: rows {got}, expected {want} ({case.rows[role]})")
    assert not problems, "\n".join(problems)


MISSING = {"pk": "999999999", "slug": "no-such-object"}

HIDDEN = [
    pytest.param(basename, index, role, id=f"{basename}:{case.name}:{role}")
    for basename, resource in MATRIX.items()
    for index, case in enumerate(resource.cases)
    for role in ROLES
    if case.target and case.expect[role] == 404
]


@pytest.mark.parametrize(("basename", "index", "role"), HIDDEN)
def test_a_hidden_object_answers_exactly_like_a_missing_one(basename, index, role, world):
    """The 404 for an object the role may not see says nothing a missing id would not."""
    resource = MATRIX[basename]
    case = resource.cases[index]
    if resource.setup is not None:
        resource.setup(world)
    method = case.action if resource.path else ROUTED[basename][case.action]
    url = _url(basename, resource, case, world)
    value = str(getattr(getattr(world, case.target), resource.lookup))
    missing_url = url.replace(f"/{value}/", f"/{MISSING.get(resource.lookup, 'x')}/", 1)
    assert missing_url != url
    client = APIClient()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    body = json.dumps(case.data(world)) if case.data else ""
    answers = []
    for target in (url, missing_url):
        with transaction.atomic():
            response = client.generic(
                method.upper(), target, data=body, content_type="application/json"
            )
            transaction.set_rollback(True)
        answers.append((response.status_code, response.content))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
