"""Who is told of what: the outbox rows each announced step writes.

Each function is registered with the domain's hook (``apps.DigestsConfig``)
and runs inside that step's transaction, so nothing is announced without
happening, nor happens unannounced; ``outbox.write`` enqueues the sends after
commit.
"""

from django.contrib.auth import get_user_model

from corridor.accounts import roles

from . import outbox
from .models import InvitationNotification
from .models import Notification
from .models import ProposalNotification

# The steps of a joint agenda proposal the Board is told of; a decision is
# told to the proposal's author.
TO_BOARD = ("submitted", "revised")


def _users_of(organisation_id: int):
    return (
        get_user_model()
        .objects.filter(is_active=True, organisation_id=organisation_id)
        .exclude(email="")
        .order_by("pk")
    )


def queue_status_notifications(change) -> list[Notification]:
    """A use case moved (``usecases.services.on_transition``): every active
    user of the submitting organisation is told."""
    organisation_id = change.use_case.organisation_id
    if organisation_id is None:
        return []
    return outbox.write(Notification, _users_of(organisation_id), status_change=change)


def queue_invitation_notifications(invitation) -> list[InvitationNotification]:
    """The Board invited an organisation as a partner
    (``usecases.invitations.on_invitation``): its active users are told."""
    return outbox.write(
        InvitationNotification, _users_of(invitation.organisation_id), invitation=invitation
    )


def queue_notice_notifications(notices) -> list[Notification]:
    """Review notices (``usecases.review.notices.on_notices``): each one's
    recipient is told."""
    return outbox.write_each(
        Notification, ((notice.recipient, {"notice": notice}) for notice in notices)
    )


def _proposal_recipients(event):
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if event.kind in TO_BOARD:
        board = get_user_model().objects.filter(roles.board_q())
        users = users.filter(pk__in=board.values("pk"))
    else:
        users = users.filter(pk=event.proposal.author_id)
    if event.actor_id:
        users = users.exclude(pk=event.actor_id)
    return users.order_by("pk")


def queue_proposal_notifications(event) -> list[ProposalNotification]:
    """A step of a joint agenda proposal (``interventions.services.on_proposal_event``):
    a new or revised proposal is told to the Board, a decision to its author."""
    return outbox.write(ProposalNotification, _proposal_recipients(event), event=event)
