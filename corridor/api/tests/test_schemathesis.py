"""Schemathesis against the live schema, in-process through the WSGI app.

As each of the five visitors — anonymous, a partner of organisation A, a
partner of organisation B, a reviewer and the Board (API tokens) — for every
operation, in every Hypothesis phase: generated valid and invalid requests
(NUL bytes and any Unicode are allowed in generated strings) never answer 5xx,
and every response conforms to the schema (status code, content type, body).
A second pass sends a fixed set of hostile values — NUL bytes, lone
surrogates, huge integers, long and odd Unicode strings — in every query
parameter and every body field of every operation.

Bounded by ``FUZZ_EXAMPLES`` (examples per operation, generation mode and
role): small in ``make test``, large in ``make fuzz``.
"""

import os
import re

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished
from django.core.signals import request_started
from django.db import close_old_connections
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.core.failures import Failure
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as openapi_checks

from corridor.accounts.tokens import create_token
from corridor.wsgi import application

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
ROLES = ["anonymous", "partner_a", "partner_b", "reviewer", "board"]
# Every check Schemathesis has (``--checks all``): no 5xx, status codes,
# content types, headers and bodies as the schema says, invalid data refused
# and valid data accepted, required headers, unsupported methods, and
# authentication that is declared and not ignored.
#
# One check is narrowed: a schema-valid request is refused with 400 only
# where the schema cannot say what the server wants and the operation's
# description says it instead — a filter or field naming an object that does
# not exist (or, by name, nothing at all), a date range reversed or longer than
# allowed, a webhook URL that is not a valid public URL.
DOCUMENTED_REFUSALS = re.compile(
    r"does not exist|not one of the available choices|Unknown intervention|Nothing is called"
    r"|cannot lie before|must not lie after|Ask for at most|Pick a date from"
    # An indicator's rules (its create and update say them).
    r"|belongs to either an action line or a use case|must be after the baseline date"
    r"|no more than 2 decimal places|no more than 16 digits in total"
    # A webhook's URL: what URL validity and the SSRF guard refuse.
    r"|Enter a valid URL|Use an https:// URL|are not allowed|Leave user names"
)


def _messages(body):
    if isinstance(body, dict):
        for value in body.values():
            yield from _messages(value)
    elif isinstance(body, list):
        for value in body:
            yield from _messages(value)
    else:
        yield str(body)


def positive_data_acceptance_but_for_missing_objects(ctx, response, case):
    try:
        return openapi_checks.positive_data_acceptance(ctx, response, case)
    except Failure:
        if response.status_code == 400:
            messages = list(_messages(response.json()))
            if messages and all(DOCUMENTED_REFUSALS.search(m) for m in messages):
                return None
        raise


CHECKS = [
    check
    for check in REGISTERED_CHECKS.get_all()
    if check is not openapi_checks.positive_data_acceptance
] + [positive_data_acceptance_but_for_missing_objects]

HOSTILE = {
    "nul": "a\x00b",
    "only-nul": "\x00",
    "lone-surrogate": "x\ud800y",
    "huge-int": 10**40,
    "huge-negative": -(10**40),
    "huge-numeric-string": "9" * 400,
    "float-exponent": 1e308,
    "long-unicode": "Zeeuws-Vlaanderen ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮override‬ \ufeff" * 300,
    "odd-unicode": "\u200b\u2028\u2029\ufffe\U0010ffff e\u0301 ﷽",
    "sql-like": "' OR 1=1 --",
    "path-like": "../../etc/passwd",
}

TRIED = {"generated": 0, "hostile": 0}


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes old connections around each request; inside a test
    that would close the test's transaction (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def unthrottled(settings):
    """The fuzzer is one client sending thousands of requests: rate limits off."""
    settings.REST_FRAMEWORK = {
        **django_settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(django_settings.THROTTLE_RATES, "1000000/hour"),
    }


def headers_for(role, world) -> dict:
    # English messages, which DOCUMENTED_REFUSALS reads.
    if role == "anonymous":
        return {"Accept-Language": "en"}
    _token, plaintext = create_token(getattr(world, role))
    return {"Authorization": f"Bearer {plaintext}", "Accept-Language": "en"}


def load_operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    return schema, operations


def call(case, headers):
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS, headers=headers)


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_survives_generated_requests(
    role, world, wsgi_in_test_transaction, unthrottled
):
    headers = headers_for(role, world)
    _schema, operations = load_operations(wsgi_in_test_transaction)
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=list(Phase),
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                TRIED["generated"] += 1
                call(case, headers)

            try:
                run()
            except Unsatisfiable as exc:
                # A read anyone may make whose only inputs are its path and
                # headers (a detail as anonymous callers see it) has nothing
                # that can be sent invalid: no negative case exists.
                if mode is not GenerationMode.NEGATIVE:
                    failures.append(f"{operation.label} [{mode.value}]: {exc}"[:2000])
            except (Exception, BaseExceptionGroup) as exc:  # report all operations at once
                failures.append(f"{operation.label} [{mode.value}]: {exc}"[:2000])
    print(f"\nSchemathesis as {role}: {TRIED['generated']} generated requests so far")
    assert not failures, "\n\n".join(failures)


def body_fields(schema, operation) -> list[str]:
    content = operation.definition.raw.get("requestBody", {}).get("content", {})
    reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    if not reference:
        return []
    component = schema.raw_schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    return list(component.get("properties", {}))


def path_values(operation, world) -> dict:
    """Real ids and slugs, so hostile bodies reach the serializer of a visible row."""
    values = {}
    for parameter in operation.path_parameters:
        name = parameter.name
        if "slug" in name:
            values[name] = world.i1.slug if "intervention" in operation.path else "mra"
        else:
            values[name] = 1
    return values


@pytest.mark.parametrize("role", ["anonymous", "partner_a", "board"])
def test_hostile_values_in_every_parameter_and_field(
    role, world, wsgi_in_test_transaction, unthrottled
):
    headers = headers_for(role, world)
    schema, operations = load_operations(wsgi_in_test_transaction)
    failures = []
    for operation in operations:
        query_names = [parameter.name for parameter in operation.query]
        fields = body_fields(schema, operation)
        for label, value in HOSTILE.items():
            kwargs = {"path_parameters": path_values(operation, world)}
            # A lone surrogate cannot be put in a URL; it travels in JSON bodies
            # (and as invalid UTF-8 bytes in test_invalid_utf8_in_query_strings).
            if query_names and label != "lone-surrogate":
                kwargs["query"] = dict.fromkeys(query_names, value)
            if fields:
                kwargs["body"] = dict.fromkeys(fields, value)
                kwargs["media_type"] = "application/json"
            if "query" not in kwargs and "body" not in kwargs:
                continue
            case = operation.Case(**kwargs)
            TRIED["hostile"] += 1
            try:
                call(case, headers)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} [{label}]: {exc}"[:1500])
    print(f"\nHostile values as {role}: {TRIED['hostile']} requests so far")
    assert not failures, "\n\n".join(failures)


def test_invalid_utf8_in_query_strings(world, client_for, unthrottled):
    """Bytes that are not UTF-8 (a lone surrogate, as a URL can carry it) in every
    list's query string: a 400 or an ignored parameter, never a 5xx."""
    client = client_for(world.board)
    paths = [
        "/api/v1/use-cases/",
        "/api/v1/action-lines/",
        "/api/v1/milestones/",
        "/api/v1/organisations/",
        "/api/v1/coalitions/",
        "/api/v1/memberships/",
        "/api/v1/assessments/",
        "/api/v1/digests/",
        "/api/v1/interventions/",
        "/api/v1/regions/",
        "/api/v1/corridor-index/",
    ]
    for path in paths:
        for query in ("search=%ED%A0%80", "page=%FF%FE", "ordering=%C0%AF&status=%00"):
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, (path, query, response.status_code)
