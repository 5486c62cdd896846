"""Writes of the review: assignments, conflicts, the open switch, questions to
the partner, comments and draft assessments. Every caller — portal, API,
admin, demo — goes through these functions."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.accounts import roles

from ..models import CRITERIA
from ..models import Assessment
from ..models import AssessmentDraft
from ..models import Comment
from ..models import DeclaredConflict
from ..models import NoticeKind
from ..models import Question
from ..models import ReviewAssignment
from ..models import ReviewerExpertise
from ..models import UseCase
from ..models import UseCaseStatus as S
from .conflicts import conflict_of
from .conflicts import conflicts_of
from .notices import notify

ASSIGNABLE = (S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION_REQUESTED)
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _require_board(actor, message):
    if not (_signed_in(actor) and actor.is_board):
        raise PermissionDenied(message)


def reviewers():
    """Every active reviewer, in a stable order."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name="reviewer")
        .distinct()
        .order_by("last_name", "first_name", "username", "pk")
    )


def is_assigned(*, use_case, user) -> bool:
    return ReviewAssignment.objects.filter(use_case=use_case, reviewer_id=user.pk).exists()


def may_assess(*, use_case, user) -> bool:
    """A reviewer without a conflict, while the use case is in review, when
    assigned to it or the Board opened it to all reviewers."""
    if not (_signed_in(user) and user.is_reviewer and use_case.status == S.IN_REVIEW):
        return False
    if conflict_of(use_case, user) is not None:
        return False
    return use_case.open_to_all_reviewers or is_assigned(use_case=use_case, user=user)


def check_may_assess(*, use_case, user) -> None:
    if not (_signed_in(user) and user.is_reviewer):
        raise PermissionDenied(_("Only reviewers assess use cases."))
    if use_case.status != S.IN_REVIEW:
        raise ValidationError(
            _("Use cases can be assessed only while they are in review."), code="not_in_review"
        )
    conflict = conflict_of(use_case, user)
    if conflict is not None:
        raise PermissionDenied(
            _("You have a conflict of interest with this use case: %(why)s.")
            % {"why": conflict.label}
        )
    if not (use_case.open_to_all_reviewers or is_assigned(use_case=use_case, user=user)):
        raise PermissionDenied(_("Only reviewers the Board assigned may assess this use case."))


# -- assignment ---------------------------------------------------------------


def suggested_reviewers(*, use_case, limit: int = 3) -> list:
    """Reviewers the Board might assign: without a conflict, not yet assigned;
    those whose declared expertise matches the needed capabilities first, then
    the fewest open assignments, then the most matches."""
    needed = set(use_case.needed_capabilities or [])
    assigned = set(use_case.review_assignments.values_list("reviewer_id", flat=True))
    open_counts = dict(
        ReviewAssignment.objects.open()
        .filter(use_case__status__in=ASSIGNABLE)
        .values("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    expertise = dict(ReviewerExpertise.objects.values_list("reviewer_id", "capabilities"))
    candidates = [r for r in reviewers() if r.pk not in assigned]
    conflicts = conflicts_of(use_case, candidates)
    rows = []
    for reviewer in candidates:
        if reviewer.pk in conflicts:
            continue
        matches = len(needed & set(expertise.get(reviewer.pk) or []))
        reviewer.open_assignments = open_counts.get(reviewer.pk, 0)
        reviewer.matching_expertise = matches
        rows.append(reviewer)
    rows.sort(key=lambda r: (r.matching_expertise == 0, r.open_assignments, -r.matching_expertise))
    return rows[:limit]


def assign_reviewer(*, use_case, reviewer, actor, when=None) -> ReviewAssignment:
    """The Board assigns ``reviewer``; refused on a conflict of interest."""
    _require_board(actor, _("Only the Board assigns reviewers."))
    if not (reviewer.is_active and reviewer.is_reviewer):
        raise ValidationError({"reviewer": _("Choose a user with the reviewer role.")})
    if use_case.status not in ASSIGNABLE:
        raise ValidationError(
            {"use_case": _("Reviewers are assigned while a use case is submitted or in review.")}
        )
    conflict = conflict_of(use_case, reviewer)
    if conflict is not None:
        raise ValidationError(
            {
                "reviewer": _("%(name)s has a conflict of interest: %(why)s.")
                % {"name": reviewer, "why": conflict.label}
            },
            code="conflict",
        )
    with transaction.atomic():
        assignment, made = ReviewAssignment.objects.get_or_create(
            use_case=use_case,
            reviewer=reviewer,
            defaults={"assigned_by": actor, "created": when or timezone.now()},
        )
        if made:
            notify(
                kind=NoticeKind.ASSIGNED,
                key=f"assignment:{assignment.pk}",
                use_case=use_case,
                recipients=[reviewer],
                actor=actor,
            )
    return assignment


def unassign_reviewer(*, assignment, actor) -> None:
    _require_board(actor, _("Only the Board assigns reviewers."))
    assignment._history_user = actor
    assignment.delete()


def declare_conflict(*, use_case, reviewer, reason: str, when=None) -> DeclaredConflict:
    """A reviewer declares a conflict of interest: recorded with the reason, and
    their assignment (if any) is removed."""
    if not (_signed_in(reviewer) and reviewer.is_reviewer):
        raise PermissionDenied(_("Only reviewers declare conflicts of interest."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you cannot judge this use case fairly.")})
    with transaction.atomic():
        conflict, made = DeclaredConflict.objects.get_or_create(
            use_case=use_case,
            reviewer=reviewer,
            defaults={"reason": reason, "created": when or timezone.now()},
        )
        if not made:
            raise ValidationError(
                {"use_case": _("You have already declared a conflict here.")}, code="unique"
            )
        for assignment in ReviewAssignment.objects.filter(use_case=use_case, reviewer=reviewer):
            assignment._history_user = reviewer
            assignment.delete()
    return conflict


def set_open_to_all_reviewers(*, use_case, open_: bool, actor) -> UseCase:
    _require_board(actor, _("Only the Board opens a use case to all reviewers."))
    UseCase.objects.filter(pk=use_case.pk).update(
        open_to_all_reviewers=bool(open_), updated=timezone.now()
    )
    use_case.open_to_all_reviewers = bool(open_)
    return use_case


def save_expertise(*, reviewer, capabilities, actor) -> ReviewerExpertise:
    if not (_signed_in(actor) and (actor.is_board or actor.pk == reviewer.pk)):
        raise PermissionDenied(_("You may change only your own expertise."))
    expertise = ReviewerExpertise.objects.filter(reviewer=reviewer).first() or ReviewerExpertise(
        reviewer=reviewer
    )
    expertise.capabilities = list(capabilities)
    expertise._history_user = actor
    expertise.full_clean()
    expertise.save()
    return expertise


# -- questions to the partner --------------------------------------------------


def ask_question(*, use_case, text: str, actor, when=None) -> Question:
    """The Board asks the submitting organisation: the use case moves to
    ``more_information_requested`` and the question is recorded with the move
    (``usecases.review.moves``); the partner is told by the move's notice."""
    from ..services import transition_use_case

    transition_use_case(
        use_case=use_case, to=S.MORE_INFORMATION_REQUESTED, actor=actor, reason=text, when=when
    )
    return Question.objects.filter(use_case=use_case).order_by("-asked_at", "-pk").first()


def answer_question(*, use_case, answer: str, actor, when=None) -> Question | None:
    """The submitting organisation answers the open question: the use case goes
    back in review, the answer is recorded and the Board told."""
    from ..services import transition_use_case

    transition_use_case(use_case=use_case, to=S.IN_REVIEW, actor=actor, reason=answer, when=when)
    return Question.objects.filter(use_case=use_case).order_by("-asked_at", "-pk").first()


# -- comments -----------------------------------------------------------------


def may_comment(*, use_case, user, kind: str) -> bool:
    if not _signed_in(user):
        return False
    if user.is_board:
        return True
    if user.is_reviewer and is_assigned(use_case=use_case, user=user):
        return True
    return kind == Comment.Kind.SHARED and user.acts_for(use_case.organisation_id)


def comment_readers(*, use_case, kind: str):
    """Who may read a comment of ``kind`` on ``use_case`` (mentions reach only them)."""
    users = get_user_model().objects.filter(is_active=True)
    shown = roles.board_q()
    shown |= Q(groups__name=roles.REVIEWER, review_assignments__use_case=use_case)
    if kind == Comment.Kind.SHARED:
        shown |= Q(groups__name=roles.PARTNER, organisation_id=use_case.organisation_id)
    return users.filter(shown).distinct()


def _notify_mentions(comment, actor) -> None:
    names = {name.rstrip(".") for name in MENTION.findall(comment.body)}
    if not names:
        return
    readers = comment_readers(use_case=comment.use_case, kind=comment.kind).filter(
        username__in=names
    )
    notify(
        kind=NoticeKind.MENTIONED,
        key=f"comment:{comment.pk}",
        use_case=comment.use_case,
        recipients=list(readers.order_by("pk")),
        actor=actor,
        text=comment.body,
    )


def post_comment(*, use_case, author, kind: str, body: str, when=None) -> Comment:
    if kind not in Comment.Kind.values:
        raise ValidationError({"kind": _("Choose internal or shared.")})
    if not may_comment(use_case=use_case, user=author, kind=kind):
        raise PermissionDenied(_("You may not comment here."))
    comment = Comment(use_case=use_case, author=author, kind=kind, body=(body or "").strip())
    if when is not None:
        comment.created = when
        comment._history_date = when
    comment._history_user = author
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        _notify_mentions(comment, author)
    return comment


def edit_comment(*, comment, actor, body: str) -> Comment:
    """The author edits their comment; the earlier text stays in its history."""
    if not (_signed_in(actor) and actor.pk == comment.author_id):
        raise PermissionDenied(_("Only the author edits a comment."))
    comment.body = (body or "").strip()
    comment.edited = True
    comment._history_user = actor
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        _notify_mentions(comment, actor)
    return comment


# -- draft assessments ----------------------------------------------------------


def save_draft_assessment(*, use_case, reviewer, values: dict) -> AssessmentDraft:
    """Keep a reviewer's unfinished assessment; nobody else sees it."""
    check_may_assess(use_case=use_case, user=reviewer)
    names = (*CRITERIA, "recommendation", "rationale")
    kept = {name: values[name] for name in names if values.get(name) not in (None, "")}
    draft, _made = AssessmentDraft.objects.update_or_create(
        use_case=use_case, reviewer=reviewer, defaults={"values": kept}
    )
    return draft


def submit_assessment(*, use_case, reviewer, **scores) -> Assessment:
    """Record the assessment and drop the reviewer's draft."""
    from ..services import record_assessment

    with transaction.atomic():
        assessment = record_assessment(use_case=use_case, reviewer=reviewer, **scores)
        AssessmentDraft.objects.filter(use_case=use_case, reviewer=reviewer).delete()
    return assessment
