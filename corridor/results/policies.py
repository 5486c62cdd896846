"""Who may define indicators and enter measurements.

The Board, or a partner user of the organisation that owns the work: the lead
organisation of the action line, the submitting organisation of the use case.
Who may *see* them is the selectors' ``visible_to`` (the use case's own
visibility for a use case's indicators).
"""

from usecases.selectors import PUBLIC_STATUSES


def owner_organisation_id(*, action_line=None, use_case=None) -> int | None:
    if action_line is not None:
        return action_line.lead_organisation_id
    if use_case is not None:
        return use_case.organisation_id
    return None


def can_define(user, *, action_line=None, use_case=None) -> bool:
    """Add or change an indicator of ``action_line`` or of a selected ``use_case``."""
    if user is None or not user.is_authenticated:
        return False
    if use_case is not None and use_case.status not in PUBLIC_STATUSES:
        return False
    if user.is_board:
        return True
    return user.acts_for(owner_organisation_id(action_line=action_line, use_case=use_case))


def can_measure(user, indicator) -> bool:
    """Enter, correct or remove a measurement of ``indicator``."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_board:
        return True
    return user.acts_for(
        owner_organisation_id(action_line=indicator.action_line, use_case=indicator.use_case)
    )
