"""Relation fields that refuse what a body should not hold, at the cost of one query.

- ``KeyRelatedField``: a row by its primary key, which is a whole number
  (a JSON integer or a string of digits) in the database's key range. DRF's
  own takes ``true`` for 1, ``1.5`` for 1 and hands ``1e999`` or ``10**400``
  to the database; here each is a 400 naming the field.
- ``RelatedSlugsField``: a list of rows by slug, at most ``max_length`` of
  them, each at most once, all looked up in one ``slug__in`` query. DRF's
  ``ManyRelatedField`` takes an object for a list (its keys) and looks up
  every item on its own: twenty thousand of them took seconds.
"""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# PostgreSQL's bigint: every primary key of the product lies in 1..MAX_KEY.
MAX_KEY = 2**63 - 1
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,255}")


class KeyRelatedField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "out_of_range": _("Invalid pk “{value}”: a key is a whole number from 1 to {max}."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, str):
            if not (data.isascii() and data.isdigit() and len(data) <= len(str(MAX_KEY))):
                self.fail("out_of_range", value=data[:30], max=MAX_KEY)
            data = int(data)
        if not 1 <= data <= MAX_KEY:
            self.fail("out_of_range", value=str(data)[:30], max=MAX_KEY)
        return super().to_internal_value(data)


class RelatedSlugsField(serializers.ManyRelatedField):
    """``child_relation`` is a ``SlugRelatedField`` with a queryset; the rows
    come back in the order their slugs were given."""

    default_error_messages = {
        "not_a_list": _('Expected a list of items but got type "{input_type}".'),
        "max_length": _("Ensure this list has no more than {max_length} items."),
        "unique": _("“{value}” appears more than once; name each only once."),
    }

    def __init__(self, *, max_length: int, **kwargs):
        self.max_length = max_length
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not data and not self.allow_empty:
            self.fail("empty")
        if len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        child = self.child_relation
        name = child.slug_field
        for item in data:
            if not isinstance(item, str):
                child.fail("invalid")
        seen = set()
        for item in data:
            if item in seen:
                self.fail("unique", value=item[:100])
            seen.add(item)
        slugs = [item for item in data if SLUG.fullmatch(item)]
        found = {
            getattr(row, name): row for row in child.get_queryset().filter(**{f"{name}__in": slugs})
        }
        for item in data:
            if item not in found:
                child.fail("does_not_exist", slug_name=name, value=item[:100])
        return [found[item] for item in data]
