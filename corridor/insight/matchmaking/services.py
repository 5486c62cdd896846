"""Writes of matchmaking: inviting a suggested partner."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from usecases.models import UseCase
from usecases.services import can_edit_use_case


def invite_partner(*, use_case: UseCase, organisation, actor) -> UseCase:
    """Add ``organisation`` to ``use_case``'s partners in one step, as the Board.

    The change is a row in the use case's history with ``actor`` as its author.
    An organisation already involved (submitter or partner) is refused.
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
        locked._history_user = actor
        locked.partners.add(organisation)
    return locked
