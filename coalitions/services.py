"""Writes of organisations, coalitions and memberships."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor import events
from corridor.writes import require_board
from corridor.writes import save_with_history

from .models import Coalition
from .models import Membership
from .models import Organisation

PARTNER_EDITABLE_ORGANISATION_FIELDS = ("description", "website", "capabilities")


def can_edit_organisation(*, organisation: Organisation, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_board or user.acts_for(organisation.pk)


def update_organisation(*, organisation: Organisation, actor, **fields) -> Organisation:
    """The Board edits every field; a partner user only its own organisation's
    description, website and capabilities."""
    if not can_edit_organisation(organisation=organisation, user=actor):
        raise PermissionDenied(_("You may only edit your own organisation."))
    if not actor.is_board:
        refused = set(fields) - set(PARTNER_EDITABLE_ORGANISATION_FIELDS)
        if refused:
            raise PermissionDenied(
                _("Partners may change only the description, website and capabilities.")
            )
    for name, value in fields.items():
        setattr(organisation, name, value)
    return save_with_history(organisation, actor=actor)


def create_organisation(*, actor, **fields) -> Organisation:
    require_board(actor)
    return save_with_history(Organisation(**fields), actor=actor)


def create_coalition(*, actor, interventions=(), **fields) -> Coalition:
    require_board(actor)
    with transaction.atomic():
        coalition = save_with_history(Coalition(**fields), actor=actor)
        if interventions:
            coalition.interventions.set(interventions)
    return coalition


def update_coalition(*, coalition: Coalition, actor, interventions=None, **fields) -> Coalition:
    require_board(actor)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(coalition, name, value)
        save_with_history(coalition, actor=actor)
        if interventions is not None:
            coalition.interventions.set(interventions)
    return coalition


def add_membership(
    *,
    coalition: Coalition,
    organisation: Organisation,
    actor,
    role: str = Membership.Role.MEMBER,
    joined: datetime.date | None = None,
    commitment: str = "",
) -> Membership:
    """Add an organisation to a coalition; refused while it has an open membership."""
    require_board(actor)
    membership = Membership(
        coalition=coalition,
        organisation=organisation,
        role=role,
        joined=joined or timezone.localdate(),
        commitment=commitment,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            saved = save_with_history(membership, actor=actor)
            events.publish("membership.started", saved)
            return saved
    except IntegrityError as exc:  # a concurrent add won the race
        raise ValidationError(
            {"organisation": _("This organisation already has an open membership.")}
        ) from exc


def change_membership(*, membership: Membership, actor, **fields) -> Membership:
    require_board(actor)
    was_open = membership.left is None
    for name, value in fields.items():
        setattr(membership, name, value)
    with transaction.atomic():
        saved = save_with_history(membership, actor=actor)
        if was_open and saved.left is not None:
            events.publish("membership.ended", saved)
    return saved


def end_membership(
    *, membership: Membership, actor, left: datetime.date | None = None
) -> Membership:
    """End a membership on ``left`` (default today). The row stays as history."""
    require_board(actor)
    if membership.left is not None:
        raise ValidationError({"left": _("This membership has already ended.")})
    membership.left = left or timezone.localdate()
    with transaction.atomic():
        saved = save_with_history(membership, actor=actor)
        events.publish("membership.ended", saved)
    return saved


def _delete(obj, *, actor) -> None:
    """Delete ``obj`` with ``actor`` in its history; ``ProtectedError`` when
    other rows still depend on it."""
    obj._history_user = actor
    obj.delete()


def delete_organisation(*, organisation: Organisation, actor) -> None:
    """Refused (``ProtectedError``) while users, memberships or use cases refer to it."""
    require_board(actor)
    _delete(organisation, actor=actor)


def delete_coalition(*, coalition: Coalition, actor) -> None:
    """Delete a coalition and its memberships; refused while use cases refer to it."""
    require_board(actor)
    _delete(coalition, actor=actor)


def delete_membership(*, membership: Membership, actor) -> None:
    """Remove a membership entered by mistake; ``end_membership`` keeps history instead."""
    require_board(actor)
    _delete(membership, actor=actor)
