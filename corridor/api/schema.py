"""The OpenAPI schema tells the truth about errors, ETags and CSV.

Every operation documents the error bodies it can answer (see
``corridor.api.exceptions``); details carry an ``ETag`` and writes accept
``If-Match``; lists also answer ``text/csv``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_doc
from drf_spectacular.plumbing import get_lib_doc_excludes
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from . import contract
from .permissions import CorridorPermission


class GuardedFieldsExtension(OpenApiSerializerExtension):
    """A guarded field (``GuardedFieldsMixin``) is absent for readers who may not
    see it: optional in the schema, and its description says so."""

    target_class = "corridor.api.serializers.GuardedFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        guarded = set(self.target.guarded_fields)
        if "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in guarded]
        note = str(_("Present only for readers who may see it."))
        for name in guarded & set(schema.get("properties", {})):
            field = schema["properties"][name]
            field["description"] = f"{field.get('description', '')} {note}".strip()
        return schema


class KeyRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A related row's key is a whole number in the database's key range."""

    target_class = "corridor.api.fields.KeyRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        from .fields import MAX_KEY

        return {"type": "integer", "minimum": 1, "maximum": MAX_KEY}


class CodeListFieldExtension(OpenApiSerializerFieldExtension):
    """A list of codes holds each code at most once."""

    target_class = "corridor.api.serializers.CodeListField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "uniqueItems": True}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class DependentSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("app_label.model of the dependent rows"))
    name = serializers.CharField()
    count = serializers.IntegerField()


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    dependents = DependentSerializer(many=True)


class PreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.CharField(help_text=_("The ETag of the row as it is now."))


# Built per schema, so the descriptions are in the language it is served in.
def validation_error_schema() -> dict:
    return {
        "type": "object",
        "description": str(
            _(
                "Per-field errors: each key is a field or query parameter (or "
                "``non_field_errors``), each value its list of messages."
            )
        ),
        "additionalProperties": {},
    }


def etag_header() -> dict:
    return {
        "ETag": {
            "schema": {"type": "string"},
            "description": str(_("The row's version; send it back as If-Match when writing.")),
        }
    }


def doc_excludes() -> list:
    """The classes whose docstrings never describe a component
    (``GET_LIB_DOC_EXCLUDES``): the shared bases speak to developers, and a
    component without a docstring of its own has no description."""
    from .rows import ValueRowMixin
    from .serializers import CorridorModelSerializer
    from .serializers import GuardedFieldsMixin

    return [
        *get_lib_doc_excludes(),
        CorridorModelSerializer,
        GuardedFieldsMixin,
        ValueRowMixin,
    ]


def describe_parameters(result, generator, request, public):
    """A postprocessing hook: a query parameter's enum is named after the
    parameter (no title from a model field's label, which is human text), and
    the items of an array parameter say their type."""
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                for part in (schema, schema.get("items")):
                    if not isinstance(part, dict):
                        continue
                    part.pop("title", None)
                    values = part.get("enum")
                    if "type" not in part and values and all(isinstance(v, str) for v in values):
                        part["type"] = "string"
    return result


def type_nullable_choices(result, generator, request, public):
    """A postprocessing hook: a nullable choice (``oneOf`` its enum and
    ``NullEnum``) says its enum's type, as ``nullable`` needs one beside it."""
    components = result.get("components", {}).get("schemas", {})

    def type_of(alternative):
        name = alternative.get("$ref", "").rsplit("/", 1)[-1]
        return components.get(name, {}).get("type")

    for component in components.values():
        for prop in component.get("properties", {}).values():
            if not prop.get("nullable") or "type" in prop or "oneOf" not in prop:
                continue
            types = {type_of(alternative) for alternative in prop["oneOf"]} - {None}
            if len(types) == 1:
                prop["type"] = types.pop()
    return result


# One character Python's ``str.strip`` keeps: DRF trims text fields, so a value
# of whitespace alone is blank (400 "may not be blank").
VISIBLE_CHARACTER = (
    "[^\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000]"
)


def require_visible_text(result, generator, request, public):
    """A postprocessing hook: a text field a request must not leave blank says
    it needs a character other than whitespace (DRF trims it)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for prop in component.get("properties", {}).values():
            plain = not ({"format", "enum", "pattern", "$ref"} & set(prop))
            if prop.get("type") == "string" and prop.get("minLength", 0) >= 1 and plain:
                prop["pattern"] = VISIBLE_CHARACTER
    return result


UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class CorridorAutoSchema(AutoSchema):
    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def _is_detail(self) -> bool:
        return "{" in self.path

    def get_summary(self):
        return super().get_summary() or contract.default_summary(self.view, self._action())

    def get_description(self):
        """The usual actions' from ``contract``; any other operation's its own
        (``extend_schema(description=...)`` or the method's docstring), never
        the view's docstring, which describes the resource (its tag)."""
        default = contract.default_description(self.view, self._action())
        if default:
            return default
        method = getattr(self.view, self._action() or self.method.lower(), None)
        return get_doc(method)

    def get_auth(self):
        auths = super().get_auth()
        permissions = self.view.get_permissions()
        corridor = any(isinstance(p, CorridorPermission) for p in permissions)
        if corridor and CorridorPermission.allows_anonymous(self.view, self.method):
            auths = [*[a for a in auths if a], {}]
        return auths

    def _honours_if_match(self) -> bool:
        # Every write to one row (``CorridorViewSet.check_if_match``).
        return self.method in UNSAFE and self._is_detail()

    def map_renderers(self, attribute):
        return [r for r in super().map_renderers(attribute) if r not in ("text/csv", "csv")]

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = self._action()
        if action == "list":
            parameters.append(
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    enum=["json", "csv"],
                    description=str(
                        _(
                            "csv: every row the filters select, streamed as one CSV "
                            "file; page and page_size do not apply."
                        )
                    ),
                )
            )
        if action == "retrieve":
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    location=OpenApiParameter.HEADER,
                    description=str(_("An ETag; answers 304 when the row is unchanged.")),
                )
            )
        if self._honours_if_match():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    location=OpenApiParameter.HEADER,
                    description=str(
                        _("The ETag you read; answers 412 and changes nothing when it is stale.")
                    ),
                )
            )
        return parameters

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        action = self._action()
        if status_code in ("200", "201", "304") and (
            action in ("retrieve", "create", "update", "partial_update")
        ):
            headers = {**(headers or {}), **etag_header()}
        return headers

    def _error(self, serializer, code):
        return self._get_response_for_code(serializer, code, ["application/json"])

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        action = self._action()
        if action == "list" and "200" in responses:
            responses["200"].setdefault("content", {})["text/csv"] = {"schema": {"type": "string"}}
        if action == "retrieve":
            responses.setdefault("304", {"description": str(_("Not modified"))})
        errors = {
            "400": validation_error_schema(),
            "401": ErrorSerializer,
            "404": ErrorSerializer,
            "406": ErrorSerializer,
            # Rate limits (corridor.security.throttling), with Retry-After.
            "429": ErrorSerializer,
        }
        if self.method in UNSAFE:
            errors["403"] = ErrorSerializer
            errors["409"] = ConflictSerializer
        if self.method in ("POST", "PUT", "PATCH"):
            errors["415"] = ErrorSerializer
        if self._honours_if_match():
            errors["412"] = PreconditionFailedSerializer
        for code, serializer in errors.items():
            if code not in responses:
                responses[code] = self._error(serializer, code)
        return responses
