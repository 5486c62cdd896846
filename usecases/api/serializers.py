from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.reverse import reverse

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Organisation
from corridor.api.fields import KeyRelatedField
from corridor.api.fields import RelatedSlugsField
from corridor.api.rows import Codes
from corridor.api.rows import Computed
from corridor.api.rows import Day
from corridor.api.rows import Decimal3
from corridor.api.rows import Link
from corridor.api.rows import Moment
from corridor.api.rows import ValueRow
from corridor.api.rows import ValueRowMixin
from corridor.api.serializers import CodeListField
from corridor.api.serializers import CorridorModelSerializer
from corridor.api.serializers import GuardedFieldsMixin
from interventions.models import ActionLine
from interventions.models import Intervention

from .. import services
from ..models import Sector
from ..models import StatusChange
from ..models import UseCase
from ..models import UseCaseStatus
from ..policies import GUARDED_FIELDS
from ..policies import MOVE_FIELDS
from ..policies import UseCasePolicy


def partner_slugs(use_case, reader=None) -> list[str]:
    """The partners' slugs: those the row's query brought
    (``UseCaseQuerySet.with_partner_slugs``), else those of the relation."""
    slugs = getattr(use_case, "partner_slugs", None)
    if slugs is None:
        if use_case.pk is None:
            return []  # not saved: no relation yet
        slugs = [organisation.slug for organisation in use_case.partners.all()]
    return list(slugs)


class PartnerSlugsField(RelatedSlugsField):
    """Partner organisations by slug (``partner_slugs``)."""

    def get_attribute(self, instance):
        return partner_slugs(instance)

    def to_representation(self, slugs):
        return slugs


def moves_for(use_case, reader) -> list[str]:
    """The statuses ``reader`` may move ``use_case`` to now."""
    return services.allowed_moves(use_case=use_case, user=reader)


class ScoreField(serializers.FloatField):
    """A derived review value (``UseCaseQuerySet.with_scores``), to three decimals."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return round(float(value), 3)


class DisclosureMixin(GuardedFieldsMixin):
    """Leaves out of each use case the fields ``usecases.policies`` hides from the reader."""

    guarded_fields = tuple(sorted(GUARDED_FIELDS))

    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def policy(self) -> UseCasePolicy:
        policy = self.__dict__.get("_policy")
        if policy is None:
            policy = self._policy = UseCasePolicy(self._user())
        return policy

    def csv_columns(self) -> list[str]:
        """The columns of this reader's CSV: every field they may see on some row."""
        never = self.policy().never_seen_fields()
        return [name for name in self.fields if name not in never]

    def to_representation(self, row):
        data = super().to_representation(row)
        for name in self.policy().hidden_fields(row):
            data.pop(name, None)
        return data


class UseCaseListSerializer(DisclosureMixin, ValueRowMixin, CorridorModelSerializer):
    """A use case as a list shows it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:use-case-detail")
    intervention = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sectors = CodeListField(choices=Sector.choices, read_only=True)
    needed_capabilities = CodeListField(choices=Capability.choices, read_only=True)
    score = ScoreField(
        help_text=_(
            "Board-weighted mean score; present for the Board and reviewers who assessed it."
        )
    )

    class Meta:
        model = UseCase
        fields = [
            "url",
            "id",
            "title",
            "status",
            "intervention",
            "organisation",
            "action_line",
            "coalition",
            "sectors",
            "needed_capabilities",
            "submitted_at",
            "created",
            "updated",
            "score",
        ]
        read_only_fields = fields

    # A row as the list reads it with ``values()`` (list and CSV), with the
    # annotations of ``UseCaseQuerySet.with_disclosure``; the organisation's id
    # tells the policy what this reader may see of the row.
    value_row = ValueRow(
        url=("api:use-case-detail", "pk", "id"),
        fields={
            "id": "id",
            "title": "title",
            "status": "status",
            "intervention": "intervention__slug",
            "organisation": "organisation__slug",
            "action_line": "action_line_id",
            "coalition": "coalition_id",
            "sectors": Codes("sectors"),
            "needed_capabilities": Codes("needed_capabilities"),
            "submitted_at": Moment("submitted_at"),
            "created": Moment("created"),
            "updated": Moment("updated"),
            "score": Decimal3("score"),
        },
        annotated=("score",),
        also=("organisation_id",),
    )
    value_columns = value_row.value_columns


class UseCaseSerializer(DisclosureMixin, ValueRowMixin, CorridorModelSerializer):
    """A use case with everything the reader may see of it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:use-case-detail")
    intervention = serializers.SlugRelatedField(
        slug_field="slug", queryset=Intervention.objects.all()
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Submitting organisation; a partner user's own by default. Fixed once made."),
    )
    action_line = KeyRelatedField(
        queryset=ActionLine.objects.all(), required=False, allow_null=True
    )
    coalition = KeyRelatedField(queryset=Coalition.objects.none(), required=False, allow_null=True)
    partners = PartnerSlugsField(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug", queryset=Organisation.objects.all()
        ),
        max_length=50,
        required=False,
    )
    sectors = CodeListField(choices=Sector.choices)
    needed_capabilities = CodeListField(choices=Capability.choices)
    status = serializers.ChoiceField(
        choices=UseCaseStatus.choices,
        read_only=True,
        help_text=_("Changed only through POST …/use-cases/{id}/transition/."),
    )
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    allowed_transitions = serializers.SerializerMethodField(
        help_text=_("The statuses you may move this use case to now.")
    )
    transition_url = serializers.SerializerMethodField()
    score = ScoreField(help_text=_("Board-weighted mean score."))
    score_complementarity = ScoreField()
    score_existing_strengths = ScoreField()
    score_feasibility = ScoreField()
    score_scalability = ScoreField()
    spread = ScoreField(
        help_text=_("Highest minus lowest reviewer score: a high spread flags disagreement.")
    )
    consensus = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("The shared recommendation, or split.")
    )
    assessment_count = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = UseCase
        fields = [
            "url",
            "id",
            "title",
            "summary",
            "problem",
            "expected_outcome",
            "status",
            "allowed_transitions",
            "transition_url",
            "intervention",
            "action_line",
            "coalition",
            "organisation",
            "submitted_by",
            "partners",
            "sectors",
            "needed_capabilities",
            "location",
            "planned_start",
            "planned_end",
            "submitted_at",
            "decision_rationale",
            "created",
            "updated",
            "score",
            "score_complementarity",
            "score_existing_strengths",
            "score_feasibility",
            "score_scalability",
            "spread",
            "consensus",
            "assessment_count",
        ]
        read_only_fields = ["id", "submitted_at", "decision_rationale", "created", "updated"]

    # The use case as the detail view loaded it (``UseCaseViewSet.detail_queryset``,
    # with ``with_disclosure``), built without DRF's per-instance field building.
    value_row = ValueRow(
        url=("api:use-case-detail", "pk", "id"),
        fields={
            "id": "id",
            "title": "title",
            "summary": "summary",
            "problem": "problem",
            "expected_outcome": "expected_outcome",
            "status": "status",
            "allowed_transitions": Computed(moves_for),
            "transition_url": Link("api:use-case-transition", "pk", "id"),
            "intervention": "intervention__slug",
            "action_line": "action_line_id",
            "coalition": "coalition_id",
            "organisation": "organisation__slug",
            "submitted_by": "submitted_by__username",
            "partners": Computed(partner_slugs),
            "sectors": Codes("sectors"),
            "needed_capabilities": Codes("needed_capabilities"),
            "location": "location",
            "planned_start": Day("planned_start"),
            "planned_end": Day("planned_end"),
            "submitted_at": Moment("submitted_at"),
            "decision_rationale": "decision_rationale",
            "created": Moment("created"),
            "updated": Moment("updated"),
            "score": Decimal3("score"),
            "score_complementarity": Decimal3("score_complementarity"),
            "score_existing_strengths": Decimal3("score_existing_strengths"),
            "score_feasibility": Decimal3("score_feasibility"),
            "score_scalability": Decimal3("score_scalability"),
            "spread": Decimal3("spread"),
            "consensus": "consensus",
            "assessment_count": "assessment_count",
        },
    )

    def get_fields(self):
        fields = super().get_fields()
        user = self._user()
        if user is not None:
            fields["coalition"].queryset = Coalition.objects.visible_to(user)
        if self.instance is not None:
            fields["organisation"].read_only = True
        return fields

    def to_internal_value(self, data):
        if isinstance(data, dict) and "status" in data:
            current = getattr(self.instance, "status", UseCaseStatus.DRAFT)
            if data["status"] != current:
                raise serializers.ValidationError(
                    {
                        "status": [
                            _(
                                "The status changes only through POST %(url)s "
                                'with {"to": "<status>", "reason": "…"}.'
                            )
                            % {"url": self._transition_url(self.instance)}
                        ]
                    }
                )
        return super().to_internal_value(data)

    def _transition_url(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "/api/v1/use-cases/{id}/transition/"
        return reverse(
            "api:use-case-transition", kwargs={"pk": obj.pk}, request=self.context.get("request")
        )

    def get_transition_url(self, obj) -> str:
        return self._transition_url(obj)

    def get_allowed_transitions(self, obj) -> list[str]:
        return moves_for(obj, self._user())


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=UseCaseStatus.choices)
    reason = serializers.CharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Why; required for the Board's decisions (selected, declined), and the "
            "question or the answer of more_information_requested and back."
        ),
    )
    confirm_override = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Select although the use case has fewer assessments than required; the "
            "override is recorded with override_reason."
        ),
    )
    override_reason = serializers.CharField(
        max_length=10000, required=False, allow_blank=True, default=""
    )


class StatusChangeSerializer(GuardedFieldsMixin, serializers.ModelSerializer):
    """One move of a use case's status: from, to, when; who made it and why for
    those who may see them."""

    guarded_fields = MOVE_FIELDS

    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = StatusChange
        fields = ["id", "from_status", "to_status", "actor", "reason", "created"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        hidden = self.context.get("hidden_fields", MOVE_FIELDS)
        for name in hidden:
            data.pop(name, None)
        return data
