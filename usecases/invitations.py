"""The services of partner invitations: the Board invites an organisation to a
use case, withdraws the invitation while it is pending, and the invited
organisation's partner users accept or decline it. Accepting is what adds the
partner (a row in the use case's history, by who accepted).

The email outbox registers with ``on_invitation`` (as it does with
``usecases.services.on_transition``), so an invitation and its emails are
written in one transaction."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PartnerInvitation
from .models import UseCase
from .services import can_edit_use_case

Status = PartnerInvitation.Status
_invitation_hooks: list = []


def on_invitation(hook):
    """Register ``hook(invitation)``, called inside the invitation's transaction."""
    if hook not in _invitation_hooks:
        _invitation_hooks.append(hook)
    return hook


def may_answer(*, invitation: PartnerInvitation, user) -> bool:
    """The invited organisation's partner users answer a pending invitation."""
    return (
        invitation.status == Status.PENDING
        and user is not None
        and user.is_authenticated
        and user.is_partner
        and user.organisation_id == invitation.organisation_id
    )


def invite_partner(*, use_case: UseCase, organisation, actor) -> PartnerInvitation:
    """Invite ``organisation`` as a partner of ``use_case``, as the Board.

    An organisation already involved (submitter, partner or invited) is refused.
    """
    if actor is None or not actor.is_authenticated or not actor.is_board:
        raise PermissionDenied(_("Only the Board may invite partners."))
    if not can_edit_use_case(use_case=use_case, user=actor):
        raise PermissionDenied(_("This use case can no longer be edited by you."))
    with transaction.atomic():
        locked = UseCase.objects.select_for_update().get(pk=use_case.pk)
        if (
            organisation.pk == locked.organisation_id
            or locked.partners.filter(pk=organisation.pk).exists()
        ):
            raise ValidationError(
                {
                    "organisation": _("%(name)s is already involved in this use case.")
                    % {"name": organisation.name}
                }
            )
        if locked.invitations.filter(organisation=organisation, status=Status.PENDING).exists():
            raise ValidationError(
                {
                    "organisation": _("%(name)s is already invited and has not answered yet.")
                    % {"name": organisation.name}
                }
            )
        invitation = PartnerInvitation.objects.create(
            use_case=locked, organisation=organisation, invited_by=actor
        )
        for hook in _invitation_hooks:
            hook(invitation)
    return invitation


def _pending(invitation: PartnerInvitation) -> PartnerInvitation:
    locked = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != Status.PENDING:
        raise ValidationError(
            _("This invitation is already %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def answer_invitation(*, invitation: PartnerInvitation, actor, accept: bool) -> PartnerInvitation:
    """Accept (the organisation becomes a partner) or decline, as the invited organisation."""
    if not may_answer(invitation=invitation, user=actor):
        raise PermissionDenied(_("Only the invited organisation answers this invitation."))
    with transaction.atomic():
        locked = _pending(invitation)
        if accept:
            use_case = UseCase.objects.select_for_update().get(pk=locked.use_case_id)
            use_case._history_user = actor
            use_case.partners.add(locked.organisation_id)
        locked.status = Status.ACCEPTED if accept else Status.DECLINED
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_by", "answered_at"])
    return locked


def withdraw_invitation(*, invitation: PartnerInvitation, actor) -> PartnerInvitation:
    """Take back a pending invitation, as the Board (the undo of inviting)."""
    if actor is None or not actor.is_authenticated or not actor.is_board:
        raise PermissionDenied(_("Only the Board may withdraw an invitation."))
    with transaction.atomic():
        locked = _pending(invitation)
        locked.status = Status.WITHDRAWN
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_by", "answered_at"])
    return locked
