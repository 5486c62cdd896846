"""Base serializer pieces shared by every resource.

DRF's ``CharField`` already refuses NUL bytes and lone surrogates (PostgreSQL
cannot store NUL in text); code lists are validated against their choices
here, so an unknown code is a 400 naming the field and the code.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .fields import KeyRelatedField


class GuardedFieldsMixin:
    """A serializer some of whose fields only some readers see: those fields
    (``guarded_fields``) are left out for the others, so the schema does not
    list them as required (``corridor.api.schema.GuardedFieldsExtension``)."""

    guarded_fields: tuple[str, ...] = ()


class CodeListField(serializers.ListField):
    """A list of unique codes, each one of ``choices``."""

    def __init__(self, *, choices, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", len(choices))
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        # The length first: a long list is refused before each item is checked.
        if isinstance(data, list) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        codes = super().to_internal_value(data)
        if len(set(codes)) != len(codes):
            raise serializers.ValidationError(_("Each code may appear only once."))
        return codes


class CorridorModelSerializer(serializers.ModelSerializer):
    """A model serializer whose ``url`` field is always read-only; the relations
    DRF works out take their keys through ``KeyRelatedField``."""

    serializer_related_field = KeyRelatedField

    def get_fields(self):
        fields = super().get_fields()
        if "url" in fields:
            fields["url"].read_only = True
        return fields
