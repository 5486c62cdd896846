"""Hostile JSON bodies to every write of the API, as every role.

The writes are the permission matrix's (``matrix.py``): each case with a body.

- Whole bodies (``BODIES``): nesting thousands deep, ``NaN``/``Infinity``,
  ``1e999``, integers of 5,000 digits, a key given twice, bytes that are not
  UTF-8, and an array, string, number, boolean or null where an object
  belongs, sent as each of the five roles. Who may write gets a 400 with a
  ``detail`` or per-field errors; everyone else what they get for any body.
- Each writable field (``VALUES``): the case's own valid body with that field
  replaced by an object, an array, a string, a number, a boolean, null, a
  10**400 integer, 1e308, an array of 10,000 items, a value nested 30 deep,
  100,000 characters and a NUL byte, for each action of each resource, sent
  as a role that may make the write (the first in the matrix). A list field
  given anything but a list is a 400.

Never a 5xx, and every request stays under ``MAX_QUERIES`` queries
(``django_assert_max_num_queries``), however large the body.
"""

import json

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from rest_framework import serializers
from rest_framework.test import APIClient

from corridor.api.urls import router
from usecases.api.review_serializers import AnswerSerializer
from usecases.api.review_serializers import OpenToReviewersSerializer
from usecases.api.serializers import TransitionSerializer

from .matrix import MATRIX
from .matrix import ROLES
from .test_matrix import ROUTED
from .test_matrix import _url

pytestmark = pytest.mark.django_db

# The busiest write is an assessment that completes the required number: it
# checks the reviewer's assignment and conflicts, and tells the Board through
# the outbox (a notice and its notification) in the same transaction.
MAX_QUERIES = 50


def _nested(depth):
    value = "x"
    for _ in range(depth):
        value = [value]
    return value


BODIES = {
    "deep-arrays": "[" * 5000,
    "deep-objects": '{"a":' * 5000,
    "deep-but-closed": "[" * 200 + "]" * 200,
    "nan": '{"title": NaN}',
    "infinity": '{"title": Infinity}',
    "minus-infinity": '{"title": -Infinity}',
    "1e999": '{"title": 1e999, "coalition": 1e999}',
    "5000-digits": '{"title": ' + "9" * 5000 + "}",
    "duplicate-key": '{"title": "een", "title": "twee"}',
    "not-utf-8": b'{"title": "\xff\xfe"}',
    "array": "[]",
    "string": '"tekst"',
    "number": "42",
    "boolean": "true",
    "null": "null",
    "huge-array": json.dumps(list(range(100_000))),
}

VALUES = {
    "object": {"a": 1},
    "array": [1, "x"],
    "string": "x",
    "empty-string": "",
    "number": 7,
    "negative": -1,
    "float": 1.5,
    "boolean": True,
    "null": None,
    "huge-int": 10**400,
    "huge-float": 1e308,
    "huge-array": ["x"] * 10_000,
    "nested": _nested(30),
    "long-string": "x" * 100_000,
    "nul": "a\x00b",
}

# Actions that read their body with a serializer of their own.
ACTION_SERIALIZERS = {
    "transition": TransitionSerializer,
    "open_to_reviewers": OpenToReviewersSerializer,
    "answer": AnswerSerializer,
}


@pytest.fixture(autouse=True)
def _unthrottled(settings):
    """Thousands of writes from one client: rate limits off."""
    settings.REST_FRAMEWORK = {
        **django_settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(django_settings.THROTTLE_RATES, "1000000/hour"),
    }


def _write_cases(basename):
    resource = MATRIX[basename]
    return [case for case in resource.cases if case.data is not None and resource.path is None]


RESOURCES = [basename for basename in MATRIX if _write_cases(basename)]


def _writers(case) -> list[str]:
    return [role for role in ROLES if 200 <= case.expect[role] < 300]


def _serializer_fields(basename, action) -> dict:
    """The writable fields of the operation's serializer."""
    viewset = next(v for _p, v, b in router.registry if b == basename)
    serializer = ACTION_SERIALIZERS.get(action, viewset.serializer_class)()
    return {name: field for name, field in serializer.fields.items() if not field.read_only}


def _send(client, method, url, body, django_assert_max_num_queries):
    data = body if isinstance(body, bytes) else body.encode()
    with transaction.atomic():
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.generic(method, url, data=data, content_type="application/json")
        transaction.set_rollback(True)
    return response


def _client(world, role):
    client = APIClient()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _prepare(basename, world):
    resource = MATRIX[basename]
    if resource.setup is not None:
        resource.setup(world)


def _target(basename, case, world):
    return ROUTED[basename][case.action].upper(), _url(basename, MATRIX[basename], case, world)


@pytest.mark.parametrize("basename", RESOURCES)
def test_hostile_bodies_are_refused_as_every_role(basename, world, django_assert_max_num_queries):
    _prepare(basename, world)
    problems = []
    for case in _write_cases(basename):
        method, url = _target(basename, case, world)
        writers = _writers(case)
        for role in ROLES:
            client = _client(world, role)
            for name, body in BODIES.items():
                response = _send(client, method, url, body, django_assert_max_num_queries)
                status = response.status_code
                where = f"{case.name} {role} {name}"
                if status >= 500:
                    problems.append(f"{where}: {status}")
                elif role in writers and status != 400:
                    problems.append(f"{where}: {status}, expected 400")
                elif role in writers and not response.json():
                    problems.append(f"{where}: a 400 that says nothing")
    assert not problems, "\n".join(problems)


def _is_list_field(field) -> bool:
    return isinstance(field, serializers.ListField | serializers.ManyRelatedField)


def _one_case_per_action(basename):
    """The first case of each action with someone who may make it: the fields
    are the action's, whichever row it writes."""
    chosen = {}
    for case in _write_cases(basename):
        if _writers(case):
            chosen.setdefault(case.action, case)
    return list(chosen.values())


@pytest.mark.parametrize("basename", RESOURCES)
def test_every_field_of_every_write_survives_every_type(
    basename, world, django_assert_max_num_queries
):
    _prepare(basename, world)
    problems = []
    for case in _one_case_per_action(basename):
        method, url = _target(basename, case, world)
        role = _writers(case)[0]
        client = _client(world, role)
        for field_name, field in _serializer_fields(basename, case.action).items():
            for value_name, value in VALUES.items():
                body = json.dumps({**case.data(world), field_name: value})
                response = _send(client, method, url, body, django_assert_max_num_queries)
                status = response.status_code
                where = f"{case.name} {role} {field_name}={value_name}"
                if status >= 500:
                    problems.append(f"{where}: {status}")
                elif status == 400 and not response.json():
                    problems.append(f"{where}: a 400 that says nothing")
                elif _is_list_field(field) and not isinstance(value, list) and status != 400:
                    problems.append(f"{where}: {status}, expected 400 for a list field")
    assert not problems, "\n".join(problems)
