from rest_framework import serializers

from corridor.api.fields import KeyRelatedField
from corridor.api.serializers import CorridorModelSerializer
from interventions.models import ActionLine
from usecases.models import UseCase

from ..models import Indicator
from ..models import Measurement
from ..selectors import expected_now
from ..selectors import status_of


class VisibleIndicatorField(KeyRelatedField):
    """An indicator the caller may see; any other id is "does not exist"."""

    def get_queryset(self):
        request = self.context.get("request")
        return Indicator.objects.visible_to(getattr(request, "user", None))


class IndicatorSerializer(CorridorModelSerializer):
    """An indicator of an action line or of a selected use case: baseline, target,
    the latest measured value, what the straight line from baseline to target
    expects on that value's date, and whether the value is on track."""

    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")
    intervention = serializers.CharField(
        source="intervention_slug", read_only=True, help_text="Slug of the intervention."
    )
    action_line = KeyRelatedField(
        queryset=ActionLine.objects.all(), required=False, allow_null=True
    )
    use_case = KeyRelatedField(
        queryset=UseCase.objects.public(),
        required=False,
        allow_null=True,
        help_text="A selected (published) use case.",
    )
    latest_value = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, allow_null=True, coerce_to_string=False
    )
    latest_date = serializers.DateField(read_only=True, allow_null=True)
    expected_value = serializers.SerializerMethodField()
    on_track = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "url",
            "id",
            "intervention",
            "action_line",
            "use_case",
            "name_nl",
            "name_en",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "higher_is_better",
            "latest_value",
            "latest_date",
            "expected_value",
            "on_track",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]
        # Values are JSON numbers (a schema-valid value is a number, never "").
        extra_kwargs = {
            "baseline_value": {"coerce_to_string": False},
            "target_value": {"coerce_to_string": False},
        }

    def get_expected_value(self, indicator) -> float | None:
        """What the straight line from baseline to target expects on the latest
        value's date (null before the first measurement)."""
        if not hasattr(indicator, "latest_date"):
            return None
        value = expected_now(indicator)
        return None if value is None else round(float(value), 2)

    def get_on_track(self, indicator) -> bool | None:
        """Whether the latest value is at or past the straight line (below it when
        lower is better); null before the first measurement."""
        if not hasattr(indicator, "latest_date"):
            return None
        return status_of(indicator)


class MeasurementSerializer(CorridorModelSerializer):
    """A dated value of an indicator with its source; corrections keep history."""

    url = serializers.HyperlinkedIdentityField(view_name="api:measurement-detail")
    indicator = VisibleIndicatorField()
    intervention = serializers.SerializerMethodField()

    class Meta:
        model = Measurement
        fields = [
            "url",
            "id",
            "indicator",
            "intervention",
            "date",
            "value",
            "source_note",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]
        extra_kwargs = {"value": {"coerce_to_string": False}}

    def get_intervention(self, measurement) -> str | None:
        """Slug of the intervention the indicator's work belongs to."""
        owner = measurement.indicator.action_line or measurement.indicator.use_case
        return owner.intervention.slug if owner else None
