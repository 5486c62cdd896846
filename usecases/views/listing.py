"""The list of use cases a reader may see, filtered and paged."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from corridor.caching.kept import keeps_page
from corridor.caching.kept import kept
from corridor.caching.kept import kept_for
from corridor.parsing import page_number

from ..filters import UseCaseFilterSet
from ..filters import may_order_by_score
from ..filters import status_counts
from ..models import UseCase
from ..policies import UseCasePolicy
from ..review.clock import overdue
from ..review.clock import wait_days
from ..selectors import use_case_total
from .edits import may_create
from .finding import action_line_choices
from .finding import filter_chips
from .finding import folded_open
from .finding import status_tabs
from .finding import with_type_ahead

PAGE_SIZE = 25
# Parameters of the list that page it and do not filter it.
PAGING = frozenset({"page"})


def _filter_fields(request, filterset) -> str:
    intervention = filterset.data.get("intervention") if filterset.is_bound else None
    return render_to_string(
        "usecases/_filter_fields.html",
        {
            "form": with_type_ahead(filterset.form),
            "folded_open": folded_open(filterset),
            "action_lines": action_line_choices(intervention),
        },
        request,
    )


def _opening_filter_fields(request) -> str:
    """The filter form as the list opens, before any filter is chosen.

    It is the same for every reader of one language who may, or may not, order
    by score, so it is kept (``corridor.caching``) until the data changes,
    rather than rendering every choice of its widgets on each visit.
    """

    def render_fields() -> str:
        filterset = UseCaseFilterSet(queryset=UseCase.objects.none(), request=request)
        return _filter_fields(request, filterset)

    return kept(
        "use-case-filter-fields",
        render_fields,
        vary=(get_language(), int(may_order_by_score(request.user))),
    )


def _listing(request, rows, show_scores: bool, counts: dict[str, int], chips=()) -> str:
    """The status tabs, the chosen filters, the count, a page of ``rows`` and
    the pages, rendered."""
    user = request.user
    paginator = Paginator(rows, PAGE_SIZE)
    if not rows.query.has_filters():
        # Every use case: their number is the corridor's count the home page
        # keeps, not a count of every row on every visit.
        paginator.count = use_case_total()
    page = paginator.get_page(page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "usecases/_use_case_rows.html",
        {
            "page": page,
            "rows": [
                (
                    use_case,
                    UseCasePolicy(user).sees_review(use_case),
                    overdue(getattr(use_case, "review_clock", None)),
                )
                for use_case in page.object_list
            ],
            "wait_days": wait_days(),
            "show_scores": show_scores,
            "query": query.urlencode(),
            "tabs": status_tabs(query, counts),
            "chips": chips,
        },
    )


def use_case_list(request):
    """The use cases a reader may see, filtered. Unfiltered, the public all see
    the same pages, and so does the Board: those are kept
    (``corridor.caching``) per language and page (the first few,
    ``keeps_page``) until the data changes."""
    user = request.user
    queryset = (
        UseCase.objects.visible_to(user)
        .select_related("intervention", "organisation", "review_clock")
        .with_disclosure(user)
    )
    show_scores = may_order_by_score(user)
    filterset = None
    if not PAGING.issuperset(request.GET):
        filterset = UseCaseFilterSet(request.GET, queryset=queryset, request=request)
        filter_fields = _filter_fields(request, filterset)
        counts = filterset.status_counts(UseCase.objects.visible_to(user))
        listing = _listing(request, filterset.qs, show_scores, counts, filter_chips(filterset))
    else:
        filter_fields = _opening_filter_fields(request)
        number = page_number(request)

        def unfiltered():
            counts = status_counts(UseCase.objects.visible_to(user))
            return _listing(request, queryset, show_scores, counts)

        if not keeps_page(number):
            listing = unfiltered()
        else:
            listing = kept_for(
                user,
                "use-case-list",
                unfiltered,
                # The day too: a use case's wait is flagged once it passes the limit.
                vary=(get_language(), number, timezone.localdate()),
            )
    context = {
        "filter": filterset,
        "filter_fields": filter_fields,
        "listing": listing,
        "may_create": may_create(user),
        "nav_section": "usecases",
    }
    # htmx asks for the part it swaps: the results when the form changed, the
    # form and the results when a tab, a chip or a page link was followed.
    htmx = request.htmx
    target = htmx.target if htmx and not htmx.history_restore_request else None
    if target == "use-case-results":
        intervention = request.GET.get("intervention")
        context["action_lines"] = action_line_choices(intervention)
        response = HttpResponse(
            render_to_string("usecases/_use_case_results.html", context, request)
        )
    elif target == "use-case-finder":
        finder = render_to_string("usecases/_use_case_finder.html", context, request)
        response = HttpResponse(finder)
    else:
        response = render(request, "usecases/use_case_list.html", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response
