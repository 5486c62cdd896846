from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.utils import extend_schema_view

from corridor.api.viewsets import CorridorViewSet

from .. import policies
from .. import services
from ..models import Indicator
from ..models import Measurement
from .filters import IndicatorFilterSet
from .filters import MeasurementFilterSet
from .serializers import IndicatorSerializer
from .serializers import MeasurementSerializer

TAGS = ["results"]


def _documented(noun: str, summaries: dict, description: str, *more):
    description = format_lazy(" ".join(["{}"] * (1 + len(more))), description, *more)
    return extend_schema_view(
        **{
            action: extend_schema(summary=summary, description=description, tags=TAGS)
            for action, summary in summaries.items()
        }
    )


@_documented(
    "indicator",
    {
        "list": _("List the indicators"),
        "retrieve": _("Read one indicator"),
        "create": _("Define an indicator"),
        "update": _("Replace an indicator"),
        "partial_update": _("Change an indicator"),
        "destroy": _("Remove an indicator"),
    },
    _(
        "Results as IATI reports them: an indicator of an action line or of a selected "
        "use case, with its baseline and target (value and date), its latest measured "
        "value, what the straight line from baseline to target expects on that date, and "
        "whether it is on track. A use case's indicators are seen by whoever may see the "
        "use case. The Board and the organisation carrying the work (the action line's "
        "lead, the use case's submitter) define them; only the Board removes them. "
        "`format=csv` exports the filtered list."
    ),
    _(
        "An indicator belongs to exactly one of `action_line` and `use_case`, and its "
        "target date lies after its baseline date; a 400 says which rule a request broke."
    ),
    _("A value has at most 16 digits, 2 of them after the decimal point."),
)
class IndicatorViewSet(CorridorViewSet):
    """Results the corridor delivers: indicators (of an action line or a selected
    use case) with baseline, target and measured values, after IATI's model."""

    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet

    def visible(self, user):
        return Indicator.objects.visible_to(user).with_latest()

    def list_queryset(self, queryset):
        return queryset.order_by("id")

    def can_create(self, user):
        return user.is_board or user.is_partner

    def can_update(self, instance, user):
        return policies.can_define(
            user, action_line=instance.action_line, use_case=instance.use_case
        )

    def create_object(self, data, user):
        return services.create_indicator(actor=user, **data)

    def update_object(self, instance, data, user):
        data.pop("action_line", None)
        data.pop("use_case", None)
        return services.update_indicator(indicator=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_indicator(indicator=instance, actor=user)


@_documented(
    "measurement",
    {
        "list": _("List the measurements"),
        "retrieve": _("Read one measurement"),
        "create": _("Enter a measurement"),
        "update": _("Replace a measurement"),
        "partial_update": _("Correct a measurement"),
        "destroy": _("Remove a measurement"),
    },
    _(
        "Dated values of an indicator, each with its source. Entered and corrected by "
        "the Board or the organisation carrying the work; every change is kept in the "
        "measurement's history. Seen by whoever may see the indicator. `format=csv` "
        "exports the filtered list."
    ),
    _("A value has at most 16 digits, 2 of them after the decimal point."),
)
class MeasurementViewSet(CorridorViewSet):
    """The dated values measured for an indicator, each with its source."""

    model = Measurement
    serializer_class = MeasurementSerializer
    filterset_class = MeasurementFilterSet

    def list_queryset(self, queryset):
        return queryset.select_related(
            "indicator__action_line__intervention", "indicator__use_case__intervention"
        ).order_by("indicator_id", "date", "id")

    def detail_queryset(self, queryset):
        return self.list_queryset(queryset)

    def can_create(self, user):
        return user.is_board or user.is_partner

    def can_update(self, instance, user):
        return policies.can_measure(user, instance.indicator)

    def can_destroy(self, instance, user):
        return policies.can_measure(user, instance.indicator)

    def create_object(self, data, user):
        return services.record_measurement(actor=user, **data)

    def update_object(self, instance, data, user):
        data.pop("indicator", None)
        return services.update_measurement(measurement=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_measurement(measurement=instance, actor=user)
