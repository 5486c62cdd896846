"""The review round on a use case's page: who is assigned, conflicts, the
questions to the partner, and the comment thread — each part shown as
``usecases.policies`` allows."""

from ..models import Comment
from ..models import DeclaredConflict
from ..models import Question
from ..models import ReviewAssignment
from ..models import UseCaseStatus as S
from ..policies import UseCasePolicy
from ..review import services as review
from ..review.conflicts import LABELS
from ..review.conflicts import conflicts_of
from ..review.forms import AnswerForm
from ..review.forms import AssignForm
from ..review.forms import CommentForm
from ..review.forms import ConflictForm
from ..review.forms import OpenSwitchForm


def review_context(request, use_case, **forms) -> dict:
    user = request.user
    policy = UseCasePolicy(user)
    context: dict = {"review_panel": False}
    if not user.is_authenticated:
        return context
    is_board = policy.is_board
    assigned = policy.is_assigned(use_case)
    in_round = use_case.status in review.ASSIGNABLE
    context["review_panel"] = is_board or assigned or (user.is_reviewer and in_round)
    if is_board:
        assignments = list(
            ReviewAssignment.objects.filter(use_case=use_case).select_related("reviewer")
        )
        reviewers = review.reviewers()
        found = conflicts_of(use_case, list(reviewers))
        names = {r.pk: r for r in reviewers}
        context.update(
            assignments=assignments,
            conflicts=[
                {"reviewer": names.get(c.reviewer_id), "label": c.label, "reason": c.reason}
                for c in found.values()
            ],
            suggested=review.suggested_reviewers(use_case=use_case) if in_round else [],
            assign_form=forms.get("assign_form")
            or (
                AssignForm(
                    reviewers=reviewers.exclude(
                        pk__in=[a.reviewer_id for a in assignments]
                    ).exclude(pk__in=list(found))
                )
                if in_round
                else None
            ),
            open_form=OpenSwitchForm(
                initial={"open_to_all_reviewers": use_case.open_to_all_reviewers}
            )
            if in_round
            else None,
        )
    elif user.is_reviewer and in_round:
        declared = DeclaredConflict.objects.filter(use_case=use_case, reviewer=user).first()
        context.update(
            declared_conflict=declared,
            is_assigned=assigned,
            conflict_form=None if declared else forms.get("conflict_form") or ConflictForm(),
        )
    if policy.sees_questions(use_case):
        context["questions"] = list(
            Question.objects.filter(use_case=use_case).select_related("asked_by", "answered_by")
        )
        if use_case.status == S.MORE_INFORMATION_REQUESTED and user.acts_for(
            use_case.organisation_id
        ):
            context["answer_form"] = forms.get("answer_form") or AnswerForm()
    kinds = policy.comment_kinds(use_case)
    if kinds:
        context["comments"] = list(
            Comment.objects.filter(use_case=use_case, kind__in=kinds).select_related("author")
        )
        context["comment_form"] = forms.get("comment_form") or CommentForm(kinds=kinds)
    context["conflict_labels"] = LABELS
    return context
