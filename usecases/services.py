"""Writes of use cases: the status workflow, creation, edits and assessments.

Every caller — the portal, the API, the admin, tasks and commands — goes
through these functions, so each rule is enforced in one place.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor import events

from . import scoring
from .models import Assessment
from .models import Attachment
from .models import CriterionWeights
from .models import StatusChange
from .models import UseCase
from .models import UseCaseStatus as S
from .uploads import clean_original_name
from .uploads import inspect_upload

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


def transition_use_case(
    *, use_case: UseCase, to: str, actor, reason: str = "", when=None
) -> StatusChange:
    """Move ``use_case`` to status ``to`` as ``actor``, or refuse with a reason.

    The use case row is locked, the move checked against the workflow and the
    actor's role, the status written and a ``StatusChange`` recorded, all in
    one transaction. Raises ``TransitionError`` for an illegal move and
    ``PermissionDenied`` when the actor may not make a legal one.
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
            raise TransitionError(
                {"reason": _("Give the rationale for this decision.")}, code="reason_required"
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


def can_assess(*, use_case: UseCase, user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_reviewer
        and use_case.status == S.IN_REVIEW
    )


def record_assessment(*, use_case: UseCase, reviewer, when=None, **scores) -> Assessment:
    """Create or update ``reviewer``'s assessment while the use case is in review.

    ``when`` dates its history record (default now), as ``transition_use_case``'s does."""
    if not reviewer.is_authenticated or not reviewer.is_reviewer:
        raise PermissionDenied(_("Only reviewers assess use cases."))
    if use_case.status != S.IN_REVIEW:
        raise ValidationError(
            _("Use cases can be assessed only while they are in review."), code="not_in_review"
        )
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update()
            .filter(use_case=use_case, reviewer=reviewer)
            .first()
        ) or Assessment(use_case=use_case, reviewer=reviewer)
        for name, value in scores.items():
            setattr(assessment, name, value)
        if when is not None:
            assessment._history_date = when
        assessment.full_clean()
        new = assessment.pk is None
        _save_with_summaries(assessment, actor=reviewer, use_case_ids=[use_case.pk])
        required = settings.CORRIDOR_REQUIRED_ASSESSMENTS
        if new and Assessment.objects.filter(use_case=use_case).count() == required:
            events.publish("use_case.assessments_completed", use_case)
    return assessment


def save_assessment(*, assessment: Assessment, actor=None) -> Assessment:
    """Save ``assessment`` as it stands and rewrite the review summaries it
    feeds (``usecases.scoring``) in the same transaction: its use case's, and
    the one it belonged to when the save moves it to another use case.

    ``record_assessment`` checks a reviewer's rules and saves the same way; the
    admin, whose staff may correct any assessment, calls this directly.
    """
    with transaction.atomic():
        use_case_ids = {assessment.use_case_id}
        if assessment.pk is not None:
            use_case_ids.update(
                Assessment.objects.filter(pk=assessment.pk).values_list("use_case_id", flat=True)
            )
        return _save_with_summaries(assessment, actor=actor, use_case_ids=use_case_ids)


def _save_with_summaries(assessment: Assessment, *, actor, use_case_ids) -> Assessment:
    if actor is not None:
        assessment._history_user = actor
    assessment.save()
    scoring.refresh(use_case_ids)
    return assessment


def delete_assessments(*, assessments: Iterable[Assessment], actor=None) -> None:
    """Delete ``assessments`` and rewrite their use cases' review summaries in
    the same transaction (a use case left without assessments has none)."""
    with transaction.atomic():
        use_case_ids = set()
        for assessment in assessments:
            use_case_ids.add(assessment.use_case_id)
            if actor is not None:
                assessment._history_user = actor
            assessment.delete()
        scoring.refresh(use_case_ids)


def save_criterion_weights(*, weights: CriterionWeights, actor=None) -> CriterionWeights:
    """Save the Board's criterion weights and rescore every assessed use case
    with them, in one transaction: no reader sees new weights with old scores."""
    with transaction.atomic():
        if actor is not None:
            weights._history_user = actor
        weights.full_clean()
        weights.save()
        scoring.refresh()
    return weights


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
