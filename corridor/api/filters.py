"""Base FilterSet: every query parameter is checked before it reaches the database.

PostgreSQL refuses NUL in text, so a ``%00`` in any parameter is a 400 naming
the parameter, never a 500.
"""

import copy

import django_filters
from django.forms.utils import ErrorDict
from django.forms.utils import ErrorList
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from corridor.codes import contains_code

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


def _own_copy(filter_):
    """A filter of its own for one FilterSet: django-filter deep-copies every
    declared filter for every request, their querysets, choices and widgets
    included, which cost a filtered list more than its query. What a FilterSet
    changes on its filters is their attributes and their ``extra`` (a model
    choice filter stores its queryset there); a method filter is bound to its
    own filter again, so it finds its own FilterSet."""
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)
    if filter_.method is not None:
        copied.method = filter_.method
    return copied


class CorridorFilterSet(django_filters.FilterSet):
    """Refuses odd parameters and date ranges whose end lies before their start.

    ``date_ranges`` lists ``(start_parameter, end_parameter)`` pairs.
    """

    date_ranges: tuple[tuple[str, str], ...] = ()

    # The form class of each FilterSet, per language (``get_form_class``).
    _form_classes: dict = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's own, with ``_own_copy`` for its deep copies.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = self._copied_filters(queryset.model, parent=self)

    @classmethod
    def _copied_filters(cls, model, *, parent=None) -> dict:
        """The declared filters, each copied (``_own_copy``) for ``model``
        and, when given, the FilterSet they belong to."""
        filters = {name: _own_copy(filter_) for name, filter_ in cls.base_filters.items()}
        for filter_ in filters.values():
            filter_.model = model
            if parent is not None:
                filter_.parent = parent
        return filters

    def get_form_class(self):
        """The form class, made once per FilterSet and language: django-filter
        makes its fields and the class for every request. A form copies its
        fields when it is made, so each request still has fields of its own.
        The class is made from the declared filters, never from a request's
        (whose querysets a FilterSet may have narrowed for its reader).
        Filters whose queryset depends on the request make theirs each time."""
        if any(callable(getattr(f, "queryset", None)) for f in self.base_filters.values()):
            return super().get_form_class()
        key = (type(self), translation.get_language())
        form_class = self._form_classes.get(key)
        if form_class is None:
            # As django-filter makes it, from filters that belong to no request.
            declared = self._copied_filters(self.queryset.model)
            fields = {name: filter_.field for name, filter_ in declared.items()}
            form_class = type(f"{type(self).__name__}Form", (self._meta.form,), fields)
            self._form_classes[key] = form_class
        return form_class

    def _check_ranges(self) -> None:
        if getattr(self, "_ranges_checked", False):
            return
        self._ranges_checked = True
        if not self.form.is_valid():
            return
        for start, end in self.date_ranges:
            first = self.form.cleaned_data.get(start)
            last = self.form.cleaned_data.get(end)
            if first and last and last < first:
                self.form.add_error(
                    end, _("%(end)s cannot lie before %(start)s.") % {"end": end, "start": start}
                )

    def is_valid(self):
        if odd_parameters(self.data):
            return False
        self._check_ranges()
        return super().is_valid()

    @property
    def errors(self):
        odd = odd_parameters(self.data)
        if odd:
            # Validate the form anyway: the portal filters with what is valid.
            self.form.errors  # noqa: B018
            return ErrorDict({key: ErrorList(messages) for key, messages in odd.items()})
        self._check_ranges()
        return super().errors


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

    Without filter parameters a FilterSet returns the queryset as it is, but
    building it (its filters, its form, the querysets of its choices) cost more
    than the page's query; lists read without filters are the most common.
    """

    def filter_queryset(self, request, queryset, view):
        if NOT_FILTERS.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)
