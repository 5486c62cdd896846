"""A use case's page, and the lookup every use case page shares: a hidden use case
answers 404, exactly like a missing one."""

from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from coalitions.models import Capability
from interventions import sections

from .. import services
from ..forms import CRITERION_LABELS
from ..forms import AttachmentForm
from ..forms import TransitionForm
from ..models import CRITERIA
from ..models import Assessment
from ..models import Attachment
from ..models import Sector
from ..models import UseCase
from ..policies import UseCasePolicy
from .review_panel import review_context

# A spread of reviewers' overall scores this wide flags disagreement to discuss.
SPREAD_ALERT = 1.5


def _labels(choices, codes):
    return [choices(code).label for code in codes if code in choices.values]


def _criteria_rows(use_case, assessments):
    return [
        {
            "label": CRITERION_LABELS[name],
            "mean": getattr(use_case, f"score_{name}"),
            "scores": [getattr(a, name) for a in assessments],
        }
        for name in CRITERIA
    ]


def detail_context(request, use_case, **extra):
    user = request.user
    policy = UseCasePolicy(user)
    sees_review = policy.sees_review(use_case)
    assessments = []
    if sees_review:
        assessments = list(
            Assessment.objects.visible_to(user)
            .filter(use_case=use_case)
            .select_related("reviewer")
            .order_by("created", "pk")
        )
    own_assessment = None
    if user.is_authenticated and user.is_reviewer:
        own_assessment = Assessment.objects.filter(use_case=use_case, reviewer=user).first()
    moves = services.allowed_moves(use_case=use_case, user=user)
    if use_case.status == UseCase.Status.MORE_INFORMATION_REQUESTED:
        # The partner moves it back by answering (the answer form).
        moves = [move for move in moves if move != UseCase.Status.IN_REVIEW]
    override_needed = services.needs_override(use_case=use_case, to=UseCase.Status.SELECTED)
    may_edit = services.can_edit_use_case(use_case=use_case, user=user)
    context = {
        "use_case": use_case,
        "nav_section": "usecases",
        "status_changes": use_case.status_changes.select_related("actor").all(),
        "partners": use_case.partners.select_related("region").order_by("name"),
        "attachments": Attachment.objects.visible_to(user).filter(use_case=use_case),
        "sees_review": sees_review,
        "sees_decision": policy.sees_decision(use_case),
        "sees_coalition": policy.sees_coalition(use_case),
        "assessments": assessments,
        "criteria": _criteria_rows(use_case, assessments) if sees_review else [],
        "spread_alert": sees_review and (use_case.spread or 0) >= SPREAD_ALERT,
        "sector_labels": _labels(Sector, use_case.sectors),
        "capability_labels": _labels(Capability, use_case.needed_capabilities),
        "own_assessment": own_assessment,
        "may_assess": services.can_assess(use_case=use_case, user=user),
        "may_edit": may_edit,
        "transition_form": TransitionForm(
            moves=moves, override_needed=override_needed and UseCase.Status.SELECTED in moves
        )
        if moves
        else None,
        "attachment_form": AttachmentForm() if may_edit else None,
        "withdraw_explanation": WITHDRAW_EXPLANATION,
        "results": sections.render(sections.USE_CASE_RESULTS, use_case, user),
    }
    context.update(review_context(request, use_case, **extra))
    context.update(extra)
    return context


WITHDRAW_EXPLANATION = gettext_lazy(
    "A withdrawn use case cannot be submitted again; the Board and reviewers no longer consider it."
)


def visible_use_case(request, pk):
    queryset = UseCase.objects.visible_to(request.user).select_related(
        "intervention",
        "organisation",
        "organisation__region",
        "action_line",
        "coalition",
        "submitted_by",
    )
    return get_object_or_404(queryset.with_disclosure(request.user), pk=pk)


def use_case_detail(request, pk):
    use_case = visible_use_case(request, pk)
    return render(request, "usecases/use_case_detail.html", detail_context(request, use_case))
