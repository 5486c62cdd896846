"""Template tags other pages use to show corridor insight with one line each.

``{% corridor_index_trend %}`` (or ``{% corridor_index_trend intervention %}``):
the corridor index as a number with its monthly trend, an SVG line chart.
``{% suggested_partners use_case %}``: the matchmaking suggestions, shown only
to the Board and the submitting organisation's partner users.
"""

from django import template
from django.utils import timezone

from ..index import cached_corridor_index_series
from ..index import default_series_range
from ..index.charts import index_line_chart
from ..matchmaking import may_see_suggestions
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
