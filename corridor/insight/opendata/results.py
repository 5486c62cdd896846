"""The results the corridor delivers as two open-data tables: indicators and
their measurements (IATI's result → indicator → baseline, target, measured
values), as an anonymous visitor may see them (``corridor.results.selectors``):
an indicator of a use case that is not public is not published."""

from django.utils.translation import gettext_lazy as _

from corridor.results.models import Unit
from corridor.results.selectors import indicator_rows
from corridor.results.selectors import measurement_rows

from .describe import Field
from .describe import ForeignKey
from .describe import Resource
from .describe import codes

INDICATOR = _("Id of an indicator (indicators.csv).")

INDICATORS = Resource(
    "indicators",
    _("Result indicators"),
    _(
        "What the corridor measures of its results: each indicator belongs to an action line "
        "or a selected use case, with a baseline and a target, each with its date."
    ),
    [
        Field("id", "integer", _("Id"), _("Number of the row in the portal."), required=True),
        Field("intervention", "integer", _("Intervention"), _("Number of an intervention.")),
        Field("action_line", "integer", _("Action line"), _("Id of an action line, if any.")),
        Field("use_case", "integer", _("Use case"), _("Id of a use case, if any.")),
        Field("name_nl", "string", _("Name (Dutch)"), _("What is measured, in Dutch.")),
        Field("name_en", "string", _("Name (English)"), _("The same in English.")),
        Field(
            "unit",
            "string",
            _("Unit"),
            _("count, euros, people or percentage."),
            codes=codes(Unit.choices),
        ),
        Field("baseline_value", "number", _("Baseline"), _("The value at the start.")),
        Field("baseline_date", "date", _("Baseline date"), _("When the baseline held.")),
        Field("target_value", "number", _("Target"), _("The value to reach.")),
        Field("target_date", "date", _("Target date"), _("When the target is to be reached.")),
        Field(
            "higher_is_better",
            "boolean",
            _("Higher is better"),
            _("true when a higher value is better."),
        ),
        Field("latest_value", "number", _("Latest value"), _("The last measured value.")),
        Field("latest_date", "date", _("Latest date"), _("When it was measured.")),
        Field(
            "on_track",
            "boolean",
            _("On track"),
            _(
                "Whether the latest value is at least where a straight line from baseline to "
                "target stands on its date; empty before the first measurement."
            ),
        ),
    ],
    ["id"],
    [
        ForeignKey("intervention", "interventions", "number"),
        ForeignKey("action_line", "action_lines", "id"),
        ForeignKey("use_case", "use_cases", "id"),
    ],
)

MEASUREMENTS = Resource(
    "measurements",
    _("Result measurements"),
    _("The measured values of the indicators, dated, with where each value comes from."),
    [
        Field("id", "integer", _("Id"), _("Number of the row in the portal."), required=True),
        Field("indicator", "integer", _("Indicator"), INDICATOR, required=True),
        Field("date", "date", _("Date"), _("When it was measured (YYYY-MM-DD).")),
        Field("value", "number", _("Value"), _("The value, in the indicator's unit.")),
        Field("source_note", "string", _("Source"), _("Where the value comes from.")),
    ],
    ["id"],
    [ForeignKey("indicator", "indicators", "id")],
)


def indicators(public) -> list[list]:
    numbers = {i.slug: i.number for i in public.interventions}
    return [
        [
            row["id"],
            numbers.get(row["intervention"]),
            row["action_line"],
            row["use_case"],
            row["name_nl"],
            row["name_en"],
            row["unit"],
            row["baseline_value"],
            row["baseline_date"],
            row["target_value"],
            row["target_date"],
            row["higher_is_better"],
            row["latest_value"],
            row["latest_date"],
            row["on_track"],
        ]
        for row in indicator_rows(None)
    ]


def measurements(public) -> list[list]:
    return [
        [row["id"], row["indicator_id"], row["date"], row["value"], row["source_note"]]
        for row in measurement_rows(None)
    ]
