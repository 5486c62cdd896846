"""The email that tells an invited organisation's users of a partner invitation."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .rendering import Rendered
from .rendering import _tidy_text


def render_invitation(notification, *, language: str) -> Rendered:
    invitation = notification.invitation
    with translation.override(language):
        context = {
            "recipient": notification.recipient,
            "invitation": invitation,
            "use_case": invitation.use_case,
            "organisation": invitation.organisation,
        }
        subject = _("Tech Corridor: an invitation to join “%(title)s” as a partner") % {
            "title": invitation.use_case.title
        }
        text = render_to_string("digests/email/invitation.txt", context)
        html = render_to_string("digests/email/invitation.html", context)
    return Rendered(subject=subject, text=_tidy_text(text), html=html)
