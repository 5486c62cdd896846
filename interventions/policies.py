"""Who may do what with an intervention's joint agenda proposals.

Interventions, action lines and their accepted versions are public. Proposals
are not: the Board and the users of the intervention's current co-owner
organisations see them, comment on them, and (co-owners) make them; only the
Board decides; only the author revises or rebases their own.
"""

from django.db.models import Q

from .joint import CoOwnership
from .joint import Proposal


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def co_owned_intervention_ids(user) -> set[int]:
    """The interventions whose agenda ``user``'s organisation co-owns today."""
    if not _signed_in(user) or not user.is_partner:
        return set()
    return set(
        CoOwnership.objects.current()
        .filter(organisation_id=user.organisation_id)
        .values_list("intervention_id", flat=True)
    )


def is_co_owner(user, intervention) -> bool:
    return intervention.pk in co_owned_intervention_ids(user)


def can_propose(user, intervention) -> bool:
    return is_co_owner(user, intervention)


def can_see_proposals(user, intervention) -> bool:
    return _signed_in(user) and (user.is_board or is_co_owner(user, intervention))


def can_comment(user, proposal: Proposal) -> bool:
    return can_see_proposals(user, proposal.intervention)


def can_decide(user, proposal: Proposal) -> bool:
    return _signed_in(user) and user.is_board and proposal.is_open


def can_revise(user, proposal: Proposal) -> bool:
    """The author, while the proposal is open and their organisation co-owns."""
    return (
        _signed_in(user)
        and proposal.author_id == user.pk
        and proposal.is_open
        and is_co_owner(user, proposal.intervention)
    )


def proposals_visible_to(user):
    """The proposals ``user`` may read: all for the Board, those of the
    interventions their organisation co-owns for a partner, none otherwise."""
    if not _signed_in(user):
        return Proposal.objects.none()
    if user.is_board:
        return Proposal.objects.all()
    return Proposal.objects.filter(Q(intervention_id__in=co_owned_intervention_ids(user)))
