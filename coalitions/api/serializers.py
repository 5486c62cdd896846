from rest_framework import serializers

from corridor.api.fields import RelatedSlugsField
from corridor.api.rows import Codes
from corridor.api.rows import ValueRow
from corridor.api.rows import ValueRowMixin
from corridor.api.serializers import CodeListField
from corridor.api.serializers import CorridorModelSerializer
from corridor.api.serializers import GuardedFieldsMixin

from ..models import Capability
from ..models import Coalition
from ..models import Membership
from ..models import Organisation
from ..models import Region
from ..models import interventions_model
from ..policies import MEMBERSHIP_AUTHOR_FIELDS
from ..policies import membership_fields_hidden


class RegionSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:region-detail", lookup_field="slug")

    class Meta:
        model = Region
        fields = ["url", "id", "slug", "name", "name_en", "is_pole"]
        read_only_fields = fields


class OrganisationListSerializer(ValueRowMixin, CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    capabilities = CodeListField(choices=Capability.choices, read_only=True)

    class Meta:
        model = Organisation
        fields = ["url", "id", "slug", "name", "kind", "region", "city", "capabilities"]
        read_only_fields = fields

    # A row as the list reads it with ``values()`` (list and CSV).
    value_row = ValueRow(
        url=("api:organisation-detail", "slug", "slug"),
        fields={
            "id": "id",
            "slug": "slug",
            "name": "name",
            "kind": "kind",
            "region": "region__slug",
            "city": "city",
            "capabilities": Codes("capabilities"),
        },
    )
    value_columns = value_row.value_columns


class OrganisationSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    region = serializers.SlugRelatedField(slug_field="slug", queryset=Region.objects.all())
    capabilities = CodeListField(choices=Capability.choices)

    class Meta:
        model = Organisation
        fields = [
            "url",
            "id",
            "slug",
            "name",
            "kind",
            "region",
            "city",
            "website",
            "description",
            "capabilities",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]


class MemberSerializer(CorridorModelSerializer):
    """A membership as shown inside its coalition."""

    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["url", "id", "organisation", "role", "joined", "left"]
        read_only_fields = fields


class CoalitionListSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:coalition-detail")
    interventions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    scope = serializers.ChoiceField(
        choices=Coalition.Scope.choices, read_only=True, allow_null=True
    )

    class Meta:
        model = Coalition
        fields = ["url", "id", "slug", "name", "status", "scope", "interventions"]
        read_only_fields = fields


class CoalitionSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:coalition-detail")
    interventions = RelatedSlugsField(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug", queryset=interventions_model().objects.all()
        ),
        # There are four interventions.
        max_length=4,
        required=False,
    )
    scope = serializers.ChoiceField(
        choices=Coalition.Scope.choices, read_only=True, allow_null=True
    )
    memberships = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Coalition
        fields = [
            "url",
            "id",
            "slug",
            "name",
            "purpose",
            "status",
            "scope",
            "interventions",
            "memberships",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]


class MembershipListSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    coalition = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["url", "id", "coalition", "organisation", "role", "joined", "left"]
        read_only_fields = fields


class MembershipSerializer(GuardedFieldsMixin, CorridorModelSerializer):
    """A membership of an organisation in a coalition."""

    guarded_fields = MEMBERSHIP_AUTHOR_FIELDS
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    coalition = serializers.SlugRelatedField(slug_field="slug", queryset=Coalition.objects.all())
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "url",
            "id",
            "coalition",
            "organisation",
            "role",
            "joined",
            "left",
            "commitment",
            "created_by",
        ]
        read_only_fields = ["id", "created_by"]
        extra_kwargs = {"joined": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            # A membership moves to another coalition or organisation by ending it
            # and adding a new one.
            fields["coalition"].read_only = True
            fields["organisation"].read_only = True
        elif getattr(self.context.get("view"), "action", None) == "create":
            # A new membership is current; it ends later, by setting ``left``.
            fields["left"].read_only = True
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = getattr(self.context.get("request"), "user", None)
        for name in membership_fields_hidden(user):
            data.pop(name, None)
        return data

    def validate(self, attrs):
        joined = attrs.get("joined", getattr(self.instance, "joined", None))
        left = attrs.get("left", getattr(self.instance, "left", None))
        if joined and left and left < joined:
            raise serializers.ValidationError(
                {"left": Membership._meta.constraints[1].violation_error_message}
            )
        return attrs
