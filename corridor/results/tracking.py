"""Whether an indicator is on track: its latest value against a straight line.

The line runs from the baseline (value and date) to the target (value and
date); before the baseline date the baseline is expected, after the target
date the target. An indicator is on track when its latest measured value is
at least (or, when lower is better, at most) what the line expects on that
value's date. Without a measurement it is neither on track nor behind.
"""

import datetime
from decimal import Decimal


def expected_on(
    day: datetime.date,
    *,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
) -> Decimal:
    """What the straight line from baseline to target expects on ``day``."""
    if day <= baseline_date or target_date <= baseline_date:
        return baseline_value if day < target_date else target_value
    if day >= target_date:
        return target_value
    share = Decimal((day - baseline_date).days) / Decimal((target_date - baseline_date).days)
    return baseline_value + (target_value - baseline_value) * share


def on_track(indicator, value: Decimal | None, day: datetime.date | None) -> bool | None:
    """``None`` without a measurement; otherwise whether ``value`` on ``day``
    is where the straight line expects it (or better)."""
    if value is None or day is None:
        return None
    expected = expected_on(
        day,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
    )
    return value >= expected if indicator.higher_is_better else value <= expected
