"""Rows built from a declaration instead of DRF's per-instance field building.

A list serializer that names ``value_columns`` is given dicts read with
``values()`` instead of model instances (``ReadOnlyCorridorViewSet.list_rows``);
a detail serializer may build its one row the same way from the instance the
view loaded. ``ValueRow`` declares, for each field of such a row, the column it
is read from (a ``values()`` key, or an attribute path such as
``intervention__slug`` on an instance) and how it is written, in the formats of
the serializer's declared fields (the API tests compare the two);
``ValueRowMixin`` builds the rows from it. The declared fields still validate
writes and describe the schema.
"""

from functools import partial

from django.utils import timezone
from rest_framework import serializers

from corridor.reversing import url_maker


def iso_datetime(value, zone) -> str:
    """``value`` as DRF's ``DateTimeField`` writes it: ISO 8601 in ``zone``, UTC as Z."""
    text = value.astimezone(zone).isoformat()
    return f"{text[:-6]}Z" if text.endswith("+00:00") else text


def attribute(instance, name: str):
    """``name`` of an instance as an attribute path across ``__``, as
    ``values()`` names it (``None`` where a step is missing or empty)."""
    value = instance
    for step in name.split("__"):
        value = getattr(value, step, None)
        if value is None:
            return None
    return value


class Column:
    """A column's value as it is (a slug read across a relation, a code, a
    number). A column the queryset did not read (an annotation only some
    readers get) is ``None``."""

    def __init__(self, name: str):
        self.columns = (name,)

    def write(self, value, row_context):
        return value

    def value(self, row, get, row_context):
        return self.write(get(self.columns[0]), row_context)


class Codes(Column):
    """A list of codes (an array column)."""

    def write(self, value, row_context):
        return list(value)


class Moment(Column):
    """A date and time, in the current time zone; empty stays ``None``."""

    def write(self, value, row_context):
        return None if value is None else iso_datetime(value, row_context["zone"])


class Day(Column):
    """A date; empty stays ``None``."""

    def write(self, value, row_context):
        return None if value is None else row_context["date"](value)


class Decimal3(Column):
    """A derived value to three decimals; empty stays ``None``."""

    def write(self, value, row_context):
        return None if value is None else round(float(value), 3)


class Fraction(Column):
    """A derived fraction as a float; empty stays ``None``."""

    def write(self, value, row_context):
        return None if value is None else float(value)


class Flag(Column):
    """A derived yes or no."""

    def write(self, value, row_context):
        return bool(value)


class Derived:
    """``rule(*values)`` of several columns, e.g. a model's rule applied to a row."""

    def __init__(self, rule, *columns: str):
        self.rule = rule
        self.columns = columns

    def value(self, row, get, row_context):
        return self.rule(*(get(name) for name in self.columns))


class Link:
    """The absolute link to another route of the row (``view name``, its URL
    keyword, the column holding its value), as DRF's ``reverse`` writes it."""

    def __init__(self, view_name: str, url_kwarg: str, column: str):
        self.view_name = view_name
        self.url_kwarg = url_kwarg
        self.columns = (column,)

    def value(self, row, get, row_context):
        return row_context["links"][self.view_name](get(self.columns[0]))


class Computed:
    """``rule(row, reader)`` of the whole row and the signed-in reader, for what
    the columns alone do not tell (the moves the reader may make); it names no
    column, so it belongs to rows built from instances."""

    columns = ()

    def __init__(self, rule):
        self.rule = rule

    def value(self, row, get, row_context):
        return self.rule(row, row_context["reader"])


class ValueRow:
    """What a row shows and which columns it is read from.

    ``url`` is ``(view name, URL keyword, column)``; ``fields`` maps each field
    after ``url`` to a ``Column`` (a bare name is a ``Column``). ``annotated``
    names the columns the list's queryset annotates (read with it, not named in
    ``value_columns``); ``also`` names columns read for the serializer's own
    use (who may see what).
    """

    def __init__(self, *, url, fields, annotated=(), also=()):
        self.view_name, self.url_kwarg, self.url_column = url
        self.fields = {
            name: Column(spec) if isinstance(spec, str) else spec for name, spec in fields.items()
        }
        read = [self.url_column, *also]
        for spec in self.fields.values():
            read.extend(spec.columns)
        self.value_columns = tuple(name for name in dict.fromkeys(read) if name not in annotated)

    def build(self, row, row_context) -> dict:
        """``row``: a ``values()`` dict or an instance."""
        get = row.get if isinstance(row, dict) else partial(attribute, row)
        data = {"url": row_context["url"](get(self.url_column))}
        for name, spec in self.fields.items():
            data[name] = spec.value(row, get, row_context)
        return data


class ValueRowMixin:
    """A serializer whose rows are built by ``value_row``: ``values()`` dicts of
    a list (whose serializer also declares ``value_columns =
    value_row.value_columns``), or the instance a detail view loaded.
    """

    value_row: ValueRow

    def row_context(self) -> dict:
        """What every row of this serializer shares: its links, the time zone,
        the reader."""
        context = self.__dict__.get("_row_context")
        if context is None:
            request = self.context.get("request")
            links = [spec for spec in self.value_row.fields.values() if isinstance(spec, Link)]
            context = self._row_context = {
                "url": url_maker(
                    self.value_row.view_name, self.value_row.url_kwarg, request=request
                ),
                "links": {
                    link.view_name: url_maker(link.view_name, link.url_kwarg, request=request)
                    for link in links
                },
                "zone": timezone.get_current_timezone(),
                "date": serializers.DateField().to_representation,
                "reader": getattr(request, "user", None),
            }
        return context

    def to_representation(self, row):
        return self.value_row.build(row, self.row_context())
