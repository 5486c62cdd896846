"""The review round's pages: the Board's review queue, a reviewer's queue,
the decision page, and the posts of the review panel on a use case's page
(assign, open to all, declare a conflict, answer, comment)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.web.editing import add_service_errors
from interventions.models import Intervention

from .. import services
from ..forms import CRITERION_LABELS
from ..forms import TransitionForm
from ..models import CRITERIA
from ..models import Assessment
from ..models import Comment
from ..models import ReviewAssignment
from ..models import ReviewerExpertise
from ..models import UseCase
from ..policies import UseCasePolicy
from ..review import services as review
from ..review.clock import required_assessments
from ..review.clock import wait_days
from ..review.forms import AnswerForm
from ..review.forms import AssignForm
from ..review.forms import CommentEditForm
from ..review.forms import CommentForm
from ..review.forms import ConflictForm
from ..review.forms import ExpertiseForm
from ..review.forms import OpenSwitchForm
from ..review.queue import ORDERINGS
from ..review.queue import QUEUE_STATUSES
from ..review.queue import WAITS_FOR
from ..review.queue import board_queue
from ..review.queue import reviewer_queue
from .detail import detail_context
from .detail import visible_use_case


def _board_only(user):
    if not user.is_board:
        raise PermissionDenied(_("This page is the Board's."))


@login_required
def review_queue(request):
    _board_only(request.user)
    query = request.GET
    status = query.get("status") if query.get("status") in QUEUE_STATUSES else None
    waits_for = query.get("waits_for") if query.get("waits_for") in WAITS_FOR else None
    order = query.get("order") if query.get("order") in ORDERINGS else "age"
    interventions = list(Intervention.objects.order_by("number"))
    intervention = query.get("intervention")
    if intervention not in {i.slug for i in interventions}:
        intervention = None
    overdue = query.get("overdue") == "1"
    rows = board_queue(
        status=status, waits_for=waits_for, intervention=intervention, overdue=overdue, order=order
    )
    return render(
        request,
        "usecases/review_queue.html",
        {
            "rows": rows,
            "nav_section": "usecases",
            "statuses": [(s.value, s.label) for s in QUEUE_STATUSES],
            "waits_for_choices": list(WAITS_FOR.items()),
            "orderings": [
                ("age", _("Age")),
                ("assessments", _("Assessments")),
                ("status", _("Status")),
                ("title", _("Title")),
            ],
            "interventions": interventions,
            "chosen": {
                "status": status or "",
                "waits_for": waits_for or "",
                "order": order,
                "intervention": intervention or "",
                "overdue": overdue,
            },
            "wait_days": wait_days(),
            "required": required_assessments(),
        },
    )


@login_required
def my_reviews(request):
    user = request.user
    if not user.is_reviewer:
        raise PermissionDenied(_("This page is the reviewers'."))
    expertise = ReviewerExpertise.objects.filter(reviewer=user).first()
    form = ExpertiseForm(
        request.POST or None,
        initial={"capabilities": expertise.capabilities if expertise else []},
    )
    if request.method == "POST" and form.is_valid():
        review.save_expertise(
            reviewer=user, capabilities=form.cleaned_data["capabilities"], actor=user
        )
        messages.success(request, _("Your expertise is saved."))
        return redirect("usecases:my-reviews")
    now = timezone.now()
    assignments = list(reviewer_queue(user))
    for assignment in assignments:
        assignment.age_days = (now - assignment.created).days
    return render(
        request,
        "usecases/my_reviews.html",
        {
            "assignments": assignments,
            "expertise_form": form,
            "wait_days": wait_days(),
            "nav_section": "usecases",
        },
    )


def _criteria(use_case, assessments):
    return [
        {
            "label": CRITERION_LABELS[name],
            "mean": getattr(use_case, f"score_{name}"),
            "scores": [getattr(a, name) for a in assessments],
            "spread": (
                max(getattr(a, name) for a in assessments)
                - min(getattr(a, name) for a in assessments)
            )
            if len(assessments) > 1
            else None,
        }
        for name in CRITERIA
    ]


@login_required
def decision(request, pk):
    """The Board decides beside the scores per criterion, the spread and the consensus."""
    use_case = visible_use_case(request, pk)
    _board_only(request.user)
    assessments = list(
        Assessment.objects.filter(use_case=use_case).select_related("reviewer").order_by("created")
    )
    moves = [
        m
        for m in services.allowed_moves(use_case=use_case, user=request.user)
        if m in (UseCase.Status.SELECTED, UseCase.Status.DECLINED)
    ]
    override = services.needs_override(use_case=use_case, to=UseCase.Status.SELECTED)
    return render(
        request,
        "usecases/decision.html",
        {
            "use_case": use_case,
            "assessments": assessments,
            "criteria": _criteria(use_case, assessments),
            "show_spread": len(assessments) > 1,
            "required": required_assessments(),
            "transition_form": TransitionForm(moves=moves, override_needed=override)
            if moves
            else None,
            "overrides": use_case.selection_overrides.select_related("actor"),
            "nav_section": "usecases",
        },
    )


def _panel_error(request, use_case, **forms):
    context = detail_context(request, use_case, **forms)
    return render(request, "usecases/use_case_detail.html", context, status=400)


@login_required
@require_POST
def assign(request, pk):
    use_case = visible_use_case(request, pk)
    _board_only(request.user)
    form = AssignForm(request.POST, reviewers=review.reviewers())
    if form.is_valid():
        try:
            review.assign_reviewer(
                use_case=use_case, reviewer=form.cleaned_data["reviewer"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reviewer is assigned and notified."))
            return redirect(use_case)
    return _panel_error(request, use_case, assign_form=form)


@login_required
@require_POST
def unassign(request, pk):
    assignment = get_object_or_404(
        ReviewAssignment.objects.visible_to(request.user).select_related("use_case"), pk=pk
    )
    review.unassign_reviewer(assignment=assignment, actor=request.user)
    messages.success(request, _("The assignment is removed."))
    return redirect(assignment.use_case)


@login_required
@require_POST
def open_switch(request, pk):
    use_case = visible_use_case(request, pk)
    _board_only(request.user)
    form = OpenSwitchForm(request.POST)
    form.is_valid()
    review.set_open_to_all_reviewers(
        use_case=use_case,
        open_=form.cleaned_data.get("open_to_all_reviewers", False),
        actor=request.user,
    )
    messages.success(request, _("Who may assess it is saved."))
    return redirect(use_case)


@login_required
@require_POST
def declare_conflict(request, pk):
    use_case = visible_use_case(request, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            review.declare_conflict(
                use_case=use_case, reviewer=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your conflict of interest is recorded."))
            return redirect(use_case)
    return _panel_error(request, use_case, conflict_form=form)


@login_required
@require_POST
def answer(request, pk):
    use_case = visible_use_case(request, pk)
    if not request.user.acts_for(use_case.organisation_id):
        raise PermissionDenied(_("Only the submitting organisation answers its questions."))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            review.answer_question(
                use_case=use_case, answer=form.cleaned_data["answer"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answer is sent; the use case is back in review."))
            return redirect(use_case)
    return _panel_error(request, use_case, answer_form=form)


@login_required
@require_POST
def comment_add(request, pk):
    use_case = visible_use_case(request, pk)
    kinds = UseCasePolicy(request.user).comment_kinds(use_case)
    if not kinds:
        raise PermissionDenied(_("You may not comment here."))
    form = CommentForm(request.POST, kinds=kinds)
    if form.is_valid():
        try:
            review.post_comment(
                use_case=use_case,
                author=request.user,
                kind=form.cleaned_data["kind"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(f"{use_case.get_absolute_url()}#comments")
    return _panel_error(request, use_case, comment_form=form)


@login_required
def comment_edit(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible_to(request.user).select_related("use_case"), pk=pk
    )
    if comment.author_id != request.user.pk:
        raise PermissionDenied(_("Only the author edits a comment."))
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            review.edit_comment(comment=comment, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is saved; the earlier text is kept."))
            return redirect(f"{comment.use_case.get_absolute_url()}#comments")
    return render(
        request,
        "usecases/comment_form.html",
        {
            "form": form,
            "comment": comment,
            "use_case": comment.use_case,
            "history": comment.history.order_by("-history_date")[1:],
            "nav_section": "usecases",
        },
    )
