"""The served OpenAPI schema keeps its contract with generated clients."""

import datetime
import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from .matrix import MATRIX

pytestmark = pytest.mark.django_db

SAFE = ("get", "head", "options")
DUTCH_WORDS = ("benodigde", "sectoren", "soort", "advies", "frequentie", "rol", "expertises")


def served_schema(**headers) -> dict:
    response = APIClient().get("/api/v1/schema/?format=json", **headers)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return served_schema()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def anonymous_may_read() -> dict[tuple[str, str], bool]:
    """``{(path, method): whether an anonymous caller is ever answered 200}``,
    from the permission matrix (what anonymous callers really get)."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    answers = {}
    for path, _regex, method, callback in generator.endpoints:
        actions = getattr(callback, "actions", None)
        if actions:
            resource, action = MATRIX[callback.initkwargs["basename"]], actions[method.lower()]
        else:
            resource = next(r for r in MATRIX.values() if r.path == path)
            action = method.lower()
        cases = [case for case in resource.cases if case.action == action]
        # The schema names a primary key after the model field.
        anonymous_ok = any(case.expect.get("anonymous") == 200 for case in cases)
        answers[path.replace("{pk}", "{id}"), method.lower()] = anonymous_ok
    return answers


def test_operations_anonymous_callers_may_perform_declare_no_authentication(schema):
    answers = anonymous_may_read()
    wrong = []
    for path, method, operation in operations(schema):
        declares_anonymous = {} in operation.get("security", [])
        if declares_anonymous != answers[path, method]:
            wrong.append((method, path, declares_anonymous))
    assert not wrong


def test_login_only_reads_refuse_anonymous_callers_with_401():
    client = APIClient()
    for path in ("/api/v1/assessments/", "/api/v1/digests/"):
        assert client.get(path).status_code == 401, path


def test_component_descriptions_speak_to_api_consumers(schema):
    leaks = {
        name: component["description"]
        for name, component in schema["components"]["schemas"].items()
        if re.search(r"serializer|DRF|``|mixin|queryset", component.get("description", ""), re.I)
    }
    assert not leaks


def _parameter_schemas(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            yield path, method, parameter


def test_names_are_english_and_query_enums_are_named_after_their_parameter(schema):
    names = list(schema["components"]["schemas"])
    titled = []
    for path, method, parameter in _parameter_schemas(schema):
        for part in (parameter["schema"], parameter["schema"].get("items", {})):
            if "title" in part:
                titled.append((method, path, parameter["name"], part["title"]))
                names.append(part["title"])
    assert not titled
    for name in names:
        assert name.isascii(), name
        words = re.findall(r"[A-Z]?[a-z]+", name)
        assert not {word.lower() for word in words} & set(DUTCH_WORDS), name


def test_every_array_parameter_says_the_type_of_its_items(schema):
    untyped = [
        (method, path, parameter["name"])
        for path, method, parameter in _parameter_schemas(schema)
        if parameter["schema"].get("type") == "array"
        and "type" not in parameter["schema"]["items"]
        and "$ref" not in parameter["schema"]["items"]
    ]
    assert not untyped


def test_the_schema_is_english_by_default_and_dutch_when_asked(schema):
    text = json.dumps(schema, ensure_ascii=False)
    assert "Weekly" in text
    assert "Wekelijks" not in text
    dutch = json.dumps(served_schema(HTTP_ACCEPT_LANGUAGE="nl"), ensure_ascii=False)
    assert "Wekelijks" in dutch
    assert "Per-field errors" not in dutch


def _parameter(schema, path, method, name):
    for parameter in schema["paths"][path][method].get("parameters", []):
        if parameter["name"] == name:
            return parameter
    return None


def test_transition_documents_if_match_and_412(schema):
    operation = schema["paths"]["/api/v1/use-cases/{id}/transition/"]["post"]
    assert _parameter(schema, "/api/v1/use-cases/{id}/transition/", "post", "If-Match")
    assert "412" in operation["responses"]


def test_use_case_filter_is_a_positive_integer_in_the_key_range(schema):
    parameter = _parameter(schema, "/api/v1/assessments/", "get", "use_case")
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}


def test_csv_format_says_pages_do_not_apply(schema):
    parameter = _parameter(schema, "/api/v1/use-cases/", "get", "format")
    assert "page_size" in parameter["description"]


def test_csv_file_is_named_after_the_resource_and_the_day():
    response = APIClient().get("/api/v1/regions/?format=csv")
    assert response.status_code == 200
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="regions-{today}.csv"'


def test_the_served_schema_is_valid_openapi(schema):
    validate(schema)


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_nullable_is_said_of_a_type(schema):
    # OpenAPI 3.0: ``nullable`` only adds null to the ``type`` beside it.
    untyped = [node for node in _nodes(schema) if node.get("nullable") and "type" not in node]
    assert not untyped
    scope = schema["components"]["schemas"]["Coalition"]["properties"]["scope"]
    assert scope["type"] == "string"


def _label(path, method, operation) -> str:
    return f"{method.upper()} {path} (operationId {operation.get('operationId')})"


def test_every_operation_has_a_summary_a_description_and_defined_tags(schema):
    """Operations the defaults do not cover (custom actions, plain views) say
    their own with ``extend_schema(summary=..., description=...)``; a new
    resource's viewset needs a docstring (its tag's description)."""
    defined = {tag["name"]: tag.get("description") for tag in schema.get("tags", [])}
    undescribed_tags = sorted(name for name, text in defined.items() if not text)
    problems = []
    for path, method, operation in operations(schema):
        label = _label(path, method, operation)
        if not operation.get("summary", "").strip():
            problems.append(f"{label}: no summary")
        if not operation.get("description", "").strip():
            problems.append(f"{label}: no description")
        if not operation.get("tags"):
            problems.append(f"{label}: no tag")
        for tag in operation.get("tags", []):
            if tag not in defined:
                problems.append(f"{label}: tag {tag!r} not among the schema's tags")
    assert not problems, "\n".join(problems)
    assert not undescribed_tags, (
        f"tags without a description (viewset docstring): {undescribed_tags}"
    )


def test_every_operation_documents_json_error_bodies_with_examples(schema):
    problems = []
    for path, method, operation in operations(schema):
        label = _label(path, method, operation)
        for code in ("400", "401", "404"):
            media = operation["responses"].get(code, {}).get("content", {})
            body = media.get("application/json")
            if body is None or "schema" not in body:
                problems.append(f"{label}: {code} without a JSON body")
            elif not body.get("examples"):
                problems.append(f"{label}: {code} without an example")
    assert not problems, "\n".join(problems)


def test_servers_and_license_are_named(schema):
    assert schema["servers"][0]["url"] == "http://testserver"
    assert schema["info"]["license"]["name"]
    assert schema["info"]["license"]["url"].startswith("https://")


def test_corridor_index_limits_and_missing_objects_are_documented(schema):
    index = schema["paths"]["/api/v1/corridor-index/"]["get"]
    assert "120 months" in index["description"]
    assert "`to` must not lie before `from`" in index["description"]
    digests = _parameter(schema, "/api/v1/digests/", "get", "period_to")
    assert "period_from" in digests["description"]
    listing = schema["paths"]["/api/v1/use-cases/"]["get"]["description"]
    assert "does not exist answers 400" in listing
