"""Base serializer pieces shared by every resource.

DRF's ``CharField`` already refuses NUL bytes and lone surrogates (PostgreSQL
cannot store NUL in text); code lists are validated against their choices
here, so an unknown code is a 400 naming the field and the code.
"""

import copy

from django.utils import translation
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


def _new_field(field_class, args, kwargs):
    """A new field from recorded constructor arguments; a field among them (a
    list's child, a relation's) is copied, being bound to its parent."""
    return field_class(
        *args,
        **{
            name: copy.deepcopy(value) if isinstance(value, serializers.Field) else value
            for name, value in kwargs.items()
        },
    )


class CorridorModelSerializer(serializers.ModelSerializer):
    """A model serializer whose ``Meta.read_only_fields`` always include ``url``.

    DRF works out a model serializer's fields from the model and deep-copies
    the declared ones for every serializer it makes; for a use case that was
    a fifth of a detail request. What it works out depends on the class and
    the language only, so it is done once for each: every serializer then
    makes its fields from the recorded constructor arguments, as DRF's own
    copy does, without copying the choices and querysets they share. A
    subclass's ``get_fields`` changes its own serializer's fields after this.

    Relations DRF works out take their keys through ``KeyRelatedField``.
    """

    serializer_related_field = KeyRelatedField

    def get_fields(self):
        # Per language: DRF leaves out a label that would read as the field's
        # name, which it decides in the active language.
        language = translation.get_language()
        recorded = type(self).__dict__.get("_recorded_fields", {}).get(language)
        if recorded is None:
            fields = super().get_fields()
            type(self)._recorded_fields = {
                **type(self).__dict__.get("_recorded_fields", {}),
                language: {
                    name: (type(field), field._args, field._kwargs)
                    for name, field in fields.items()
                },
            }
        else:
            fields = {name: _new_field(*made) for name, made in recorded.items()}
        if "url" in fields:
            fields["url"].read_only = True
        return fields
