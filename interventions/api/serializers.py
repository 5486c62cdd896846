from django.contrib.auth import get_user_model
from rest_framework import serializers

from coalitions.models import Organisation
from corridor.api.fields import KeyRelatedField
from corridor.api.rows import Day
from corridor.api.rows import Derived
from corridor.api.rows import Flag
from corridor.api.rows import Fraction
from corridor.api.rows import ValueRow
from corridor.api.rows import ValueRowMixin
from corridor.api.serializers import CorridorModelSerializer

from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone
from ..models import days_slipped


class InterventionListSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:intervention-detail", lookup_field="slug"
    )

    class Meta:
        model = Intervention
        fields = ["url", "id", "number", "slug", "title_nl", "title_en", "updated"]
        read_only_fields = fields


class InterventionSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:intervention-detail", lookup_field="slug"
    )

    class Meta:
        model = Intervention
        fields = [
            "url",
            "id",
            "number",
            "slug",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "agenda",
            "agenda_en",
            "asks",
            "updated",
        ]
        read_only_fields = ["id", "number", "slug", "updated"]


class ActionLineListSerializer(ValueRowMixin, CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:action-line-detail")
    intervention = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead_organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    progress = serializers.FloatField(read_only=True, allow_null=True)
    overdue = serializers.BooleanField(read_only=True)
    milestone_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ActionLine
        fields = [
            "url",
            "id",
            "intervention",
            "title",
            "kind",
            "status",
            "lead_organisation",
            "start_date",
            "end_date",
            "slipped_days",
            "milestone_count",
            "progress",
            "overdue",
        ]
        read_only_fields = fields

    # A row as the list reads it with ``values()`` (list and CSV), with the list
    # queryset's milestone counts, ``progress`` and ``overdue``.
    value_row = ValueRow(
        url=("api:action-line-detail", "pk", "id"),
        fields={
            "id": "id",
            "intervention": "intervention__slug",
            "title": "title",
            "kind": "kind",
            "status": "status",
            "lead_organisation": "lead_organisation__slug",
            "start_date": Day("start_date"),
            "end_date": Day("end_date"),
            "slipped_days": Derived(days_slipped, "end_date", "baseline_end"),
            "milestone_count": "milestone_count",
            "progress": Fraction("progress"),
            "overdue": Flag("overdue"),
        },
        annotated=("milestone_count", "progress", "overdue"),
    )
    value_columns = value_row.value_columns


class MilestoneSummarySerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")

    class Meta:
        model = Milestone
        fields = ["url", "id", "title", "due_date", "completed_on"]
        read_only_fields = fields


class ActionLineSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:action-line-detail")
    intervention = serializers.SlugRelatedField(
        slug_field="slug", queryset=Intervention.objects.all()
    )
    lead_organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
    )
    responsible = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    progress = serializers.FloatField(read_only=True, allow_null=True)
    overdue = serializers.BooleanField(read_only=True)
    milestone_count = serializers.IntegerField(read_only=True)
    milestones_done = serializers.IntegerField(read_only=True)
    milestones = MilestoneSummarySerializer(many=True, read_only=True)

    class Meta:
        model = ActionLine
        fields = [
            "url",
            "id",
            "intervention",
            "title",
            "description",
            "kind",
            "status",
            "lead_organisation",
            "responsible",
            "start_date",
            "end_date",
            "baseline_start",
            "baseline_end",
            "slipped_days",
            "milestone_count",
            "milestones_done",
            "progress",
            "overdue",
            "milestones",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "slipped_days", "created", "updated"]
        extra_kwargs = {
            "baseline_start": {"required": False},
            "baseline_end": {"required": False},
        }

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": ActionLine._meta.constraints[0].violation_error_message}
            )
        return attrs


class MilestoneListSerializer(ValueRowMixin, CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")
    intervention = serializers.SlugRelatedField(
        source="action_line.intervention", slug_field="slug", read_only=True
    )
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = [
            "url",
            "id",
            "intervention",
            "action_line",
            "title",
            "due_date",
            "completed_on",
            "overdue",
        ]
        read_only_fields = fields

    # A row as the list reads it with ``values()`` (list and CSV), with the list
    # queryset's ``overdue``.
    value_row = ValueRow(
        url=("api:milestone-detail", "pk", "id"),
        fields={
            "id": "id",
            "intervention": "action_line__intervention__slug",
            "action_line": "action_line_id",
            "title": "title",
            "due_date": Day("due_date"),
            "completed_on": Day("completed_on"),
            "overdue": Flag("overdue"),
        },
        annotated=("overdue",),
    )
    value_columns = value_row.value_columns


class MilestoneSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")
    intervention = serializers.SlugRelatedField(
        source="action_line.intervention", slug_field="slug", read_only=True
    )
    action_line = KeyRelatedField(queryset=ActionLine.objects.all())
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = [
            "url",
            "id",
            "intervention",
            "action_line",
            "title",
            "due_date",
            "completed_on",
            "overdue",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]
