"""The permission matrix's entries for results: indicators and measurements.

Organisation A leads ``al_a``; organisation B submitted ``uc_b_selected``
(public) and A ``uc_a_review`` (in review: its indicator is seen only by those
who see the use case).
"""

import datetime
from decimal import Decimal

from .matrix import Case
from .matrix import Resource
from .matrix import by_role
from .matrix import listing
from .matrix import register

BASE = datetime.date(2026, 1, 1)
INDICATOR = {
    "name_nl": "Pilots gestart",
    "name_en": "Pilots started",
    "unit": "count",
    "baseline_value": "0",
    "baseline_date": "2026-01-01",
    "target_value": "12",
    "target_date": "2026-12-31",
    "higher_is_better": True,
}


def results_world(w):
    from corridor.results.models import Indicator
    from corridor.results.models import Measurement

    def indicator(key, **owner):
        row = Indicator.objects.create(
            name_nl=key,
            unit="people",
            baseline_value=Decimal(0),
            baseline_date=BASE,
            target_value=Decimal(500),
            target_date=datetime.date(2026, 12, 31),
            **owner,
        )
        setattr(w, key, row)
        measurement = Measurement.objects.create(
            indicator=row, date=datetime.date(2026, 6, 1), value=Decimal(240), source_note="Telling"
        )
        setattr(w, key.replace("ind_", "me_"), measurement)

    if not hasattr(w, "ind_al_a"):
        indicator("ind_al_a", action_line=w.al_a)
        indicator("ind_uc_selected", use_case=w.uc_b_selected)
        # Made behind the services' back: a use case in review never gets one,
        # and should one exist, who may not see the use case never sees it.
        indicator("ind_uc_review", use_case=w.uc_a_review)
    return w


SEEN = by_role(
    ["ind_al_a", "ind_uc_selected"],
    ["ind_al_a", "ind_uc_selected", "ind_uc_review"],
    ["ind_al_a", "ind_uc_selected"],
    ["ind_al_a", "ind_uc_selected", "ind_uc_review"],
    ["ind_al_a", "ind_uc_selected", "ind_uc_review"],
)

register(
    Resource(
        basename="indicator",
        setup=results_world,
        cases=[
            listing(SEEN),
            Case("retrieve", "ind_al_a", expect=by_role(200, 200, 200, 200, 200)),
            Case("retrieve", "ind_uc_review", expect=by_role(404, 200, 404, 200, 200)),
            Case(
                "create",
                data=lambda w: {**INDICATOR, "action_line": w.al_a.pk},
                expect=by_role(401, 201, 403, 403, 201),
            ),
            Case(
                "create",
                data=lambda w: {**INDICATOR, "use_case": w.uc_b_selected.pk},
                expect=by_role(401, 403, 201, 403, 201),
                note="use-case",
            ),
            Case(
                "update",
                "ind_al_a",
                data=lambda w: {**INDICATOR, "action_line": w.al_a.pk},
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case(
                "partial_update",
                "ind_al_a",
                data=lambda w: {"target_value": "600"},
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case("destroy", "ind_uc_selected", expect=by_role(401, 403, 403, 403, 204)),
        ],
    )
)

register(
    Resource(
        basename="measurement",
        setup=results_world,
        cases=[
            listing(
                {role: [k.replace("ind_", "me_") for k in keys] for role, keys in SEEN.items()}
            ),
            Case("retrieve", "me_al_a", expect=by_role(200, 200, 200, 200, 200)),
            Case("retrieve", "me_uc_review", expect=by_role(404, 200, 404, 200, 200)),
            Case(
                "create",
                data=lambda w: {
                    "indicator": w.ind_uc_selected.pk,
                    "date": "2026-09-01",
                    "value": "300",
                    "source_note": "Deelnemerslijst",
                },
                expect=by_role(401, 403, 201, 403, 201),
            ),
            Case(
                "update",
                "me_al_a",
                data=lambda w: {
                    "indicator": w.ind_al_a.pk,
                    "date": "2026-06-01",
                    "value": "250",
                    "source_note": "Gecorrigeerd",
                },
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case(
                "partial_update",
                "me_al_a",
                data=lambda w: {"value": "260"},
                expect=by_role(401, 200, 403, 403, 200),
            ),
            Case("destroy", "me_uc_selected", expect=by_role(401, 403, 204, 403, 204)),
        ],
    )
)
