"""The review round in the API: assessments, assignments, declared conflicts,
questions to the partner, comments and the Board's queue."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from corridor.api.fields import KeyRelatedField
from corridor.api.serializers import CorridorModelSerializer
from corridor.web.markdown import render_markdown

from ..models import CRITERIA
from ..models import Assessment
from ..models import Comment
from ..models import DeclaredConflict
from ..models import Question
from ..models import ReviewAssignment
from ..models import UseCase
from ..review.queue import QUEUE_STATUSES
from ..review.queue import WAITS_FOR


def _visible_use_cases(serializer):
    request = serializer.context.get("request")
    if request is None:
        return UseCase.objects.none()
    return UseCase.objects.visible_to(request.user)


class AssessmentListSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:assessment-detail")
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Assessment
        fields = ["url", "id", "use_case", "reviewer", *CRITERIA, "recommendation", "created"]
        read_only_fields = fields


class AssessmentSerializer(CorridorModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:assessment-detail")
    use_case = KeyRelatedField(queryset=UseCase.objects.none())
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "url",
            "id",
            "use_case",
            "reviewer",
            *CRITERIA,
            "rationale",
            "recommendation",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "created", "updated"]
        # The one-per-reviewer rule is checked by the view with a clear message.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["use_case"].queryset = UseCase.objects.visible_to(request.user)
        if self.instance is not None:
            fields["use_case"].read_only = True
        return fields


class ReviewAssignmentSerializer(CorridorModelSerializer):
    """One reviewer assigned by the Board to assess one use case."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-assignment-detail")
    use_case = KeyRelatedField(queryset=UseCase.objects.none())
    reviewer = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True)
    )
    assigned_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ReviewAssignment
        fields = ["url", "id", "use_case", "reviewer", "assigned_by", "created"]
        read_only_fields = ["id", "assigned_by", "created"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        fields["use_case"].queryset = _visible_use_cases(self)
        return fields


class DeclaredConflictSerializer(CorridorModelSerializer):
    """A reviewer's declared conflict of interest with a use case, and why."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-conflict-detail")
    use_case = KeyRelatedField(queryset=UseCase.objects.none())
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = DeclaredConflict
        fields = ["url", "id", "use_case", "reviewer", "reason", "created"]
        read_only_fields = ["id", "reviewer", "created"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        fields["use_case"].queryset = _visible_use_cases(self)
        return fields


class QuestionSerializer(CorridorModelSerializer):
    """A question the Board asked the submitting organisation, and its answer."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-question-detail")
    use_case = KeyRelatedField(queryset=UseCase.objects.none())
    asked_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    answered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Question
        fields = [
            "url",
            "id",
            "use_case",
            "text",
            "asked_by",
            "asked_at",
            "answer",
            "answered_by",
            "answered_at",
        ]
        read_only_fields = ["id", "asked_by", "asked_at", "answer", "answered_by", "answered_at"]

    def get_fields(self):
        fields = super().get_fields()
        fields["use_case"].queryset = _visible_use_cases(self)
        return fields


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=10000, help_text=_("The partner's answer."))


class CommentSerializer(CorridorModelSerializer):
    """A comment on a use case: internal (the Board and the assigned reviewers)
    or shared with the submitting organisation. The body is Markdown, html
    its sanitised rendering."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-comment-detail")
    use_case = KeyRelatedField(queryset=UseCase.objects.none())
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    html = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "url",
            "id",
            "use_case",
            "author",
            "kind",
            "body",
            "html",
            "edited",
            "created",
            "updated",
        ]
        read_only_fields = ["id", "author", "edited", "created", "updated"]

    def get_fields(self):
        fields = super().get_fields()
        fields["use_case"].queryset = _visible_use_cases(self)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["use_case"].read_only = True
            fields["kind"].read_only = True
        return fields

    def get_html(self, obj) -> str:
        return str(render_markdown(obj.body))


class OpenToReviewersSerializer(serializers.Serializer):
    open_to_all_reviewers = serializers.BooleanField(
        help_text=_("Any reviewer without a conflict of interest may assess it.")
    )


class ConflictOfInterestSerializer(serializers.Serializer):
    """A reviewer kept from a use case by a conflict of interest."""

    reviewer = serializers.CharField()
    kind = serializers.ChoiceField(choices=["submitter", "partner", "coalition", "declared"])
    reason = serializers.CharField(allow_blank=True)


class QueueRowSerializer(serializers.Serializer):
    """One use case in the Board's review queue."""

    id = serializers.IntegerField(source="use_case.pk", help_text=_("The use case's id."))
    title = serializers.CharField(source="use_case.title")
    status = serializers.ChoiceField(
        source="use_case.status", choices=[(s.value, s.label) for s in QUEUE_STATUSES]
    )
    organisation = serializers.CharField(source="use_case.organisation.slug")
    intervention = serializers.CharField(source="use_case.intervention.slug")
    age_days = serializers.IntegerField(help_text=_("Days in the current status, pauses left out."))
    paused = serializers.BooleanField(help_text=_("The partner holds it: the clock is paused."))
    overdue = serializers.BooleanField()
    assessment_count = serializers.IntegerField()
    required = serializers.IntegerField()
    assigned = serializers.SerializerMethodField()
    conflicts = serializers.SerializerMethodField()
    waits_for = serializers.ChoiceField(choices=list(WAITS_FOR.items()))
    open_to_all_reviewers = serializers.BooleanField(source="use_case.open_to_all_reviewers")

    def get_assigned(self, row) -> list[str]:
        return [a.reviewer.username for a in row.assigned]

    def get_conflicts(self, row) -> list[dict[str, str]]:
        return [
            {"reviewer": c["reviewer"].username, "kind": c["kind"], "reason": c["reason"]}
            for c in row.conflicts
        ]
