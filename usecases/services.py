"""Writes of use cases: the status workflow, creation, edits and assessments.

Every caller — the portal, the API, the admin, tasks and commands — goes
through these functions, so each rule is enforced in one place.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assessing import can_assess
from .assessing import delete_assessments
from .assessing import record_assessment
from .assessing import save_assessment
from .assessing import save_criterion_weights
from .models import Assessment
from .models import Attachment
from .models import SelectionOverride
from .models import StatusChange
from .models import UseCase
from .models import UseCaseStatus as S
from .review import moves as review_moves
from .review.clock import required_assessments
from .uploads import clean_original_name
from .uploads import inspect_upload

__all__ = [
    "can_assess",
    "delete_assessments",
    "record_assessment",
    "save_assessment",
    "save_criterion_weights",
]

BOARD = "board"
SUBMITTER = "submitter"


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    by: str  # BOARD or SUBMITTER
    needs_reason: bool = False


MOVES: tuple[Move, ...] = (
    Move(S.DRAFT, S.SUBMITTED, SUBMITTER),
    Move(S.DRAFT, S.WITHDRAWN, SUBMITTER),
    Move(S.SUBMITTED, S.WITHDRAWN, SUBMITTER),
    Move(S.SUBMITTED, S.IN_REVIEW, BOARD),
    Move(S.IN_REVIEW, S.SELECTED, BOARD, needs_reason=True),
    Move(S.IN_REVIEW, S.DECLINED, BOARD, needs_reason=True),
    # The Board asks the partner a question (the reason); the partner's answer
    # (the reason) brings it back.
    Move(S.IN_REVIEW, S.MORE_INFORMATION_REQUESTED, BOARD, needs_reason=True),
    Move(S.MORE_INFORMATION_REQUESTED, S.IN_REVIEW, SUBMITTER, needs_reason=True),
    Move(S.SELECTED, S.IN_EXECUTION, BOARD),
    Move(S.IN_EXECUTION, S.COMPLETED, BOARD),
)
_MOVES_BY_PAIR = {(m.source, m.target): m for m in MOVES}


def path_from_draft(status: str) -> list[Move]:
    """The shortest run of ``MOVES`` that brings a draft to ``status`` (the demo
    and the tests walk it, as the real roles would)."""
    paths: dict[str, list[Move]] = {S.DRAFT: []}
    frontier = [S.DRAFT]
    while frontier and status not in paths:
        source = frontier.pop(0)
        for move in MOVES:
            if move.source == source and move.target not in paths:
                paths[move.target] = [*paths[source], move]
                frontier.append(move.target)
    return paths[status]


class TransitionError(ValidationError):
    """A move the workflow refuses; the message says why."""


def _may_make(user, move: Move, use_case: UseCase) -> bool:
    if move.by == BOARD:
        return user.is_board
    return user.acts_for(use_case.organisation_id)


def allowed_moves(*, use_case: UseCase, user) -> list[str]:
    """The statuses ``user`` may move ``use_case`` to now."""
    if user is None or not user.is_authenticated:
        return []
    return [m.target for m in MOVES if m.source == use_case.status and _may_make(user, m, use_case)]


def _check_complete_for_submission(use_case: UseCase) -> None:
    errors = {}
    for field in ("summary", "problem", "expected_outcome"):
        if not getattr(use_case, field).strip():
            errors[field] = _("Fill this in before submitting.")
    if not use_case.sectors:
        errors["sectors"] = _("Choose at least one sector before submitting.")
    if errors:
        raise TransitionError(errors)


def needs_override(*, use_case: UseCase, to: str) -> bool:
    """Whether moving ``use_case`` to ``to`` selects it on fewer assessments
    than required (``CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED``)."""
    if to != S.SELECTED:
        return False
    return Assessment.objects.filter(use_case=use_case).count() < required_assessments()


def transition_use_case(
    *,
    use_case: UseCase,
    to: str,
    actor,
    reason: str = "",
    when=None,
    confirm_override: bool = True,
    override_reason: str = "",
) -> StatusChange:
    """Move ``use_case`` to status ``to`` as ``actor``, or refuse with a reason.

    The use case row is locked, the move checked against the workflow and the
    actor's role, the status written and a ``StatusChange`` recorded, all in
    one transaction. Raises ``TransitionError`` for an illegal move and
    ``PermissionDenied`` when the actor may not make a legal one.

    Selecting on fewer assessments than required is recorded as a
    ``SelectionOverride`` with ``override_reason`` (the decision's reason when
    empty); the portal and the API ask for it and pass
    ``confirm_override=False`` until the Board confirms, which refuses the move.
    """
    valid = {s.value for s in S}
    if to not in valid:
        raise TransitionError(
            {"to": _("Unknown status “%(status)s”.") % {"status": to}}, code="invalid_choice"
        )
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = UseCase.objects.select_for_update().get(pk=use_case.pk)
        move = _MOVES_BY_PAIR.get((locked.status, to))
        if move is None:
            raise TransitionError(
                {
                    "to": _("A use case cannot move from “%(source)s” to “%(target)s”.")
                    % {"source": S(locked.status).label, "target": S(to).label}
                },
                code="illegal_move",
            )
        if actor is None or not actor.is_authenticated or not _may_make(actor, move, locked):
            who = (
                _("the Board")
                if move.by == BOARD
                else _("a partner user of the submitting organisation")
            )
            raise PermissionDenied(
                _("Only %(who)s may move a use case from “%(source)s” to “%(target)s”.")
                % {"who": who, "source": S(locked.status).label, "target": S(to).label}
            )
        if move.needs_reason and not reason:
            prompt = review_moves.REASON_PROMPTS.get(
                (move.source, move.target), _("Give the rationale for this decision.")
            )
            raise TransitionError({"reason": prompt}, code="reason_required")
        override = needs_override(use_case=locked, to=to)
        override_reason = (override_reason or "").strip()
        if override and not confirm_override:
            raise TransitionError(
                {
                    "override_reason": _(
                        "This use case has %(count)s of the %(required)s assessments required. "
                        "Confirm the selection and say why it cannot wait."
                    )
                    % {
                        "count": Assessment.objects.filter(use_case=locked).count(),
                        "required": required_assessments(),
                    }
                },
                code="override_required",
            )
        if to == S.SUBMITTED:
            _check_complete_for_submission(locked)

        now = when or timezone.now()
        source = locked.status
        locked.status = to
        update_fields = ["status", "updated"]
        if to == S.SUBMITTED:
            locked.submitted_at = now
            update_fields.append("submitted_at")
        if to in (S.SELECTED, S.DECLINED):
            locked.decision_rationale = reason
            update_fields.append("decision_rationale")
        locked._workflow_transition = True
        locked._history_user = actor
        if when is not None:
            # The history row carries the move's time (django-simple-history's
            # documented ``_history_date``), so the record and the moves agree.
            locked._history_date = when
        try:
            locked.save(update_fields=update_fields)
        finally:
            locked._workflow_transition = False
        change = StatusChange.objects.create(
            use_case=locked,
            from_status=source,
            to_status=to,
            actor=actor,
            reason=reason,
            created=now,
        )
        if override:
            SelectionOverride.objects.create(
                status_change=change,
                use_case=locked,
                assessments=Assessment.objects.filter(use_case=locked).count(),
                required=required_assessments(),
                reason=override_reason or reason,
                actor=actor,
                created=now,
            )
        review_moves.after_move(change)
        _after_transition(change)

    # Keep the caller's instance in step with the row.
    use_case.status = locked.status
    use_case.submitted_at = locked.submitted_at
    use_case.decision_rationale = locked.decision_rationale
    use_case.updated = locked.updated
    use_case._loaded_status = locked.status
    return change


_transition_hooks: list = []


def on_transition(hook):
    """Register ``hook(status_change)``, called inside the move's transaction.

    The notification outbox registers here, so a move and its notification
    are written together or not at all. Registering the same hook twice
    registers it once.
    """
    if hook not in _transition_hooks:
        _transition_hooks.append(hook)
    return hook


def _after_transition(change: StatusChange) -> None:
    for hook in _transition_hooks:
        hook(change)


def _check_partners(organisation_id: int, partners) -> None:
    """A use case's partners are other organisations than the one submitting it."""
    if any(partner.pk == organisation_id for partner in partners):
        raise ValidationError(
            {"partners": _("The submitting organisation cannot also be a partner.")}
        )


def create_use_case(*, actor, organisation, partners=(), **fields) -> UseCase:
    """Create a draft use case for ``organisation`` by ``actor``.

    Partners create only for their own organisation; the Board for any.
    """
    if not (actor.is_board or actor.acts_for(organisation.pk)):
        raise PermissionDenied(_("You may only create use cases for your own organisation."))
    fields.pop("status", None)
    use_case = UseCase(organisation=organisation, submitted_by=actor, **fields)
    use_case._history_user = actor
    use_case.full_clean()
    _check_partners(organisation.pk, partners)
    with transaction.atomic():
        use_case.save()
        if partners:
            use_case.partners.set(partners)
    return use_case


def can_edit_use_case(*, use_case: UseCase, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_board:
        return True
    return user.acts_for(use_case.organisation_id) and use_case.is_editable


def update_use_case(*, use_case: UseCase, actor, partners=None, **fields) -> UseCase:
    """Edit a use case: its partners while draft or submitted, the Board always."""
    if not can_edit_use_case(use_case=use_case, user=actor):
        raise PermissionDenied(_("This use case can no longer be edited by you."))
    for forbidden in ("status", "organisation", "submitted_by", "submitted_at"):
        fields.pop(forbidden, None)
    for name, value in fields.items():
        setattr(use_case, name, value)
    use_case._history_user = actor
    use_case.full_clean()
    if partners is not None:
        _check_partners(use_case.organisation_id, partners)
    with transaction.atomic():
        use_case.save()
        if partners is not None:
            use_case.partners.set(partners)
    return use_case


def can_delete_use_case(*, use_case: UseCase, user) -> bool:
    """The Board; a partner user of the submitting organisation while it is a draft."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_board:
        return True
    return user.acts_for(use_case.organisation_id) and use_case.status == S.DRAFT


def delete_use_case(*, use_case: UseCase, actor) -> None:
    """Delete a use case; ``ProtectedError`` once it has moved or been assessed."""
    if not can_delete_use_case(use_case=use_case, user=actor):
        raise PermissionDenied(_("Only drafts can be deleted, by their own organisation."))
    use_case._history_user = actor
    use_case.delete()


def add_attachment(*, use_case: UseCase, actor, upload, is_public: bool = False) -> Attachment:
    """Attach an uploaded file to ``use_case``; whoever may edit it may attach.
    It is the Board's, reviewers' and the organisation's unless ``is_public``.

    The type is read from the bytes (``usecases.uploads``); the file is stored
    under a random name and keeps its original name only in the row.
    """
    if not can_edit_use_case(use_case=use_case, user=actor):
        raise PermissionDenied(_("You may not add attachments to this use case."))
    kind = inspect_upload(upload)
    attachment = Attachment(
        use_case=use_case,
        original_name=clean_original_name(upload.name, kind),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=actor,
        is_public=is_public,
    )
    attachment._history_user = actor
    upload.seek(0)
    attachment.file.save(f"upload{kind.extension}", upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def remove_attachment(*, attachment: Attachment, actor) -> None:
    """Remove an attachment and its stored file, for whoever may edit the use case."""
    if not can_edit_use_case(use_case=attachment.use_case, user=actor):
        raise PermissionDenied(_("You may not remove attachments from this use case."))
    attachment._history_user = actor
    stored = attachment.file.name
    storage = attachment.file.storage
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(stored))
