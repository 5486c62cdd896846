"""The review round's API: assignments, declared conflicts, questions to the
partner and their answers, comments, and the Board's review queue. Rows are
scoped by their ``visible_to`` selectors (the table in ``usecases.policies``);
every write calls ``usecases.review.services``."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import extend_schema
from drf_spectacular.utils import extend_schema_view
from rest_framework import pagination
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from corridor.api.exceptions import corridor_exception_handler
from corridor.api.pagination import CorridorPagination
from corridor.api.parsers import CorridorJSONParser
from corridor.api.renderers import JSONRenderer
from corridor.api.renderers import stream_csv
from corridor.api.schema import CorridorAutoSchema
from corridor.api.viewsets import CorridorViewSet
from corridor.api.viewsets import ReadOnlyCorridorViewSet

from ..models import Comment
from ..models import DeclaredConflict
from ..models import Question
from ..models import ReviewAssignment
from ..review import services as review
from ..review.queue import ORDERINGS
from ..review.queue import QUEUE_STATUSES
from ..review.queue import WAITS_FOR
from ..review.queue import board_queue
from .review_serializers import AnswerSerializer
from .review_serializers import CommentSerializer
from .review_serializers import DeclaredConflictSerializer
from .review_serializers import QuestionSerializer
from .review_serializers import QueueRowSerializer
from .review_serializers import ReviewAssignmentSerializer

TAG = ["review"]


def _op(summary, description):
    return extend_schema(summary=summary, description=description, tags=TAG)


@extend_schema_view(
    list=_op(_("List review assignments"), _("The Board sees all; a reviewer their own.")),
    retrieve=_op(_("Read one review assignment"), _("The Board, or the assigned reviewer.")),
    create=_op(
        _("Assign a reviewer"),
        _(
            "The Board assigns a reviewer to a use case submitted or in review. Refused "
            "(400) when the reviewer's organisation submitted it, is a partner or a member "
            "of its coalition, or the reviewer declared a conflict. The reviewer is notified."
        ),
    ),
    destroy=_op(_("Remove a review assignment"), _("The Board only.")),
)
class ReviewAssignmentViewSet(CorridorViewSet):
    """Reviewers assigned by the Board to use cases."""

    model = ReviewAssignment
    serializer_class = ReviewAssignmentSerializer
    filterset_class = None
    public_reads = False
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("reviewer", "assigned_by")

    def create_object(self, data, user):
        return review.assign_reviewer(
            use_case=data["use_case"], reviewer=data["reviewer"], actor=user
        )

    def destroy_object(self, instance, user):
        review.unassign_reviewer(assignment=instance, actor=user)


@extend_schema_view(
    list=_op(
        _("List declared conflicts of interest"),
        _("The Board sees every declared conflict; a reviewer their own."),
    ),
    retrieve=_op(_("Read one declared conflict"), _("The Board, or the reviewer who declared it.")),
    create=_op(
        _("Declare a conflict of interest"),
        _(
            "A reviewer declares a conflict with a use case, with the reason; their "
            "assignment to it is removed and they may no longer assess it."
        ),
    ),
)
class DeclaredConflictViewSet(CorridorViewSet):
    """Conflicts of interest reviewers declared."""

    model = DeclaredConflict
    serializer_class = DeclaredConflictSerializer
    filterset_class = None
    public_reads = False
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("reviewer")

    def can_create(self, user):
        return user.is_reviewer

    def create_object(self, data, user):
        return review.declare_conflict(
            use_case=data["use_case"], reviewer=user, reason=data["reason"]
        )


@extend_schema_view(
    list=_op(
        _("List questions to partners"),
        _(
            "Questions the Board asked submitting organisations, with their answers: "
            "for the Board, the assigned reviewers and the submitting organisation."
        ),
    ),
    retrieve=_op(_("Read one question and its answer"), _("As the list.")),
    create=_op(
        _("Ask the partner a question"),
        _(
            "The Board asks the submitting organisation of a use case in review; the use "
            "case moves to more_information_requested and its review clock pauses."
        ),
    ),
)
class QuestionViewSet(CorridorViewSet):
    """Questions to the submitting organisation, and answers."""

    model = Question
    serializer_class = QuestionSerializer
    filterset_class = None
    public_reads = False
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("asked_by", "answered_by")

    def create_object(self, data, user):
        return review.ask_question(use_case=data["use_case"], text=data["text"], actor=user)

    @_op(
        _("Answer the question"),
        _(
            "The submitting organisation answers an open question; the use case goes back "
            "in review and the Board is notified. 400 when it is already answered."
        ),
    )
    @extend_schema(request=AnswerSerializer, responses={200: QuestionSerializer})
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def answer(self, request, pk=None):
        question = self.get_object()
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not question.is_open:
            raise ValidationError({"answer": [_("This question has already been answered.")]})
        review.answer_question(
            use_case=question.use_case,
            answer=serializer.validated_data["answer"],
            actor=request.user,
        )
        return self._respond(question)


@extend_schema_view(
    list=_op(
        _("List comments"),
        _(
            "Internal comments are the Board's and the assigned reviewers'; shared ones "
            "also the submitting organisation's. Never public."
        ),
    ),
    retrieve=_op(_("Read one comment"), _("As the list.")),
    create=_op(
        _("Comment on a use case"),
        _(
            "Markdown; mentioning @username notifies that user if they may read the "
            "comment. Partners write shared comments only."
        ),
    ),
    partial_update=_op(
        _("Edit a comment"), _("The author only; the earlier text stays in the history.")
    ),
    update=_op(_("Replace a comment's text"), _("The author only; as the partial update.")),
)
class CommentViewSet(CorridorViewSet):
    """The comment thread of each use case."""

    model = Comment
    serializer_class = CommentSerializer
    filterset_class = None
    public_reads = False
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("author")

    def can_create(self, user):
        return user.is_authenticated

    def can_update(self, instance, user):
        return instance.author_id == user.pk

    def create_object(self, data, user):
        return review.post_comment(
            use_case=data["use_case"], author=user, kind=data["kind"], body=data["body"]
        )

    def update_object(self, instance, data, user):
        return review.edit_comment(
            comment=instance, actor=user, body=data.get("body", instance.body)
        )


QUEUE_PARAMETERS = [
    OpenApiParameter("status", str, enum=[s.value for s in QUEUE_STATUSES]),
    OpenApiParameter("waits_for", str, enum=list(WAITS_FOR)),
    OpenApiParameter("intervention", str, description=_("An intervention's slug.")),
    OpenApiParameter("overdue", bool, description=_("Only those waiting too long.")),
    OpenApiParameter("ordering", str, enum=list(ORDERINGS)),
]


class QueuePagination(CorridorPagination):
    """Pages of the queue's rows, worked out in Python: a plain paginator."""

    django_paginator_class = Paginator

    def get_paginated_response(self, data):
        response = pagination.PageNumberPagination.get_paginated_response(self, data)
        response.data["count_exact"] = True
        return response


class ReviewQueueViewSet(viewsets.GenericViewSet):
    """The Board's review queue: every use case submitted or in review. Anyone
    else who signs in reads an empty list, as with the digests."""

    authentication_classes = ReadOnlyCorridorViewSet.authentication_classes
    permission_classes = ReadOnlyCorridorViewSet.permission_classes
    renderer_classes = ReadOnlyCorridorViewSet.renderer_classes
    parser_classes = [CorridorJSONParser]
    pagination_class = QueuePagination
    schema = CorridorAutoSchema()
    public_reads = False
    serializer_class = QueueRowSerializer
    filter_backends = []

    def get_exception_handler(self):
        return corridor_exception_handler

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if getattr(getattr(self.request, "accepted_renderer", None), "format", None) == "csv":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def rows(self, request):
        query = request.query_params
        errors = {}
        status = query.get("status") or None
        if status and status not in {s.value for s in QUEUE_STATUSES}:
            errors["status"] = [_("Unknown status.")]
        waits_for = query.get("waits_for") or None
        if waits_for and waits_for not in WAITS_FOR:
            errors["waits_for"] = [_("Unknown value.")]
        ordering = query.get("ordering") or "age"
        if ordering not in ORDERINGS:
            errors["ordering"] = [_("Unknown ordering.")]
        overdue = query.get("overdue", "").lower()
        if overdue not in ("", "true", "false", "1", "0"):
            errors["overdue"] = [_("Say true or false.")]
        if errors:
            raise ValidationError(errors)
        if not request.user.is_board:
            return []
        return board_queue(
            status=status,
            waits_for=waits_for,
            intervention=query.get("intervention") or None,
            overdue=overdue in ("true", "1"),
            order=ordering,
        )

    @_op(
        _("The Board's review queue"),
        _(
            "Every use case submitted or in review: its age in the current status (the "
            "clock pauses while the partner holds it), assessments against the number "
            "required, conflicts of interest and what it waits for. Oldest first unless "
            "ordered otherwise. The Board's: anyone else who signs in reads an empty list."
        ),
    )
    @extend_schema(parameters=QUEUE_PARAMETERS, responses={200: QueueRowSerializer(many=True)})
    def list(self, request):
        rows = self.rows(request)
        if getattr(request.accepted_renderer, "format", None) == "csv":
            data = QueueRowSerializer(rows, many=True).data
            columns = list(QueueRowSerializer().fields)
            return stream_csv(
                columns,
                ({k: _flat(v) for k, v in row.items()} for row in data),
                f"review-queue-{timezone.localdate().isoformat()}.csv",
            )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(QueueRowSerializer(page, many=True).data)


def _flat(value):
    """A CSV cell: lists joined, conflicts as ``reviewer (kind)``."""
    if isinstance(value, list):
        return ", ".join(
            f"{item['reviewer']} ({item['kind']})" if isinstance(item, dict) else str(item)
            for item in value
        )
    return value
