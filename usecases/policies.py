"""What a reader may see *within* a use case they may see at all.

``UseCase.objects.visible_to(user)`` decides the rows; this module decides the
facts inside them. The portal's pages, the API's JSON and CSV, a use case's
history, the digest, the open data and the dossier all ask it:

================================  =============================================
fact                              who sees it
================================  =============================================
decision: the submitting user,    the Board, reviewers and the submitting
the decision rationale, who       organisation
moved a status and why
review: scores per criterion,     the Board; a reviewer once their own
the weighted score, spread,       assessment is in
consensus, number of assessments
coalition                         whoever may see the coalition
                                  (``Coalition.objects.visible_to``): a
                                  coalition still forming is its members' and
                                  the Board's
attachment                        the Board, reviewers and the submitting
                                  organisation; anyone who sees the use case
                                  sees those marked public once it is published
assignments                       the Board all; a reviewer their own
conflicts of interest             the Board all (derived and declared); a
                                  reviewer their own
questions to the partner and      the Board, the assigned reviewers and the
answers                           submitting organisation; never the public
comments, internal                the Board and the assigned reviewers
comments, shared with the         those, and the submitting organisation
submitting organisation
selection override                the Board
================================  =============================================

The rows of assignments, conflicts, questions and comments are chosen by their
``visible_to`` selectors (``usecases.selectors``), which follow the same table;
the methods below answer it for one use case (the portal's pages).

A hidden fact is absent, never shown as empty. The rules read a use case's
``organisation_id``, ``coalition_id`` and, where the queryset has them, the
annotations ``UseCaseQuerySet.with_disclosure(user)`` adds (``assessed_by_me``,
``coalition_visible``); a row without them is looked up, so a caller that
forgets the annotation gets a slower answer, never a wrong one.
"""

from django.db.models import Q

from .selectors import PUBLIC_STATUSES
from .selectors import signed_in

DECISION = "decision"
REVIEW = "review"
COALITION = "coalition"

# The use case's fields each fact covers, as the API and the portal name them.
FIELDS = {
    DECISION: ("submitted_by", "decision_rationale"),
    REVIEW: (
        "score",
        "score_complementarity",
        "score_existing_strengths",
        "score_feasibility",
        "score_scalability",
        "spread",
        "consensus",
        "assessment_count",
    ),
    COALITION: ("coalition",),
}
# A status move's fields covered by the decision fact.
MOVE_FIELDS = ("actor", "reason")
GUARDED_FIELDS = frozenset(name for names in FIELDS.values() for name in names)


def _value(row, name, default=None):
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


class UseCasePolicy:
    """The facts one reader may see of the use cases they may see."""

    def __init__(self, user):
        self.user = user if signed_in(user) else None

    @property
    def is_board(self) -> bool:
        return self.user is not None and self.user.is_board

    # One fact each -------------------------------------------------------

    def sees_decision(self, use_case) -> bool:
        user = self.user
        if user is None:
            return False
        organisation_id = _value(use_case, "organisation_id")
        return user.is_board or user.is_reviewer or user.acts_for(organisation_id)

    def sees_review(self, use_case) -> bool:
        user = self.user
        if user is None:
            return False
        if user.is_board:
            return True
        if not user.is_reviewer:
            return False
        assessed = _value(use_case, "assessed_by_me")
        if assessed is None:
            from .models import Assessment

            assessed = Assessment.objects.filter(
                use_case_id=_value(use_case, "id"), reviewer_id=user.pk
            ).exists()
        return bool(assessed)

    def sees_coalition(self, use_case) -> bool:
        coalition_id = _value(use_case, "coalition_id")
        if coalition_id is None or self.is_board:
            return True
        visible = _value(use_case, "coalition_visible")
        if visible is None:
            from coalitions.models import Coalition

            visible = Coalition.objects.visible_to(self.user).filter(pk=coalition_id).exists()
        return bool(visible)

    # Fields ------------------------------------------------------------------

    def hidden_fields(self, use_case) -> frozenset[str]:
        """The guarded fields of ``use_case`` this reader may not see."""
        hidden = set()
        if not self.sees_decision(use_case):
            hidden.update(FIELDS[DECISION])
        if not self.sees_review(use_case):
            hidden.update(FIELDS[REVIEW])
        if not self.sees_coalition(use_case):
            hidden.update(FIELDS[COALITION])
        return frozenset(hidden)

    @property
    def sees_some_review(self) -> bool:
        """Whether this reader sees the review of any use case at all: the
        Board, and reviewers (of those they assessed)."""
        return self.user is not None and (self.user.is_board or self.user.is_reviewer)

    def never_seen_fields(self) -> frozenset[str]:
        """The guarded fields this reader sees on no use case at all (a CSV
        leaves out their columns)."""
        hidden = set()
        if self.user is None:
            hidden.update(FIELDS[DECISION])
        if not self.sees_some_review:
            hidden.update(FIELDS[REVIEW])
        return frozenset(hidden)

    def move_fields_hidden(self, use_case) -> frozenset[str]:
        """Of a status move of ``use_case``: who made it and why."""
        return frozenset() if self.sees_decision(use_case) else frozenset(MOVE_FIELDS)

    # The review round ----------------------------------------------------------

    def is_assigned(self, use_case) -> bool:
        user = self.user
        if user is None or not user.is_reviewer:
            return False
        assigned = _value(use_case, "assigned_to_me")
        if assigned is None:
            from .models import ReviewAssignment

            assigned = ReviewAssignment.objects.filter(
                use_case_id=_value(use_case, "id"), reviewer_id=user.pk
            ).exists()
        return bool(assigned)

    def sees_conflicts(self, use_case) -> bool:
        """Every conflict of interest, derived and declared: the Board."""
        return self.is_board

    def sees_questions(self, use_case) -> bool:
        user = self.user
        if user is None:
            return False
        if user.is_board or user.acts_for(_value(use_case, "organisation_id")):
            return True
        return self.is_assigned(use_case)

    def comment_kinds(self, use_case) -> tuple[str, ...]:
        """The kinds of comment this reader sees (and may write) on ``use_case``."""
        user = self.user
        if user is None:
            return ()
        if user.is_board or self.is_assigned(use_case):
            return ("internal", "shared")
        if user.acts_for(_value(use_case, "organisation_id")):
            return ("shared",)
        return ()

    def sees_override(self, use_case) -> bool:
        return self.is_board

    # Attachments -------------------------------------------------------------

    def attachments(self, queryset):
        """Of ``queryset`` (attachments of use cases this reader may see), the ones
        they may see and download."""
        user = self.user
        if user is not None and (user.is_board or user.is_reviewer):
            return queryset
        shown = Q(is_public=True, use_case__status__in=PUBLIC_STATUSES)
        if user is not None and user.is_partner:
            shown |= Q(use_case__organisation_id=user.organisation_id)
        return queryset.filter(shown)
