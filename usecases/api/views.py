from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from corridor.api.viewsets import CorridorViewSet

from .. import services
from ..models import Assessment
from ..models import UseCase
from ..policies import UseCasePolicy
from ..review.conflicts import conflicts_of
from ..review.services import reviewers
from ..review.services import set_open_to_all_reviewers
from .filters import AssessmentFilterSet
from .filters import UseCaseFilterSet
from .review_serializers import AssessmentListSerializer
from .review_serializers import AssessmentSerializer
from .review_serializers import ConflictOfInterestSerializer
from .review_serializers import OpenToReviewersSerializer
from .serializers import StatusChangeSerializer
from .serializers import TransitionSerializer
from .serializers import UseCaseListSerializer
from .serializers import UseCaseSerializer


class UseCaseViewSet(CorridorViewSet):
    """Use cases, seen per role. The status moves only through ``transition``."""

    model = UseCase
    serializer_class = UseCaseSerializer
    list_serializer_class = UseCaseListSerializer
    filterset_class = UseCaseFilterSet
    deferred_pages = True
    # A tighter rate on creating use cases (corridor.security.throttling).
    throttle_actions = {"create": "use_case_create"}

    keep_pages = True
    keep_details = True

    def list_queryset(self, queryset):
        # Read with ``values()`` (``UseCaseListSerializer.value_columns``), which
        # joins what the slugs need by itself; of the review values a list
        # shows the score.
        return queryset.with_disclosure(self.request.user, scores=("score",))

    def detail_queryset(self, queryset):
        queryset = queryset.select_related(
            "intervention", "organisation", "submitted_by"
        ).with_partner_slugs()
        return queryset.with_disclosure(self.request.user)

    def can_create(self, user):
        return user.is_board or user.is_partner

    def can_update(self, instance, user):
        return services.can_edit_use_case(use_case=instance, user=user)

    def can_destroy(self, instance, user):
        return services.can_delete_use_case(use_case=instance, user=user)

    def create_object(self, data, user):
        organisation = data.pop("organisation", None)
        if organisation is None:
            if not user.is_partner:
                raise ValidationError({"organisation": [_("This field is required.")]})
            organisation = user.organisation
        return services.create_use_case(actor=user, organisation=organisation, **data)

    def update_object(self, instance, data, user):
        return services.update_use_case(use_case=instance, actor=user, **data)

    def destroy_object(self, instance, user):
        services.delete_use_case(use_case=instance, actor=user)

    @extend_schema(
        request=TransitionSerializer,
        responses={200: UseCaseSerializer},
        summary=_("Move the use case to another status"),
        description=_(
            "Moves along draft → submitted → in_review → selected | declined, "
            "selected → in_execution → completed, draft | submitted → withdrawn. "
            "Submitting and withdrawing are the submitting organisation's; the rest "
            "the Board's, whose decisions need a reason. 403 when the move is not "
            "yours to make, 400 (on `to` or `reason`) when the workflow refuses it."
        ),
        examples=[
            OpenApiExample(
                "submit",
                summary=_("A partner submits its draft"),
                value={"to": "submitted", "reason": ""},
                request_only=True,
            ),
            OpenApiExample(
                "select",
                summary=_("The Board selects a use case"),
                value={"to": "selected", "reason": "Joins Almere and Eindhoven on health data."},
                request_only=True,
            ),
        ],
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def transition(self, request, pk=None):
        use_case = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            use_case = self.check_if_match(use_case)
            services.transition_use_case(
                use_case=use_case,
                to=serializer.validated_data["to"],
                reason=serializer.validated_data["reason"],
                actor=request.user,
                confirm_override=serializer.validated_data["confirm_override"],
                override_reason=serializer.validated_data["override_reason"],
            )
        return self._respond(use_case)

    @extend_schema(
        request=OpenToReviewersSerializer,
        responses={200: UseCaseSerializer},
        summary=_("Open the use case to all reviewers, or close it"),
        description=_(
            "The Board's switch: when open, any reviewer without a conflict of interest "
            "may assess the use case, not only those assigned. 403 for anyone else."
        ),
        tags=["review"],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="open-to-reviewers",
        filter_backends=[],
        pagination_class=None,
    )
    def open_to_reviewers(self, request, pk=None):
        use_case = self.get_object()
        serializer = OpenToReviewersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        set_open_to_all_reviewers(
            use_case=use_case,
            open_=serializer.validated_data["open_to_all_reviewers"],
            actor=request.user,
        )
        return self._respond(use_case)

    @extend_schema(
        responses={200: ConflictOfInterestSerializer(many=True)},
        summary=_("The use case's conflicts of interest"),
        description=_(
            "Every reviewer kept from the use case: their organisation submitted it, is a "
            "partner or a member of its coalition, or they declared a conflict (with the "
            "reason). The Board only."
        ),
        tags=["review"],
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        permission_classes=[IsAuthenticated],
    )
    def conflicts(self, request, pk=None):
        use_case = self.get_object()
        if not UseCasePolicy(request.user).sees_conflicts(use_case):
            raise PermissionDenied(_("The conflicts of interest are the Board's to see."))
        found = conflicts_of(use_case, reviewers())
        users = {user.pk: user for user in reviewers()}
        rows = [
            {
                "reviewer": users[c.reviewer_id].username if c.reviewer_id in users else "",
                "kind": c.kind,
                "reason": c.reason,
            }
            for c in found.values()
        ]
        return Response(ConflictOfInterestSerializer(rows, many=True).data)

    @extend_schema(
        responses={200: StatusChangeSerializer(many=True)},
        summary=_("The use case's status changes: who, when, why"),
        description=_(
            "Every move of the use case's status, oldest first. Who made a move and "
            "why are present only for readers who may see them."
        ),
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        use_case = self.get_object()
        changes = use_case.status_changes.select_related("actor").order_by("created", "id")
        hidden = UseCasePolicy(request.user).move_fields_hidden(use_case)
        context = {"hidden_fields": hidden}
        return Response(StatusChangeSerializer(changes, many=True, context=context).data)


class AssessmentViewSet(CorridorViewSet):
    """Reviewers' assessments: a reviewer sees the others' only after their own."""

    model = Assessment
    serializer_class = AssessmentSerializer
    list_serializer_class = AssessmentListSerializer
    filterset_class = AssessmentFilterSet
    public_reads = False
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("reviewer")

    def can_create(self, user):
        return user.is_reviewer

    def can_update(self, instance, user):
        return user.is_reviewer and instance.reviewer_id == user.pk

    def create_object(self, data, user):
        use_case = data.pop("use_case")
        if Assessment.objects.filter(use_case=use_case, reviewer=user).exists():
            raise ValidationError(
                {"use_case": [_("You have already assessed this use case; change that one.")]}
            )
        return services.record_assessment(use_case=use_case, reviewer=user, **data)

    def update_object(self, instance, data, user):
        data.pop("use_case", None)
        return services.record_assessment(use_case=instance.use_case, reviewer=user, **data)
