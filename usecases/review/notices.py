"""Notices: who must be told what about a review, written once.

A notice is a row (``ReviewNotice``) unique per event and recipient, written
in the transaction of the write it announces. The outbox
(``corridor.digests``) registers with ``on_notices`` and turns each new row
into an email, so a repeated write tells nobody twice and a write that rolls
back tells nobody at all.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.db import transaction

from corridor.accounts import roles

from ..models import ReviewNotice

_hooks: list = []


def on_notices(hook):
    """Register ``hook(notices)``, called inside the writing transaction."""
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def board_users():
    """The active Board users, in a stable order."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(roles.board_q())
        .distinct()
        .order_by("pk")
    )


def notify(*, kind: str, key: str, use_case, recipients, actor=None, text: str = ""):
    """Write one notice per recipient not yet told about ``key``; return the new ones.

    The actor is never told of their own act."""
    created = []
    for recipient in recipients:
        if actor is not None and recipient.pk == actor.pk:
            continue
        try:
            with transaction.atomic():
                notice, made = ReviewNotice.objects.get_or_create(
                    key=key,
                    recipient=recipient,
                    defaults={
                        "kind": kind,
                        "use_case": use_case,
                        "actor": actor,
                        "text": text[:2000],
                    },
                )
        except IntegrityError:  # a concurrent writer told them first
            continue
        if made:
            created.append(notice)
    if created:
        for hook in _hooks:
            hook(created)
    return created
