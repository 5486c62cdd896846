from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from corridor.results.panels import corridor_panel
from corridor.web.markdown import render_markdown

from . import dashboard as data

MARKDOWN_PREVIEW_LIMIT = 100_000


def dashboard(request):
    today = timezone.localdate()
    return render(
        request,
        "portal/dashboard.html",
        {
            "overview": data.overview(request.user, today),
            "yours": data.yours(request.user),
            "results": corridor_panel(request.user),
            "today": today,
        },
    )


@login_required
@require_POST
def markdown_preview(request):
    """The live preview of a Markdown field (htmx): rendered and sanitised."""
    text = request.POST.get("text") or request.POST.get("agenda") or ""
    return HttpResponse(render_markdown(text[:MARKDOWN_PREVIEW_LIMIT]))
