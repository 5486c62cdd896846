"""Page-number pagination with a count that stays cheap at national scale.

An exact ``COUNT(*)`` over 100,000 filtered rows costs more than the page it
describes. ``CountingPaginator`` asks PostgreSQL's planner for its estimate
first; when that is well above ``EXACT_COUNT_LIMIT`` (1,000) rows, ``count`` is
the estimate and the response says so with ``count_exact: false``. Otherwise
it counts exactly up to the limit (the keys of at most 1,001 rows, so the cost
is bounded), and past it again gives the estimate. On the last page the count
is exact whatever the estimate said. ``next`` never depends on the
estimate: the paginator fetches one row more than the page to know whether
another page follows.
Deep pages seek instead of skipping (``Seek``): ``OFFSET 49950`` walks fifty
thousand index entries to find page 1,000. Each page served past
``SEEK_FROM`` rows remembers, in the cache, where its first row and the
first row of the page after it stand in the ordering (their values of the
ordering's columns), under the list's query and the data version
(``corridor.caching``). The next request for
either page starts at that row in the ordering index, as page 1 does. A
consumer walking the pages in turn never skips; any write to the list's
tables forgets every remembered row, so a page is never shifted.
"""

import hashlib
import json
from functools import cached_property
from functools import partial

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import InvalidPage
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from corridor.caching.kept import version_key

MAX_PAGE_SIZE = 200
EXACT_COUNT_LIMIT = 1_000
# Above EXACT_COUNT_LIMIT times this, the planner's estimate is taken as it is.
ESTIMATE_MARGIN = 1.5


def estimated_count(queryset) -> int | None:
    """The planner's row estimate for ``queryset`` (PostgreSQL), else ``None``."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# Seeking pays for its signature query only where skipping costs more.
SEEK_FROM = 1_000
SEEK_SECONDS = 60 * 60


class Seek:
    """Where a page of an ordered list starts, remembered by the ordering's
    values in its first row. ``ordering`` is the list's ``order_by`` (column
    names, ``-`` for descending, ending with the primary key so the order is
    total). What is remembered is kept with the data version
    (``corridor.caching``), so any write forgets it. ``for_ordering``
    refuses orderings a row cannot resume (related or nullable columns, no
    primary key last)."""

    def __init__(self, model, ordering):
        self.model = model
        self.ordering = ordering

    @classmethod
    def for_ordering(cls, model, ordering):
        if not ordering:
            return None
        pk = model._meta.pk
        terms = []
        for term in ordering:
            if not isinstance(term, str) or "__" in term or "?" in term:
                return None
            name = term.lstrip("-")
            try:
                field = pk if name == "pk" else model._meta.get_field(name)
            except FieldDoesNotExist:
                return None
            if field.null or not field.concrete or field.many_to_many:
                return None
            terms.append((field.attname, term.startswith("-")))
        if terms[-1][0] != pk.attname:
            return None
        return cls(model, terms)

    def values_of(self, row) -> tuple | None:
        """The ordering's values in ``row`` (a dict of columns or an
        instance), or ``None`` when it does not hold them all."""
        if isinstance(row, dict):
            if not all(name in row for name, _descending in self.ordering):
                return None
            return tuple(row[name] for name, _descending in self.ordering)
        if not isinstance(row, self.model):
            return None
        return tuple(getattr(row, name) for name, _descending in self.ordering)

    def from_row(self, values):
        """The rows at and after the row with these ordering ``values``. The
        first column also bounds the index scan; the rest settles ties."""
        after = Q()
        equal = Q()
        last = len(self.ordering) - 1
        for position, ((name, descending), value) in enumerate(
            zip(self.ordering, values, strict=True)
        ):
            # Strictly past the row on every column but the key, which
            # includes the row itself.
            lookup = "lt" if descending else "gt"
            if position == last:
                lookup += "e"
            after |= equal & Q(**{f"{name}__{lookup}": value})
            equal &= Q(**{name: value})
        first, descending = self.ordering[0]
        bound = Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]})
        return bound & after


class CountingPaginator(Paginator):
    """Exact counts up to ``exact_limit`` rows, the planner's estimate beyond.

    ``load_rows``, when given, turns the page's slice of ``object_list`` (its
    keys, say) into the rows the page shows, in the same order, in one query.
    """

    exact_limit = EXACT_COUNT_LIMIT

    def __init__(self, *args, load_rows=None, seek=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_rows = load_rows
        self.seek = seek

    @cached_property
    def count_exact(self) -> bool:
        return self._counted[1]

    @cached_property
    def count(self) -> int:
        return self._counted[0]

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        queryset = self.object_list
        # Far more rows than the limit by the planner's estimate: counting them
        # would only confirm it. Near or under the limit, count exactly.
        estimate = estimated_count(queryset)
        if estimate is not None and estimate > self.exact_limit * ESTIMATE_MARGIN:
            return estimate, False
        # The keys themselves (at most exact_limit + 1 integers) rather than a
        # bare COUNT: when they are all there, the page is read from them.
        keys = list(queryset.order_by().values_list("pk", flat=True)[: self.exact_limit + 1])
        capped = len(keys)
        if capped <= self.exact_limit:
            self._keys = keys
            return capped, True
        if estimate is None:
            return queryset.count(), True
        return max(estimate, capped), False

    def _seek_key(self, queryset) -> str | None:
        """The list's query and the data version: where a remembered first row
        is valid (``None`` where nothing is kept)."""
        sql, params = queryset.query.sql_with_params()
        digest = hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()
        return version_key("page-seek", digest)

    def validate_number(self, number):
        if self.count_exact:
            return super().validate_number(number)
        # Past the exact limit the number of pages is an estimate: any page
        # number is accepted and an empty page past the end answers 404.
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise InvalidPage(_("That page number is not an integer")) from None
        if number < 1:
            raise InvalidPage(_("That page number is less than 1"))
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        object_list = self.object_list
        if self.count_exact:
            # A few matching rows: order just those, rather than walking the
            # ordering index past every row that does not match (a rare word).
            object_list = object_list.filter(pk__in=self._keys) if self._keys else []
        seeking = self.seek is not None and not self.count_exact and bottom >= SEEK_FROM
        if seeking:
            where = self._seek_key(object_list)
            seeking = where is not None
        if seeking:
            start = cache.get(f"{where}:{bottom}")
        if seeking and start is not None:
            window = object_list.filter(self.seek.from_row(start))[: self.per_page + 1]
        else:
            window = object_list[bottom : bottom + self.per_page + 1]
        if self.load_rows is not None and not isinstance(window, list):
            window = self.load_rows(window)
        rows = list(window)
        if seeking and rows:
            starts = {bottom: rows[0]}
            if len(rows) > self.per_page:
                starts[bottom + self.per_page] = rows[self.per_page]
            remembered = {
                f"{where}:{offset}": values
                for offset, row in starts.items()
                if (values := self.seek.values_of(row)) is not None
            }
            cache.set_many(remembered, SEEK_SECONDS)
        if not rows and number > 1:
            raise InvalidPage(_("That page contains no results"))
        page = Page(rows[: self.per_page], number, self)
        page.followed = len(rows) > self.per_page
        if not page.followed and not self.count_exact:
            # The last page: now the count is known exactly.
            self.__dict__.update(count=bottom + len(page.object_list), count_exact=True)
        return page


class CorridorPagination(pagination.PageNumberPagination):
    """Page numbers with ``page_size`` (default 25, at most 200) and a bounded count."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = _("Rows per page (1 to %(max)d, default 25).") % {
        "max": MAX_PAGE_SIZE
    }

    # See CountingPaginator and Seek; set by a view that pages by key.
    load_rows = None
    seek = None

    @property
    def django_paginator_class(self):
        return partial(CountingPaginator, load_rows=self.load_rows, seek=self.seek)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1 to 200.")]}
            )
        return size

    def check_parameters(self, request):
        """Refuse a page or page size the schema does not allow, also where they
        do not apply (a CSV export): what the contract refuses, the server does."""
        self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param)
        if raw in (None, ""):
            return
        try:
            number = int(raw)
        except ValueError:
            raise ValidationError(
                {self.page_query_param: [_("That page number is not an integer")]}
            ) from None
        if number < 1:
            raise ValidationError({self.page_query_param: [_("That page number is less than 1")]})

    def get_next_link(self):
        if not getattr(self.page, "followed", self.page.has_next()):
            return None
        return super().get_next_link()

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_exact"] = self.page.paginator.count_exact
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_exact"] = {
            "type": "boolean",
            "description": (
                f"False when count is the database's estimate: more than {EXACT_COUNT_LIMIT} "
                "rows match (or are estimated to, well above that); the last page is "
                "always counted exactly."
            ),
        }
        schema["required"] = [*schema.get("required", []), "count_exact"]
        return schema

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1})
                parameter["schema"].update({"maximum": self.max_page_size})
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": 1})
        return parameters
