"""The email of a review notice (``usecases.ReviewNotice``): one short message
per kind, in the recipient's language, with a link to the use case."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .rendering import Rendered
from .rendering import _tidy_text

SUBJECTS = {
    "assigned": lambda: _("Tech Corridor: please review “%(title)s”"),
    "submitted": lambda: _("Tech Corridor: “%(title)s” was submitted"),
    "assessed": lambda: _("Tech Corridor: “%(title)s” has its assessments"),
    "answered": lambda: _("Tech Corridor: the partner answered about “%(title)s”"),
    "mentioned": lambda: _("Tech Corridor: you were mentioned on “%(title)s”"),
}


def render_notice(notice, *, language: str) -> Rendered:
    use_case = notice.use_case
    with translation.override(language):
        context = {
            "recipient": notice.recipient,
            "use_case": use_case,
            "kind": notice.kind,
            "actor": notice.actor,
            "text": notice.text,
            "when": notice.created,
            "path": use_case.get_absolute_url(),
        }
        subject = SUBJECTS[notice.kind]() % {"title": use_case.title}
        text = render_to_string("digests/email/notice.txt", context)
        html = render_to_string("digests/email/notice.html", context)
    return Rendered(subject=subject, text=_tidy_text(text), html=html)
