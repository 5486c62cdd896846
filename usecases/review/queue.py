"""The queues: the Board's (every use case submitted or in review, with its
age, assessments, conflicts and what it waits for) and each reviewer's
(assigned, not yet assessed, oldest first)."""

from dataclasses import dataclass
from dataclasses import field

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Membership

from ..models import Assessment
from ..models import DeclaredConflict
from ..models import ReviewAssignment
from ..models import UseCase
from ..models import UseCaseStatus as S
from .clock import required_assessments
from .clock import wait_days
from .conflicts import COALITION
from .conflicts import DECLARED
from .conflicts import LABELS
from .conflicts import PARTNER
from .conflicts import SUBMITTER

QUEUE_STATUSES = (S.SUBMITTED, S.IN_REVIEW, S.MORE_INFORMATION_REQUESTED)

REVIEW_START = "review_start"
ASSIGNMENT = "assignment"
ASSESSMENTS = "assessments"
ANSWER = "answer"
DECISION = "decision"
WAITS_FOR = {
    REVIEW_START: _("the Board to start the review"),
    ASSIGNMENT: _("reviewers to be assigned"),
    ASSESSMENTS: _("assessments"),
    ANSWER: _("the partner's answer"),
    DECISION: _("a decision"),
}
ORDERINGS = {
    "age": lambda row: (-row.age_seconds, row.use_case.pk),
    "assessments": lambda row: (row.assessment_count, -row.age_seconds),
    "status": lambda row: (QUEUE_STATUSES.index(row.use_case.status), -row.age_seconds),
    "title": lambda row: (row.use_case.title.lower(), row.use_case.pk),
}


@dataclass
class QueueRow:
    use_case: UseCase
    age_seconds: int
    paused: bool
    assessment_count: int
    required: int
    assigned: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    waits_for: str = ""

    @property
    def age_days(self) -> int:
        return self.age_seconds // 86400

    @property
    def overdue(self) -> bool:
        return self.age_days > wait_days()

    @property
    def waits_for_label(self):
        return WAITS_FOR[self.waits_for]


def _waits_for(use_case, assessments: int, assigned: int) -> str:
    if use_case.status == S.SUBMITTED:
        return REVIEW_START
    if use_case.status == S.MORE_INFORMATION_REQUESTED:
        return ANSWER
    if assessments >= required_assessments():
        return DECISION
    if not assigned and not use_case.open_to_all_reviewers:
        return ASSIGNMENT
    return ASSESSMENTS


def board_queue(
    *, status=None, waits_for=None, intervention=None, overdue=False, order="age", now=None
):
    """The Board's review queue as rows, filtered and ordered (a few queries,
    whatever the number of rows)."""
    now = now or timezone.now()
    use_cases = (
        UseCase.objects.filter(status__in=QUEUE_STATUSES)
        .select_related("organisation", "intervention", "review_clock")
        .annotate(n_assessments=Count("assessments", distinct=True))
        .prefetch_related(
            Prefetch(
                "review_assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer").order_by("created"),
            ),
            Prefetch(
                "declared_conflicts", queryset=DeclaredConflict.objects.select_related("reviewer")
            ),
            "partners",
        )
    )
    if status:
        use_cases = use_cases.filter(status=status)
    if intervention:
        use_cases = use_cases.filter(intervention__slug=intervention)
    use_cases = list(use_cases)
    reviewers = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name="reviewer", organisation__isnull=False)
        .distinct()
    )
    coalition_ids = {uc.coalition_id for uc in use_cases if uc.coalition_id}
    members: dict[int, set[int]] = {}
    for coalition_id, organisation_id in (
        Membership.objects.current()
        .filter(coalition_id__in=coalition_ids)
        .values_list("coalition_id", "organisation_id")
    ):
        members.setdefault(coalition_id, set()).add(organisation_id)
    rows = []
    for use_case in use_cases:
        clock = getattr(use_case, "review_clock", None)
        involved = dict.fromkeys(members.get(use_case.coalition_id, ()), COALITION)
        involved.update({p.pk: PARTNER for p in use_case.partners.all()})
        involved[use_case.organisation_id] = SUBMITTER
        conflicts = [
            {"reviewer": reviewer, "kind": involved[reviewer.organisation_id], "reason": ""}
            for reviewer in reviewers
            if reviewer.organisation_id in involved
        ]
        conflicts += [
            {"reviewer": c.reviewer, "kind": DECLARED, "reason": c.reason}
            for c in use_case.declared_conflicts.all()
        ]
        for conflict in conflicts:
            conflict["label"] = LABELS[conflict["kind"]]
        assigned = list(use_case.review_assignments.all())
        row = QueueRow(
            use_case=use_case,
            age_seconds=clock.seconds(now) if clock else 0,
            paused=bool(clock and clock.paused),
            assessment_count=use_case.n_assessments,
            required=required_assessments(),
            assigned=assigned,
            conflicts=conflicts,
            waits_for=_waits_for(use_case, use_case.n_assessments, len(assigned)),
        )
        if waits_for and row.waits_for != waits_for:
            continue
        if overdue and not row.overdue:
            continue
        rows.append(row)
    rows.sort(key=ORDERINGS.get(order, ORDERINGS["age"]))
    return rows


def reviewer_queue(reviewer):
    """``reviewer``'s assignments not yet assessed, oldest first, use cases in review."""
    done = Assessment.objects.filter(use_case_id=OuterRef("use_case_id"), reviewer_id=reviewer.pk)
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer, use_case__status__in=QUEUE_STATUSES)
        .filter(~Exists(done))
        .select_related("use_case", "use_case__organisation", "use_case__intervention")
        .order_by("created", "pk")
    )


def overdue_count(now=None) -> int:
    """How many use cases have waited longer than ``CORRIDOR_REVIEW_WAIT_DAYS``."""
    from ..models import ReviewClock

    now = now or timezone.now()
    return sum(
        1
        for clock in ReviewClock.objects.filter(use_case__status__in=QUEUE_STATUSES)
        if clock.days(now) > wait_days()
    )
