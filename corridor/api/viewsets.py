"""The one base viewset every resource builds on.

A resource's viewset declares a ``model``, the compact ``list_serializer_class``
and the complete ``serializer_class``, a ``filterset_class``, how its list and
detail querysets are loaded (``list_queryset``/``detail_queryset``), who may
write (``can_create``/``can_update``/``can_destroy``) and which service does
the write (``create_object``/``update_object``/``destroy_object``). This class
adds the rest: visibility through ``Model.objects.visible_to(user)``, ETag and
``If-Match`` (412), CSV export, pagination, one error shape.
"""

import hashlib
from itertools import islice

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils import translation
from rest_framework import status
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from corridor.caching.kept import KEPT_PAGES
from corridor.caching.kept import kept_for
from corridor.caching.kept import shared_audience
from corridor.parsing import whole_number
from corridor.versioning import VersionConflict
from corridor.versioning import check_version
from corridor.versioning import version_of

from .authentication import ApiTokenAuthentication
from .exceptions import corridor_exception_handler
from .filters import NOT_FILTERS
from .filters import CorridorFilterBackend
from .filters import odd_parameters
from .pagination import MAX_PAGE_SIZE
from .pagination import CorridorPagination
from .pagination import Seek
from .parsers import CorridorJSONParser
from .permissions import CorridorPermission
from .renderers import CSVRenderer
from .renderers import JSONRenderer
from .renderers import stream_csv
from .schema import CorridorAutoSchema

CSV_CHUNK_SIZE = 500


def etag_of(instance) -> str:
    return f'"{version_of(instance)}"'


def changed_fields(instance, data: dict) -> dict:
    """The values in ``data`` that differ from ``instance``: a PUT resends the rest."""
    return {name: value for name, value in data.items() if getattr(instance, name, None) != value}


def _parse_etags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()]


# The spellings of the pages and page sizes of an unfiltered list that are
# kept for the public; anything else (page 6, ``page=01``, ``page_size=7``) is
# computed, so what an anonymous visitor can make the cache hold stays
# bounded. The Board, who sign in, have any page of the usual sizes kept.
KEPT_PAGE_NUMBERS = frozenset(str(number) for number in range(1, KEPT_PAGES + 1))
KEPT_PAGE_SIZES = frozenset(
    str(size) for size in (CorridorPagination.page_size, 50, 100, MAX_PAGE_SIZE)
)


def _keeps(request, *, paged: bool = True) -> bool:
    """Whether what ``request`` reads may be kept: JSON (as plain
    ``application/json``) for a reader who sees what every such reader sees
    (``shared_audience``), asked without filters and each parameter once; of
    a list, a page in a usual page size (for the public one of its first
    pages), of an object, no page at all. Everything else is computed."""
    renderer = request.accepted_renderer
    if getattr(renderer, "format", None) != "json":
        return False
    if request.accepted_media_type != renderer.media_type:
        return False
    if shared_audience(request.user) is None:
        return False
    query = request.query_params
    if not NOT_FILTERS.issuperset(query) or any(len(v) > 1 for _k, v in query.lists()):
        return False
    if not paged:
        return "page" not in query and "page_size" not in query
    if query.get("page_size", str(CorridorPagination.page_size)) not in KEPT_PAGE_SIZES:
        return False
    page = query.get("page", "1")
    if shared_audience(request.user) == "board":
        return whole_number(page) is not None and str(whole_number(page)) == page
    return page in KEPT_PAGE_NUMBERS


def _content_type(renderer) -> str:
    """The Content-Type DRF's ``Response`` gives what ``renderer`` renders."""
    if renderer.charset is None:
        return renderer.media_type
    return f"{renderer.media_type}; charset={renderer.charset}"


class ReadOnlyCorridorViewSet(viewsets.ReadOnlyModelViewSet):
    """Reading with visibility, compact lists, CSV and ETags."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [CorridorPermission]
    pagination_class = CorridorPagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    parser_classes = [CorridorJSONParser]
    filter_backends = [CorridorFilterBackend]
    schema = CorridorAutoSchema()
    # Any path segment reaches the view, so a malformed id or slug is a JSON 404.
    lookup_value_regex = r"[^/]+"

    model = None
    list_serializer_class = None
    # Anyone may read what ``visible_to`` shows them; False: only those who sign in.
    public_reads = True
    # Page by key: find the page's primary keys on the filtered, ordered list
    # (an index-only scan, no joins or annotations), then load just those rows
    # with ``list_queryset``. Deep pages and costly annotations then cost what
    # page 1 costs.
    deferred_pages = False

    # Unfiltered pages of the list, and details, are the same for all the
    # public and for all the Board: those are kept (``corridor.caching``) until
    # the data changes.
    keep_pages = False
    keep_details = False

    def get_exception_handler(self):
        return corridor_exception_handler

    def initial(self, request, *args, **kwargs):
        # API paths carry no language prefix, so the portal's rule (no prefix =
        # Dutch) would ignore Accept-Language; the API honours it.
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)
        errors = odd_parameters(request.query_params)
        if errors:
            raise ValidationError(errors)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # Errors are JSON even when CSV was asked for.
        if getattr(getattr(self.request, "accepted_renderer", None), "format", None) == "csv":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return response

    # Reading ---------------------------------------------------------------

    def visible(self, user):
        return self.model.objects.visible_to(user)

    def list_queryset(self, queryset):
        return queryset

    def detail_queryset(self, queryset):
        return queryset

    def get_queryset(self):
        queryset = self.visible(self.request.user)
        if self.action == "list":
            return self.list_queryset(queryset)
        return self.detail_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if "\x00" in value or len(value) > 200:
            raise NotFound()
        return super().get_object()

    def reload(self, instance):
        """The row as the detail view shows it, after a write."""
        queryset = self.detail_queryset(self.visible(self.request.user))
        return queryset.filter(pk=instance.pk).first() or instance

    def retrieve(self, request, *args, **kwargs):
        if self.keep_details and _keeps(request, paged=False):
            return self.kept_detail(request)
        instance = self.get_object()
        etag = etag_of(instance)
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match and version_of(instance) in _parse_etags(if_none_match):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(self.get_serializer(instance).data, headers={"ETag": etag})

    def kept_detail(self, request):
        """The object as ``retrieve`` renders it, kept like a list's page
        (``kept_rendered``), and per organisation a reader acts for (what they
        may do with it). A
        missing or hidden object is a 404 every time, as it would be."""

        def compute():
            instance = self.get_object()
            return etag_of(instance), self.get_serializer(instance).data

        user = request.user
        acts_for = user.organisation_id if user.is_authenticated and user.is_partner else None
        etag, body = self.kept_rendered(
            request,
            f"api-detail:{self.basename}",
            compute,
            vary=(acts_for, self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)),
        )
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match and etag.strip('"') in _parse_etags(if_none_match):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = HttpResponse(body, content_type=_content_type(request.accepted_renderer))
        response["ETag"] = etag
        return response

    def kept_rendered(self, request, name, compute, *, vary=()):
        """``compute()``'s ``(extra, data)``, with ``data`` rendered, kept for
        the reader's audience (``corridor.caching.kept_for``) per ``vary``,
        language, day, address, media type and query until the data changes:
        one query when it is kept. Whatever ``compute`` raises is raised as it
        would be, and nothing is kept."""
        renderer = request.accepted_renderer

        def render():
            extra, data = compute()
            body = renderer.render(data, request.accepted_media_type, self.get_renderer_context())
            return extra, body

        address = hashlib.sha256(
            repr(
                (
                    *vary,
                    request.build_absolute_uri("/"),
                    request.accepted_media_type,
                    sorted(request.query_params.lists()),
                )
            ).encode()
        ).hexdigest()
        return kept_for(
            request.user,
            name,
            render,
            vary=(translation.get_language(), timezone.localdate(), address),
        )

    def list_rows(self, queryset):
        """The rows as the list serializer takes them: model instances, or when
        it names ``value_columns``, dicts of those (and of the queryset's
        annotations) read with ``values()``, which costs far less per row."""
        columns = getattr(self.get_serializer_class(), "value_columns", None)
        if not columns:
            return queryset
        return queryset.values(*columns, *queryset.query.annotation_select)

    def list(self, request, *args, **kwargs):
        if getattr(request.accepted_renderer, "format", None) == "csv":
            return self.csv_response()
        if self.keep_pages and _keeps(request):
            return self.kept_list(request)
        return self.computed_list(request)

    def kept_list(self, request):
        """The page as ``computed_list`` renders it, kept for the reader's
        audience (``kept_rendered``) until the data changes. Filtered
        pages are never kept, and anything refused (a page past the last) is
        raised as it would be."""

        def compute():
            return None, self.computed_list(request).data

        _none, body = self.kept_rendered(request, f"api-list:{self.basename}", compute)
        return HttpResponse(body, content_type=_content_type(request.accepted_renderer))

    def computed_list(self, request):
        if not self.deferred_pages:
            # Counted on the filtered queryset; only the page is read as rows
            # (the joins of their columns do not burden the count).
            self.paginator.load_rows = self.list_rows
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        keys = self.filter_queryset(self.visible(request.user)).values_list("pk", flat=True)
        ordering = keys.query.order_by or self.model._meta.ordering
        if all(isinstance(term, str) for term in ordering):
            # Ordered by columns: the page's keys are a subquery of the query
            # that loads its rows, ordered the same way (one round trip).
            def load_rows(window):
                rows = self.list_queryset(self.model.objects.filter(pk__in=window))
                return self.list_rows(rows.order_by(*ordering))

            self.paginator.load_rows = load_rows
            self.paginator.seek = Seek.for_ordering(self.model, ordering)
            rows = self.paginate_queryset(keys)
            return self.get_paginated_response(self.get_serializer(rows, many=True).data)
        # Ordered by an expression (a score one may see): the keys first.
        page = self.paginate_queryset(keys)
        rows = self.list_rows(self.list_queryset(self.model.objects.filter(pk__in=list(page))))
        by_key = {row["id"] if isinstance(row, dict) else row.pk: row for row in rows}
        serializer = self.get_serializer([by_key[key] for key in page if key in by_key], many=True)
        return self.get_paginated_response(serializer.data)

    def csv_response(self):
        """Stream the filtered list as CSV, a chunk of rows at a time: every row
        the filters select (``page`` and ``page_size`` do not apply)."""
        self.paginator.check_parameters(self.request)
        queryset = self.list_rows(self.filter_queryset(self.get_queryset()))
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        # A serializer whose columns depend on the reader names them (``csv_columns``).
        header = serializer_class(context=context)
        columns = header.csv_columns() if hasattr(header, "csv_columns") else list(header.fields)

        # DRF keeps ?format=csv on the links it builds; a row links to the JSON object.
        suffix = f"?{api_settings.URL_FORMAT_OVERRIDE}=csv"

        def rows():
            iterator = queryset.iterator(chunk_size=CSV_CHUNK_SIZE)
            while chunk := list(islice(iterator, CSV_CHUNK_SIZE)):
                for row in serializer_class(chunk, many=True, context=context).data:
                    yield {
                        key: value.removesuffix(suffix) if isinstance(value, str) else value
                        for key, value in row.items()
                    }

        # Named after the resource as its path spells it, and the day.
        resource = self.request.path.rstrip("/").rsplit("/", 1)[-1]
        return stream_csv(columns, rows(), f"{resource}-{timezone.localdate().isoformat()}.csv")


class CorridorViewSet(ReadOnlyCorridorViewSet, viewsets.ModelViewSet):
    """Reading plus writes through the app's services, with ``If-Match`` checks."""

    # Who may write. The services check again; these give the early 403.
    def can_create(self, user) -> bool:
        return user.is_board

    def can_update(self, instance, user) -> bool:
        return user.is_board

    def can_destroy(self, instance, user) -> bool:
        return user.is_board

    # The writes, each calling a service.
    def create_object(self, data: dict, user):
        raise NotImplementedError

    def update_object(self, instance, data: dict, user):
        raise NotImplementedError

    def destroy_object(self, instance, user):
        raise NotImplementedError

    def check_if_match(self, instance):
        """Lock the row; with ``If-Match``, refuse (412) when it changed since."""
        header = self.request.headers.get("If-Match")
        if not header or header.strip() == "*":
            return instance
        current = check_version(instance, None)
        if version_of(current) not in _parse_etags(header):
            raise VersionConflict(current)
        return current

    def _respond(self, instance, status_code=status.HTTP_200_OK):
        instance = self.reload(instance)
        serializer = self.serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code, headers={"ETag": etag_of(instance)})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.create_object(dict(serializer.validated_data), request.user)
        return self._respond(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        with transaction.atomic():
            instance = self.check_if_match(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = self.update_object(instance, dict(serializer.validated_data), request.user)
        return self._respond(instance)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        with transaction.atomic():
            instance = self.check_if_match(instance)
            self.destroy_object(instance, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
