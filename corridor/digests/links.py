"""Every digest item links to the portal page it is about: a use case, an
action line (a milestone's, at the milestone), a coalition."""

from dataclasses import dataclass

from django.urls import NoReverseMatch
from django.urls import reverse


@dataclass(frozen=True)
class Line:
    """One item of a section: its sentence, and the portal page it is about
    (a path; empty for items of digests stored before items carried it)."""

    text: str
    url: str = ""

    def __str__(self):
        return self.text


USE_CASE_KEYS = frozenset(
    {
        "use_cases_submitted",
        "status_moves",
        "decisions",
        "waiting_for_review",
        "assessments_completed",
        # The review round's sections (``content.review``).
        "assignments_overdue",
        "questions_unanswered",
        "decisions_overridden",
    }
)


def _path(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def item_url(key: str, item: dict) -> str:
    """The page an item is about."""
    if key in USE_CASE_KEYS and item.get("use_case"):
        return _path("usecases:use-case-detail", pk=item["use_case"])
    if key.startswith("action_lines_") and item.get("action_line"):
        return _path("interventions:action-line-detail", pk=item["action_line"])
    if key.startswith("milestones_") and item.get("action_line_id"):
        path = _path("interventions:action-line-detail", pk=item["action_line_id"])
        return f"{path}#milestone-{item['milestone']}" if path else ""
    if (key.startswith("coalitions_") or key.startswith("memberships_")) and item.get("slug"):
        return _path("coalitions:coalition-detail", slug=item["slug"])
    return ""
