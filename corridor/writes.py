"""What every app's services share: the Board-only check and the validated
save that records who made the change in the row's history."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


def require_board(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_board:
        raise PermissionDenied(_("Only the Board may do this."))


def save_with_history(obj, *, actor):
    """Validate and save ``obj`` with ``actor`` recorded in its history."""
    obj._history_user = actor
    obj.full_clean()
    obj.save()
    return obj
