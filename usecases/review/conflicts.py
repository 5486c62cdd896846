"""Conflicts of interest, derived and declared.

A reviewer may not be assigned to, nor assess, a use case when their
organisation submitted it, is one of its partners or a current member of its
coalition (derived), or when they declared a conflict themselves (recorded
with the reason). The Board sees every one of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from coalitions.models import Membership

from ..models import DeclaredConflict

SUBMITTER = "submitter"
PARTNER = "partner"
COALITION = "coalition"
DECLARED = "declared"

LABELS = {
    SUBMITTER: _("their organisation submitted it"),
    PARTNER: _("their organisation is a partner"),
    COALITION: _("their organisation is a member of its coalition"),
    DECLARED: _("declared"),
}


@dataclass(frozen=True)
class Conflict:
    reviewer_id: int
    kind: str
    reason: str = ""

    @property
    def label(self):
        return LABELS[self.kind]


def involved_organisations(use_case) -> dict[int, str]:
    """``{organisation id: kind}`` of the organisations a reviewer may not belong to."""
    involved: dict[int, str] = {}
    if use_case.coalition_id:
        for organisation_id in (
            Membership.objects.current()
            .filter(coalition_id=use_case.coalition_id)
            .values_list("organisation_id", flat=True)
        ):
            involved[organisation_id] = COALITION
    for organisation_id in use_case.partners.values_list("pk", flat=True):
        involved[organisation_id] = PARTNER
    involved[use_case.organisation_id] = SUBMITTER
    return involved


def conflicts_of(use_case, reviewers) -> dict[int, Conflict]:
    """``{reviewer id: conflict}`` for those of ``reviewers`` in a conflict."""
    involved = involved_organisations(use_case)
    found: dict[int, Conflict] = {}
    for reviewer in reviewers:
        kind = involved.get(reviewer.organisation_id) if reviewer.organisation_id else None
        if kind:
            found[reviewer.pk] = Conflict(reviewer.pk, kind)
    for declared in DeclaredConflict.objects.filter(use_case=use_case):
        found.setdefault(
            declared.reviewer_id, Conflict(declared.reviewer_id, DECLARED, declared.reason)
        )
    return found


def conflict_of(use_case, reviewer) -> Conflict | None:
    """The conflict keeping ``reviewer`` from ``use_case``, or None."""
    kind = None
    if reviewer.organisation_id:
        kind = involved_organisations(use_case).get(reviewer.organisation_id)
    if kind:
        return Conflict(reviewer.pk, kind)
    declared = DeclaredConflict.objects.filter(use_case=use_case, reviewer=reviewer).first()
    if declared is not None:
        return Conflict(reviewer.pk, DECLARED, declared.reason)
    return None
