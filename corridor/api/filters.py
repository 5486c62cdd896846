"""The FilterSets' shared pieces: a form that checks date ranges, and filters
for code lists and slugs.

PostgreSQL refuses NUL in text, so a ``%00`` in any parameter is a 400 naming
the parameter, never a 500: the API refuses odd parameters before filtering
(``odd_parameters``); in the portal the form's fields refuse them as invalid
values (a CharField refuses NUL, a choice or a slug with one is no choice).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from corridor.codes import contains_code
from corridor.parsing import whole_number

from .fields import MAX_KEY

MAX_PARAMETER_LENGTH = 500


def odd_parameters(query) -> dict[str, list[str]]:
    """Parameters whose name or value holds a NUL byte or is absurdly long."""
    errors = {}
    for key, values in query.lists():
        for value in values:
            if "\x00" in key or "\x00" in value:
                errors[key.replace("\x00", "\\x00")] = [str(_("Null characters are not allowed."))]
            elif len(value) > MAX_PARAMETER_LENGTH:
                errors[key] = [
                    str(_("Ensure this value has at most %(max)d characters."))
                    % {"max": MAX_PARAMETER_LENGTH}
                ]
    return errors


class DateRangeForm(forms.Form):
    """A FilterSet's form (``Meta.form``) that refuses a date range whose end
    lies before its start. ``date_ranges`` lists ``(start, end)`` parameter pairs."""

    date_ranges: tuple[tuple[str, str], ...] = ()

    def clean(self):
        cleaned_data = super().clean()
        for start, end in self.date_ranges:
            first = cleaned_data.get(start)
            last = cleaned_data.get(end)
            if first and last and last < first:
                self.add_error(
                    end, _("%(end)s cannot lie before %(start)s.") % {"end": end, "start": start}
                )
        return cleaned_data


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_KEY})
class KeyFilter(django_filters.NumberFilter):
    """A row's number: a whole number in the database's key range."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_KEY)
        kwargs.setdefault("step_size", 1)
        super().__init__(*args, **kwargs)


class CodeFilter(django_filters.MultipleChoiceFilter):
    """Rows whose code list holds any of the given codes (``?capability=ai&capability=data``)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(contains_code(self.field_name, value))


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """A row named by its slug; an unknown slug is a 400."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


# Parameters that page or pick the format, never filter.
NOT_FILTERS = frozenset({"page", "page_size", "format"})


class CorridorFilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request has nothing to filter.

    Without filter parameters a FilterSet returns the queryset as it is, so
    there is nothing to build it for (its filters, its form, the querysets of
    its choices); lists read without filters are the most common.
    """

    def filter_queryset(self, request, queryset, view):
        if NOT_FILTERS.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class NamedChoiceField(forms.ModelChoiceField):
    """A row named as people name it: its slug or its name (any case), among
    ``name_fields``; a whole number is still taken as its id, as links and API
    clients made before names were accepted. A name that matches none says
    which names come close, so a reader without the type-ahead can pick one."""

    default_error_messages = {
        "invalid_choice": _("Nothing is called “%(value)s”."),
        "did_you_mean": _("Nothing is called “%(value)s”. Did you mean: %(names)s?"),
    }

    def __init__(self, *args, name_fields=("slug", "name"), **kwargs):
        kwargs.pop("to_field_name", None)
        super().__init__(*args, **kwargs)
        self.name_fields = name_fields

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        if not value or "\x00" in value or len(value) > MAX_PARAMETER_LENGTH:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        if whole_number(value) is not None:
            found = self.queryset.filter(pk=whole_number(value)).first()
            if found is not None:
                return found
        for name in self.name_fields:
            found = self.queryset.filter(**{f"{name}__iexact": value}).first()
            if found is not None:
                return found
        label = self.name_fields[-1]
        close = list(
            self.queryset.filter(**{f"{label}__icontains": value})
            .order_by(label)
            .values_list(label, flat=True)[:5]
        )
        if close:
            raise forms.ValidationError(
                self.error_messages["did_you_mean"],
                code="invalid_choice",
                params={"value": value, "names": ", ".join(f"“{name}”" for name in close)},
            )
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def validate(self, value):
        return forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


@extend_schema_field(OpenApiTypes.STR)
class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    """A row named by its slug or name (``NamedChoiceField``); none matching is a 400."""

    field_class = NamedChoiceField
