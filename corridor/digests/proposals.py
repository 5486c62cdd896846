"""The email of a step of a joint agenda proposal (who is told: ``announce``)."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .rendering import Rendered


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
