"""The Board's digest archive in the portal: the list, and one digest read in
the reader's language."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.shortcuts import render

from corridor.web.access import board_required

from .content import build_content
from .models import Digest
from .models import Frequency
from .periods import current_period
from .periods import next_due
from .rendering import digest_context

PAGE_SIZE = 25


@board_required
def digest_list(request):
    frequency = request.GET.get("frequency", "")
    digests = (
        Digest.objects.visible_to(request.user).with_delivery_counts().defer("data", "html", "text")
    )
    if frequency in Frequency.values:
        digests = digests.filter(frequency=frequency)
    else:
        frequency = ""
    page = Paginator(digests.order_by("-period_start", "frequency"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "digests/digest_list.html",
        {
            "page": page,
            "frequency": frequency,
            "frequencies": Frequency.choices,
            "query": f"frequency={frequency}" if frequency else "",
            "nav_section": "digests",
            "next_weekly": next_due(Frequency.WEEKLY),
            "running": current_period(Frequency.WEEKLY),
        },
    )


@board_required
def digest_preview(request):
    """The digest of the week so far, as the next one would read now; nothing
    is stored or sent."""
    period = current_period(Frequency.WEEKLY)
    # The Board's whole digest; the organisations' parts are not shown here.
    data = build_content(period)
    return render(
        request,
        "digests/digest_preview.html",
        {
            "period": period,
            "next_weekly": next_due(Frequency.WEEKLY),
            "nav_section": "digests",
            "in_portal": True,
            **digest_context(data),
        },
    )


@board_required
def digest_detail(request, pk):
    digest = get_object_or_404(
        Digest.objects.visible_to(request.user).with_delivery_counts(), pk=pk
    )
    return render(
        request,
        "digests/digest_detail.html",
        {
            "digest": digest,
            "nav_section": "digests",
            "in_portal": True,
            **digest_context(digest.data),
        },
    )
