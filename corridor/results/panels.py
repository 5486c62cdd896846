"""What the portal's pages show of results: an intervention's (and the
corridor's) panel of roll-ups, and an action line's or use case's indicators
with a small chart each. Drawn here, asked for by the pages through
``interventions.sections``."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.caching.kept import kept_for

from . import policies
from .chart_svg import render_chart
from .chart_svg import value_text
from .models import Indicator
from .models import Measurement
from .models import Unit
from .selectors import expected_now
from .selectors import roll_up
from .selectors import status_of
from .selectors import visible_indicators

STATE_LABELS = {True: "on_track", False: "behind", None: "unmeasured"}


def state_label(state) -> str:
    return {True: _("on track"), False: _("behind"), None: _("not measured yet")}[state]


def decorate(indicator) -> Indicator:
    """The indicator's state, its latest value and target as text, for a page."""
    indicator.state = status_of(indicator)
    indicator.state_code = STATE_LABELS[indicator.state]
    indicator.state_text = state_label(indicator.state)
    indicator.latest_text = value_text(indicator.latest_value, indicator.unit)
    indicator.target_text = value_text(indicator.target_value, indicator.unit)
    indicator.baseline_text = value_text(indicator.baseline_value, indicator.unit)
    expected = expected_now(indicator)
    indicator.expected_text = value_text(expected, indicator.unit) if expected is not None else ""
    return indicator


def with_charts(indicators) -> list[Indicator]:
    """``indicators`` decorated, each with its chart (all measurements in one query)."""
    indicators = [decorate(indicator) for indicator in indicators]
    points: dict[int, list] = {}
    for row in (
        Measurement.objects.filter(indicator__in=[i.pk for i in indicators])
        .order_by("date", "id")
        .values_list("indicator_id", "date", "value")
    ):
        points.setdefault(row[0], []).append((row[1], row[2]))
    for indicator in indicators:
        indicator.points = [
            {"date": day, "value": value_text(value, indicator.unit)}
            for day, value in points.get(indicator.pk, [])
        ]
        indicator.chart = render_chart(
            indicator, points.get(indicator.pk, []), chart_id=f"chart-{indicator.pk}"
        )
    return indicators


def _indicators(owner_filter, user, *, can_add: bool, add_url: str) -> str:
    indicators = with_charts(visible_indicators(user).filter(**owner_filter))
    if not indicators and not can_add:
        return ""
    return render_to_string(
        "results/_indicators.html",
        {"indicators": indicators, "can_add": can_add, "add_url": add_url},
    )


def action_line_panel(action_line, user) -> str:
    from django.urls import reverse

    return _indicators(
        {"action_line": action_line},
        user,
        can_add=policies.can_define(user, action_line=action_line),
        add_url=reverse("results:indicator-create-action-line", kwargs={"pk": action_line.pk}),
    )


def use_case_panel(use_case, user) -> str:
    from django.urls import reverse

    return _indicators(
        {"use_case": use_case},
        user,
        can_add=policies.can_define(user, use_case=use_case),
        add_url=reverse("results:indicator-create-use-case", kwargs={"pk": use_case.pk}),
    )


UNIT_LABELS = dict(Unit.choices)


def rollup_rows(results) -> list[dict]:
    rows = []
    for rollup in results.rollups:
        rows.append(
            {
                "unit": rollup.name or UNIT_LABELS[rollup.unit],
                "indicators": rollup.indicators,
                "measured": rollup.measured,
                "on_track": rollup.on_track,
                "value": value_text(rollup.value, rollup.unit) if rollup.value is not None else "",
                "target": value_text(rollup.target, rollup.unit)
                if rollup.target is not None
                else "",
            }
        )
    return rows


def panel(indicators, *, heading_id: str, title: str) -> str:
    """Roll-ups per unit, the share on track, and each indicator's state."""
    indicators = [decorate(indicator) for indicator in indicators]
    if not indicators:
        return ""
    results = roll_up(indicators)
    return render_to_string(
        "results/_panel.html",
        {
            "heading_id": heading_id,
            "title": title,
            "results": results,
            "share": round(100 * results.share_on_track) if results.measured else None,
            "rows": rollup_rows(results),
            "indicators": indicators,
        },
    )


def intervention_panel(intervention, user) -> str:
    """The results of one intervention: the same for every reader of an
    audience, so kept (``corridor.caching``) per language until the data changes."""

    def compute():
        indicators = visible_indicators(user).of_intervention(intervention)
        return panel(indicators, heading_id="results-heading", title=_("Results"))

    return kept_for(user, "results-panel", compute, vary=(intervention.pk, get_language()))


def corridor_panel(user) -> str:
    """The dashboard's panel: the whole corridor's results."""

    def compute():
        return panel(
            visible_indicators(user),
            heading_id="corridor-results-heading",
            title=_("Results of the corridor"),
        )

    return kept_for(user, "results-panel", compute, vary=("corridor", get_language()))
