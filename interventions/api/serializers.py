from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.reverse import reverse

from coalitions.models import Organisation
from corridor.api.serializers import CorridorModelSerializer

from ..models import ActionLine
from ..models import Intervention
from ..models import Milestone

MARKER = "987654321"


def detail_url(serializer, view_name: str):
    """``url(key)``: the detail URL the serializer's ``url`` field gives a row
    whose lookup value is ``key``, reversed once rather than once per row."""
    request = serializer.context.get("request")
    head, tail = reverse(view_name, kwargs={"pk": MARKER}, request=request).split(MARKER)
    return lambda key: f"{head}{key}{tail}"


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

    def to_representation(self, instance):
        """The compact row, built directly: a page of 50 rows through the generic
        field machinery cost more than the queries that loaded them. The list's
        queryset annotates the slugs of the intervention and lead organisation."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self._fast = {
                "url": detail_url(self, "api:action-line-detail"),
                "date": serializers.DateField().to_representation,
            }
        date = fast["date"]
        progress = instance.progress
        return {
            "url": fast["url"](instance.pk),
            "id": instance.pk,
            "intervention": instance.intervention_slug,
            "title": instance.title,
            "kind": instance.kind,
            "status": instance.status,
            "lead_organisation": instance.lead_organisation_slug,
            "start_date": date(instance.start_date),
            "end_date": date(instance.end_date),
            "slipped_days": instance.slipped_days,
            "milestone_count": instance.milestone_count,
            "progress": float(progress) if progress is not None else None,
            "overdue": bool(instance.overdue),
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

    def to_representation(self, instance):
        """The compact row, built directly (see ``ActionLineListSerializer``); the
        list's queryset annotates ``intervention_slug``."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self._fast = {
                "url": detail_url(self, "api:milestone-detail"),
                "date": serializers.DateField().to_representation,
            }
        date = fast["date"]
        completed_on = instance.completed_on
        return {
            "url": fast["url"](instance.pk),
            "id": instance.pk,
            "intervention": instance.intervention_slug,
            "action_line": instance.action_line_id,
            "title": instance.title,
            "due_date": date(instance.due_date),
            "completed_on": date(completed_on) if completed_on is not None else None,
            "overdue": bool(instance.overdue),
        }


class MilestoneSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")
    intervention = serializers.SlugRelatedField(
        source="action_line.intervention", slug_field="slug", read_only=True
    )
    action_line = serializers.PrimaryKeyRelatedField(queryset=ActionLine.objects.all())
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
