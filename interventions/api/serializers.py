from types import SimpleNamespace

from django.contrib.auth import get_user_model
from rest_framework import serializers

from coalitions.models import Organisation
from corridor.api.fields import KeyRelatedField
from corridor.api.serializers import CorridorModelSerializer
from corridor.reversing import url_maker

from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone

# The model's rule, applied to a row read with ``values()``.
SLIPPED_DAYS = ActionLine.slipped_days.fget


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
            "updated",
        ]
        read_only_fields = ["id", "number", "slug", "updated"]


class ActionLineListSerializer(CorridorModelSerializer):
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

    # What a row is built from: the viewset reads these with ``values()`` (list
    # and CSV), plus the list queryset's milestone counts, ``progress`` and ``overdue``.
    value_columns = (
        "id",
        "intervention__slug",
        "title",
        "kind",
        "status",
        "lead_organisation__slug",
        "start_date",
        "end_date",
        "baseline_end",
    )

    def to_representation(self, row):
        """The compact row, built directly from ``values()``: a page of 50 model
        instances through the generic field machinery cost more than the queries
        that loaded them. Same fields and formats as the declared fields."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self._fast = {
                "url": url_maker("api:action-line-detail", request=self.context.get("request")),
                "date": serializers.DateField().to_representation,
            }
        date = fast["date"]
        progress = row["progress"]
        dates = SimpleNamespace(end_date=row["end_date"], baseline_end=row["baseline_end"])
        return {
            "url": fast["url"](row["id"]),
            "id": row["id"],
            "intervention": row["intervention__slug"],
            "title": row["title"],
            "kind": row["kind"],
            "status": row["status"],
            "lead_organisation": row["lead_organisation__slug"],
            "start_date": date(row["start_date"]),
            "end_date": date(row["end_date"]),
            "slipped_days": SLIPPED_DAYS(dates),
            "milestone_count": row["milestone_count"],
            "progress": float(progress) if progress is not None else None,
            "overdue": bool(row["overdue"]),
        }


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


class MilestoneListSerializer(CorridorModelSerializer):
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

    # What a row is built from: the viewset reads these with ``values()`` (list
    # and CSV), plus the list queryset's ``overdue``.
    value_columns = (
        "id",
        "action_line__intervention__slug",
        "action_line_id",
        "title",
        "due_date",
        "completed_on",
    )

    def to_representation(self, row):
        """The compact row, built directly from ``values()`` (see
        ``ActionLineListSerializer``)."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self._fast = {
                "url": url_maker("api:milestone-detail", request=self.context.get("request")),
                "date": serializers.DateField().to_representation,
            }
        date = fast["date"]
        completed_on = row["completed_on"]
        return {
            "url": fast["url"](row["id"]),
            "id": row["id"],
            "intervention": row["action_line__intervention__slug"],
            "action_line": row["action_line_id"],
            "title": row["title"],
            "due_date": date(row["due_date"]),
            "completed_on": date(completed_on) if completed_on is not None else None,
            "overdue": bool(row["overdue"]),
        }


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
