"""The outbox of joint agenda proposals: who is told of each step, and the email.

Registered with ``interventions.services.on_proposal_event``: a new or revised
proposal is announced to the Board, a decision to the proposal's author. Rows
are written inside the step's transaction, one per step and recipient, and
sent by the same claim-and-send machinery as every other notification.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _

from corridor.accounts import roles
from corridor.tasks import enqueue_each_on_commit

from .models import ProposalNotification
from .rendering import Rendered

TO_BOARD = ("submitted", "revised")


def _recipients(event):
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if event.kind in TO_BOARD:
        board = Q(is_superuser=True) | Q(groups__name=roles.BOARD)
        users = users.filter(pk__in=get_user_model().objects.filter(board).values("pk"))
    else:
        users = users.filter(pk=event.proposal.author_id)
    if event.actor_id:
        users = users.exclude(pk=event.actor_id)
    return users.order_by("pk")


def queue_proposal_notifications(event) -> list[ProposalNotification]:
    now = timezone.now()
    rows = ProposalNotification.objects.bulk_create(
        [
            ProposalNotification(
                event=event,
                recipient=user,
                email=user.email,
                language=user.language,
                next_attempt_at=now,
            )
            for user in _recipients(event)
        ]
    )
    ids = [row.pk for row in rows]
    if ids:
        enqueue_each_on_commit("digests.send_proposal_notification", ids)
    return rows


def render_proposal_notification(notification, *, language: str) -> Rendered:
    event = notification.event
    proposal = event.proposal
    with translation.override(language):
        context = {
            "recipient": notification.recipient,
            "event": event,
            "proposal": proposal,
            "kind": event.get_kind_display(),
            "target": proposal.action_line or proposal.intervention,
        }
        subject = _("Tech Corridor: proposal %(number)s for “%(target)s”: %(kind)s") % {
            "number": proposal.pk,
            "target": context["target"],
            "kind": context["kind"].lower(),
        }
        text = render_to_string("digests/email/proposal.txt", context)
        html = render_to_string("digests/email/proposal.html", context)
    return Rendered(subject=subject, text=text.strip() + "\n", html=html)
