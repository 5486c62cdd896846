"""Writes of the joint agenda: co-owners, proposals, their decisions and comments.

A proposal records the fields it changes and the version (history record) of
its target it was based on. When the target changed those fields since, the
proposal is in conflict: the Board cannot accept it until its author rebases
it on the current version. Accepting saves the change through the ordinary
services, so it becomes the next version with the proposer credited in its
reason. Every step is a ``ProposalEvent``; the hooks registered with
``on_proposal_event`` (the notification outbox) run inside its transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from corridor.writes import require_board
from corridor.writes import save_with_history

from . import policies
from .joint import CoOwnership
from .joint import Proposal
from .joint import ProposalComment
from .joint import ProposalEvent
from .models import ActionLine
from .models import Intervention

# -- co-owners -------------------------------------------------------------------


def name_co_owner(*, intervention, organisation, started=None, actor) -> CoOwnership:
    """Name ``organisation`` co-owner of ``intervention`` from ``started`` (today)."""
    require_board(actor)
    co_ownership = CoOwnership(
        intervention=intervention,
        organisation=organisation,
        started=started or timezone.localdate(),
        created_by=actor,
    )
    return save_with_history(co_ownership, actor=actor)


def end_co_ownership(*, co_ownership: CoOwnership, ended=None, actor) -> CoOwnership:
    require_board(actor)
    co_ownership.ended = ended or timezone.localdate()
    return save_with_history(co_ownership, actor=actor)


# -- versions and conflicts --------------------------------------------------------


def latest_version(target) -> int:
    """The history id of ``target``'s newest version."""
    return target.history.order_by("-history_date", "-history_id").values_list(
        "history_id", flat=True
    )[0]


def _plain(value) -> str:
    """A field value as a proposal stores and compares it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def base_values(proposal: Proposal) -> dict[str, str]:
    """The proposed fields as they were in the version the proposal was based on."""
    record = proposal.target.history.filter(history_id=proposal.base_version).first()
    if record is None:
        return dict.fromkeys(proposal.changes, "")
    return {name: _plain(getattr(record, name)) for name in proposal.changes}


def current_values(proposal: Proposal) -> dict[str, str]:
    target = type(proposal.target)._default_manager.get(pk=proposal.target.pk)
    return {name: _plain(getattr(target, name)) for name in proposal.changes}


def conflicting_fields(proposal: Proposal) -> list[str]:
    """The proposed fields someone changed since the proposal's base version."""
    if not proposal.is_open or proposal.base_version == latest_version(proposal.target):
        return []
    base, now = base_values(proposal), current_values(proposal)
    return [name for name in proposal.changes if base[name] != now[name]]


def _clean_changes(target, fields, changes: dict) -> dict[str, str]:
    """Only the target's proposable fields, as plain text, and only those that change."""
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError(
            {
                "changes": _("These fields cannot be proposed: %(names)s")
                % {"names": sorted(unknown)}
            }
        )
    plain = {name: _plain(value) for name, value in changes.items()}
    changed = {
        name: value for name, value in plain.items() if value != _plain(getattr(target, name))
    }
    if not changed:
        raise ValidationError({"changes": _("The proposal changes nothing.")})
    if isinstance(target, ActionLine):
        trial = ActionLine.objects.get(pk=target.pk)
        for name, value in changed.items():
            setattr(trial, name, trial._meta.get_field(name).to_python(value))
        trial.full_clean()
    return changed


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    return reason


# -- hooks --------------------------------------------------------------------------

_event_hooks: list = []


def on_proposal_event(hook):
    """Register ``hook(event)``, called inside the step's transaction (the outbox)."""
    if hook not in _event_hooks:
        _event_hooks.append(hook)
    return hook


def _record(proposal, kind, actor, reason="") -> ProposalEvent:
    event = ProposalEvent.objects.create(proposal=proposal, kind=kind, actor=actor, reason=reason)
    for hook in _event_hooks:
        hook(event)
    return event


# -- proposals -----------------------------------------------------------------------


def submit_proposal(
    *, actor, intervention: Intervention, changes: dict, reason: str, action_line=None
) -> Proposal:
    """A co-owner proposes ``changes`` to the agenda (or to ``action_line``)."""
    if not policies.can_propose(actor, intervention):
        raise PermissionDenied(_("Only users of a co-owner organisation may propose changes."))
    if action_line is not None and action_line.intervention_id != intervention.pk:
        raise ValidationError({"action_line": _("This action line is of another intervention.")})
    proposal = Proposal(
        intervention=intervention,
        action_line=action_line,
        author=actor,
        organisation_id=actor.organisation_id,
        reason=_require_reason(reason),
    )
    proposal.changes = _clean_changes(proposal.target, proposal.fields, changes)
    with transaction.atomic():
        proposal.base_version = latest_version(proposal.target)
        proposal = save_with_history(proposal, actor=actor)
        _record(proposal, ProposalEvent.Kind.SUBMITTED, actor, proposal.reason)
    return proposal


def revise_proposal(
    *, proposal: Proposal, actor, changes: dict | None = None, reason: str = "", rebase=False
) -> Proposal:
    """The author edits their open proposal; ``rebase`` moves it onto the
    current version (what resolves a conflict). It is open again."""
    if not policies.can_revise(actor, proposal):
        raise PermissionDenied(_("Only the author may revise an open proposal."))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if rebase:
            locked.base_version = latest_version(locked.target)
        if changes is not None:
            locked.changes = _clean_changes(locked.target, locked.fields, changes)
        if reason:
            locked.reason = reason.strip()
        locked.status = Proposal.Status.OPEN
        save_with_history(locked, actor=actor)
        _record(locked, ProposalEvent.Kind.REVISED, actor, reason.strip())
    return locked


def _credit(proposal: Proposal) -> str:
    return gettext("Proposal %(number)s by %(author)s (%(organisation)s): %(reason)s") % {
        "number": proposal.pk,
        "author": proposal.author.get_full_name() or proposal.author.username,
        "organisation": proposal.organisation,
        "reason": proposal.reason,
    }


def _apply(proposal: Proposal, actor) -> int:
    """Save the proposal's changes as the target's next version; its history id."""
    from .services import update_action_line
    from .services import update_agenda

    credit = _credit(proposal)[:100]
    if proposal.action_line_id:
        line = ActionLine.objects.select_for_update().get(pk=proposal.action_line_id)
        values = {
            name: line._meta.get_field(name).to_python(value)
            for name, value in proposal.changes.items()
        }
        line._change_reason = credit
        update_action_line(action_line=line, actor=actor, **values)
        return latest_version(line)
    intervention = Intervention.objects.select_for_update().get(pk=proposal.intervention_id)
    update_agenda(
        intervention=intervention, text=proposal.changes["agenda"], actor=actor, reason=credit
    )
    return latest_version(intervention)


def decide_proposal(*, proposal: Proposal, actor, outcome: str, reason: str) -> Proposal:
    """The Board accepts, asks for changes or declines, with a reason."""
    require_board(actor)
    if outcome not in ProposalEvent.DECISIONS:
        raise ValidationError({"outcome": _("Choose accept, ask for changes or decline.")})
    reason = _require_reason(reason)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not locked.is_open:
            raise ValidationError(_("This proposal is already decided."))
        if outcome == ProposalEvent.Kind.ACCEPTED:
            if conflicting_fields(locked):
                raise ValidationError(
                    _("The text changed since this proposal was made; its author must rebase it.")
                )
            locked.accepted_version = _apply(locked, actor)
        locked.status = {
            ProposalEvent.Kind.ACCEPTED: Proposal.Status.ACCEPTED,
            ProposalEvent.Kind.CHANGES_REQUESTED: Proposal.Status.CHANGES_REQUESTED,
            ProposalEvent.Kind.DECLINED: Proposal.Status.DECLINED,
        }[outcome]
        save_with_history(locked, actor=actor)
        _record(locked, outcome, actor, reason)
    return locked


def comment_on_proposal(*, proposal: Proposal, actor, body: str) -> ProposalComment:
    if not policies.can_comment(actor, proposal):
        raise PermissionDenied(_("Only co-owners and the Board may comment on proposals."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    comment = ProposalComment(proposal=proposal, author=actor, body=body)
    comment.full_clean()
    comment.save()
    return comment
