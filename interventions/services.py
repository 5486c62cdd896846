"""Writes of interventions, action lines and milestones.

The portal, the API and the admin call these; each checks who may act.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor import events
from corridor.writes import require_board
from corridor.writes import save_with_history

from .models import ActionLine
from .models import Intervention
from .models import Milestone


def update_agenda(
    *, intervention: Intervention, text: str, actor, reason: str = "", text_en: str | None = None
) -> Intervention:
    """Save a new version of the joint agenda (and its English text, when given).
    Every save is a version."""
    require_board(actor)
    changed = intervention.agenda != text or (
        text_en is not None and intervention.agenda_en != text_en
    )
    intervention.agenda = text
    if text_en is not None:
        intervention.agenda_en = text_en
    intervention._change_reason = reason or None
    with transaction.atomic():
        saved = save_with_history(intervention, actor=actor)
        if changed:
            events.publish("agenda.version_published", saved)
    return saved


def update_asks(*, intervention: Intervention, text: str, actor, reason: str = "") -> Intervention:
    """Save a new version of what the intervention asks of the Rijk and the EU."""
    require_board(actor)
    intervention.asks = text
    intervention._change_reason = reason or None
    return save_with_history(intervention, actor=actor)


def restore_agenda(*, intervention: Intervention, history_id: int, actor) -> Intervention:
    """Restore an earlier agenda version by saving it again as the newest version."""
    require_board(actor)
    version = intervention.history.get(history_id=history_id)
    return update_agenda(
        intervention=intervention,
        text=version.agenda,
        text_en=version.agenda_en,
        actor=actor,
        reason=str(_("Restored the version of %(date)s"))
        % {
            "date": formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
        },
    )


INTERVENTION_FIELDS = (
    "title_nl",
    "title_en",
    "description_nl",
    "description_en",
    "agenda",
    "agenda_en",
    "asks",
)


def update_intervention(
    *, intervention: Intervention, actor, reason: str = "", **fields
) -> Intervention:
    """Edit an intervention's titles, descriptions, agenda and asks; each save is a version."""
    require_board(actor)
    unknown = set(fields) - set(INTERVENTION_FIELDS)
    if unknown:
        raise PermissionDenied(
            _("Only titles, descriptions, the agenda and the asks can be changed.")
        )
    agenda_changed = any(
        name in fields and fields[name] != getattr(intervention, name)
        for name in ("agenda", "agenda_en")
    )
    for name, value in fields.items():
        setattr(intervention, name, value)
    intervention._change_reason = reason or None
    with transaction.atomic():
        saved = save_with_history(intervention, actor=actor)
        if agenda_changed:
            events.publish("agenda.version_published", saved)
    return saved


def delete_with_history(obj, *, actor) -> None:
    """Delete ``obj``, recording ``actor`` in its history; ``ProtectedError``
    when other rows still depend on it."""
    obj._history_user = actor
    obj.delete()


def create_action_line(*, actor, **fields) -> ActionLine:
    require_board(actor)
    return save_with_history(ActionLine(**fields), actor=actor)


def update_action_line(*, action_line: ActionLine, actor, **fields) -> ActionLine:
    require_board(actor)
    before = (action_line.status, action_line.start_date, action_line.end_date)
    for name, value in fields.items():
        setattr(action_line, name, value)
    with transaction.atomic():
        saved = save_with_history(action_line, actor=actor)
        if saved.status != before[0]:
            events.publish("action_line.status_changed", saved, previous=before[0])
        if (saved.start_date, saved.end_date) != before[1:]:
            events.publish(
                "action_line.period_changed",
                saved,
                previous=[str(day) if day else None for day in before[1:]],
            )
    return saved


def delete_action_line(*, action_line: ActionLine, actor) -> None:
    """Delete an action line and its milestones; refused while use cases refer to it."""
    require_board(actor)
    delete_with_history(action_line, actor=actor)


def create_milestone(*, actor, **fields) -> Milestone:
    require_board(actor)
    return save_with_history(Milestone(**fields), actor=actor)


def update_milestone(*, milestone: Milestone, actor, **fields) -> Milestone:
    require_board(actor)
    was_open = milestone.completed_on is None
    for name, value in fields.items():
        setattr(milestone, name, value)
    with transaction.atomic():
        saved = save_with_history(milestone, actor=actor)
        if was_open and saved.completed_on is not None:
            events.publish("milestone.done", saved)
    return saved


def delete_milestone(*, milestone: Milestone, actor) -> None:
    require_board(actor)
    delete_with_history(milestone, actor=actor)


def can_complete_milestone(*, milestone: Milestone, user) -> bool:
    """The Board, or a partner user of the organisation leading the action line."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_board or user.acts_for(milestone.action_line.lead_organisation_id)


def complete_milestone(
    *, milestone: Milestone, actor, on: datetime.date | None = None, when=None
) -> Milestone:
    """Mark a milestone done (on ``on``, default today); ``when`` dates its
    history record (default now)."""
    if not can_complete_milestone(milestone=milestone, user=actor):
        raise PermissionDenied(
            _("Only the Board or the lead organisation of the action line may mark this done.")
        )
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.completed_on is None:
            locked.completed_on = on or timezone.localdate()
            if when is not None:
                locked._history_date = when
            save_with_history(locked, actor=actor)
            events.publish("milestone.done", locked)
    milestone.completed_on = locked.completed_on
    return locked


def reopen_milestone(*, milestone: Milestone, actor) -> Milestone:
    if not can_complete_milestone(milestone=milestone, user=actor):
        raise PermissionDenied(
            _("Only the Board or the lead organisation of the action line may reopen this.")
        )
    milestone.completed_on = None
    return save_with_history(milestone, actor=actor)


# The joint agenda's writes: co-owners, proposals, decisions, comments.
from .joint_services import comment_on_proposal  # noqa: E402, F401
from .joint_services import decide_proposal  # noqa: E402, F401
from .joint_services import end_co_ownership  # noqa: E402, F401
from .joint_services import name_co_owner  # noqa: E402, F401
from .joint_services import on_proposal_event  # noqa: E402, F401
from .joint_services import revise_proposal  # noqa: E402, F401
from .joint_services import submit_proposal  # noqa: E402, F401
