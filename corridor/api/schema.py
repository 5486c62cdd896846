"""The OpenAPI schema tells the truth about errors, ETags and CSV.

Every operation documents the error bodies it can answer (see
``corridor.api.exceptions``); details carry an ``ETag`` and writes accept
``If-Match``; lists also answer ``text/csv``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


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


VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": str(
        _(
            "Per-field errors: each key is a field or query parameter (or "
            "``non_field_errors``), each value its list of messages."
        )
    ),
    "additionalProperties": {},
}

ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "description": str(_("The row's version; send it back as If-Match when writing.")),
    }
}

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class CorridorAutoSchema(AutoSchema):
    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def _is_detail(self) -> bool:
        return "{" in self.path

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
                    description=str(_("csv: the same rows, all pages, streamed as CSV.")),
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
        if self.method in ("PUT", "PATCH", "DELETE") and self._is_detail():
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
            headers = {**(headers or {}), **ETAG_HEADER}
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
            "400": VALIDATION_ERROR_SCHEMA,
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
        if self.method in ("PUT", "PATCH", "DELETE") and self._is_detail():
            errors["412"] = PreconditionFailedSerializer
        for code, serializer in errors.items():
            if code not in responses:
                responses[code] = self._error(serializer, code)
        return responses
