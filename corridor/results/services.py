"""Writes of results: indicators and their measurements, each kept in history.

The portal, the API and the admin call these; each checks who may act
(``policies``).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from corridor.writes import save_with_history

from . import policies
from .models import Indicator
from .models import Measurement

INDICATOR_FIELDS = (
    "name_nl",
    "name_en",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "higher_is_better",
)


def create_indicator(*, actor, action_line=None, use_case=None, **fields) -> Indicator:
    if not policies.can_define(actor, action_line=action_line, use_case=use_case):
        raise PermissionDenied(
            _(
                "Only the Board or the organisation carrying the work may define its "
                "indicators, and a use case's only once it is selected."
            )
        )
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": sorted(unknown)})
    indicator = Indicator(action_line=action_line, use_case=use_case, **fields)
    return save_with_history(indicator, actor=actor)


def update_indicator(*, indicator: Indicator, actor, **fields) -> Indicator:
    if not policies.can_define(
        actor, action_line=indicator.action_line, use_case=indicator.use_case
    ):
        raise PermissionDenied(_("You may not change this indicator."))
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": sorted(unknown)})
    for name, value in fields.items():
        setattr(indicator, name, value)
    return save_with_history(indicator, actor=actor)


def delete_indicator(*, indicator: Indicator, actor) -> None:
    if not (actor is not None and actor.is_authenticated and actor.is_board):
        raise PermissionDenied(_("Only the Board may do this."))
    indicator._history_user = actor
    indicator.delete()


def _require_measurer(actor, indicator) -> None:
    if not policies.can_measure(actor, indicator):
        raise PermissionDenied(
            _("Only the Board or the organisation carrying the work may enter its measurements.")
        )


def record_measurement(*, indicator: Indicator, actor, date, value, source_note) -> Measurement:
    """Enter a dated value with its source."""
    _require_measurer(actor, indicator)
    measurement = Measurement(
        indicator=indicator, date=date, value=value, source_note=source_note, entered_by=actor
    )
    return save_with_history(measurement, actor=actor)


def update_measurement(*, measurement: Measurement, actor, **fields) -> Measurement:
    """Correct a measurement; the earlier value stays in its history."""
    _require_measurer(actor, measurement.indicator)
    unknown = set(fields) - {"date", "value", "source_note"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": sorted(unknown)})
    for name, value in fields.items():
        setattr(measurement, name, value)
    measurement.entered_by = actor
    return save_with_history(measurement, actor=actor)


def delete_measurement(*, measurement: Measurement, actor) -> None:
    _require_measurer(actor, measurement.indicator)
    measurement._history_user = actor
    measurement.delete()
