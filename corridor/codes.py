"""Code lists stored as JSON arrays, portable between PostgreSQL and SQLite.

Capabilities and sectors are short lists of fixed codes. They are stored as a
JSON array (GIN-indexed on PostgreSQL) and validated against their choices so
an unknown code is refused naming the field and the code.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CodeListField(models.JSONField):
    """A JSON list of unique codes, each one of ``choices``."""

    def __init__(self, *args, codes=None, **kwargs):
        self.codes = codes
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["codes"] = self.codes
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(_("Enter a list of codes."), code="invalid")
        allowed = {code for code, _label in self.codes or ()}
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown code(s): %(codes)s. Choose from: %(allowed)s."),
                code="invalid_choice",
                params={"codes": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each code may appear only once."), code="duplicate")

    def formfield(self, **kwargs):
        from django import forms

        return forms.MultipleChoiceField(
            choices=self.codes,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in {"label", "help_text", "required"}},
        )


def contains_code(field: str, codes: str | Iterable[str]) -> Q:
    """Q matching rows whose code list ``field`` contains any of ``codes``."""
    if isinstance(codes, str):
        codes = [codes]
    q = Q()
    for code in codes:
        if connection.vendor == "postgresql":
            q |= Q(**{f"{field}__contains": [code]})
        else:
            q |= Q(**{f"{field}__icontains": f'"{code}"'})
    return q
