"""What a status move does to the review, inside the move's transaction:
the clock, the question and its answer, and the Board's notice of a submission."""

from django.utils.translation import gettext_lazy as _

from ..models import NoticeKind
from ..models import Question
from ..models import UseCaseStatus as S
from .clock import move_clock
from .notices import board_users
from .notices import notify

# Moves whose reason is a question or an answer: what to ask for when it is empty.
REASON_PROMPTS = {
    (S.IN_REVIEW, S.MORE_INFORMATION_REQUESTED): _("Write the question for the partner."),
    (S.MORE_INFORMATION_REQUESTED, S.IN_REVIEW): _("Write the answer to the Board's question."),
}


def after_move(change) -> None:
    move_clock(change)
    use_case = change.use_case
    source, target = change.from_status, change.to_status
    if target == S.SUBMITTED:
        notify(
            kind=NoticeKind.SUBMITTED,
            key=f"submitted:{change.pk}",
            use_case=use_case,
            recipients=board_users(),
            actor=change.actor,
        )
    elif target == S.MORE_INFORMATION_REQUESTED:
        question = Question(
            use_case=use_case, text=change.reason, asked_by=change.actor, asked_at=change.created
        )
        question._history_user = change.actor
        question._history_date = change.created
        question.save()
    elif source == S.MORE_INFORMATION_REQUESTED and target == S.IN_REVIEW:
        question = (
            Question.objects.select_for_update()
            .filter(use_case=use_case, answered_at__isnull=True)
            .first()
        )
        if question is not None:
            question.answer = change.reason
            question.answered_by = change.actor
            question.answered_at = change.created
            question._history_user = change.actor
            question._history_date = change.created
            question.save()
            notify(
                kind=NoticeKind.ANSWERED,
                key=f"answer:{question.pk}",
                use_case=use_case,
                recipients=board_users(),
                actor=change.actor,
                text=change.reason,
            )
