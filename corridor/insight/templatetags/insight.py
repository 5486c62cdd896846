"""Template tags other pages use to show corridor insight with one line each.

``{% corridor_index_trend %}`` (or ``{% corridor_index_trend intervention %}``):
the corridor index as a number with its monthly trend, an SVG line chart.
``{% suggested_partners use_case %}``: the matchmaking suggestions, shown only
to the Board and the submitting organisation's partner users.
"""

import re

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from corridor.web.markdown import render_markdown

from ..dossier import dates
from ..index import cached_corridor_index_series
from ..index import default_series_range
from ..index.charts import index_line_chart
from ..matchmaking import may_see_suggestions
from ..matchmaking import region_name
from ..matchmaking import suggest_partners

register = template.Library()


def trend_context(intervention=None, months: int = 12) -> dict:
    start, end = default_series_range(timezone.localdate(), months)
    series = cached_corridor_index_series(start=start, end=end, intervention=intervention)
    current = series[-1]
    known = [point for point in series if point.percent is not None]
    change = None
    if len(known) >= 2 and current.percent is not None:
        change = current.percent - known[0].percent
    return {
        "index": current,
        "series": series,
        "since": known[0] if known else None,
        "change": change,
        "chart": index_line_chart(series),
        "intervention": intervention,
    }


@register.inclusion_tag("insight/_index_trend.html", takes_context=True)
def corridor_index_trend(context, intervention=None, months=12):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {
        **trend_context(intervention, months),
        "show_dossier": bool(user is not None and user.is_authenticated and user.is_board),
    }


@register.inclusion_tag("insight/_suggested_partners.html", takes_context=True)
def suggested_partners(context, use_case):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not may_see_suggestions(use_case=use_case, user=user):
        return {"show": False}
    pending = list(
        use_case.invitations.filter(status="pending")
        .select_related("organisation")
        .order_by("organisation__name")
    )
    invited = {invitation.organisation_id for invitation in pending}
    return {
        "show": True,
        "use_case": use_case,
        "suggestions": [
            suggestion
            for suggestion in suggest_partners(use_case=use_case)
            if suggestion.organisation.pk not in invited
        ],
        "pending": pending,
        "can_invite": user.is_board,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.simple_tag
def period(start, end):
    """``{% period start end %}``: a timeline by month, or that it is not planned yet."""
    return dates.period(start, end)


@register.simple_tag
def region_label(region):
    """``{% region_label region %}``: the region's name in the reader's language."""
    return region_name(region) if region is not None else "–"


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


@register.filter
def markdown_below(text, level=4):
    """``{{ agenda|markdown_below:4 }}``: the Markdown rendered (and sanitised) with
    its headings moved below a heading of ``level``, so the page's outline stays
    in order (under the dossier's ``h4``, the agenda's ``#`` becomes ``h5``)."""
    html = render_markdown(text)
    shift = int(level) - 1

    def lower(match):
        return f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}"

    return mark_safe(_HEADING_TAG.sub(lower, str(html)))  # noqa: S308 (sanitised above)
