"""The joint agenda's proposals: list, make, read (diff, conflict, comments,
steps), revise or rebase, and the Board's decision.

Proposals are the Board's and the intervention's co-owners' only: anyone else
gets 404 for a proposal, 403 for the list and forms; anonymous visitors are
sent to log in.
"""

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

from corridor.web.access import board_required
from corridor.web.editing import add_service_errors

from .. import policies
from .. import services
from ..joint_services import base_values
from ..joint_services import conflicting_fields
from ..joint_services import current_values
from ..models import ActionLine
from ..models import CoOwnership
from ..models import Intervention
from ..proposal_forms import ActionLineProposalForm
from ..proposal_forms import AgendaProposalForm
from ..proposal_forms import CoOwnerForm
from ..proposal_forms import DecisionForm
from ..proposal_forms import ProposalCommentForm
from .agenda import diff_lines


@login_required
def proposal_list(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    if not policies.can_see_proposals(request.user, intervention):
        raise PermissionDenied
    proposals = intervention.proposals.select_related(
        "author", "organisation", "action_line"
    ).order_by("-created", "-id")
    now = timezone.now()
    for proposal in proposals:
        proposal.age_days = (now - proposal.created).days
    return render(
        request,
        "interventions/proposal_list.html",
        {
            "intervention": intervention,
            "proposals": proposals,
            "co_owners": intervention.co_ownerships.current().select_related("organisation"),
            "may_propose": policies.can_propose(request.user, intervention),
            "co_owner_form": CoOwnerForm(initial={"started": timezone.localdate()})
            if request.user.is_board
            else None,
            "nav_section": "interventions",
        },
    )


@board_required
@require_POST
def co_owner_add(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    form = CoOwnerForm(request.POST)
    if form.is_valid():
        try:
            services.name_co_owner(
                intervention=intervention, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The organisation co-owns the agenda from now on."))
    else:
        messages.error(request, _("Choose an organisation and a date."))
    return redirect("interventions:proposal-list", slug=slug)


@board_required
@require_POST
def co_owner_end(request, pk):
    co_ownership = get_object_or_404(CoOwnership.objects.current(), pk=pk)
    services.end_co_ownership(co_ownership=co_ownership, actor=request.user)
    messages.success(request, _("The co-ownership has ended."))
    return redirect("interventions:proposal-list", slug=co_ownership.intervention.slug)


def _form_page(request, *, intervention, action_line, form, proposal=None, status=200):
    return render(
        request,
        "interventions/proposal_form.html",
        {
            "intervention": intervention,
            "action_line": action_line,
            "form": form,
            "proposal": proposal,
            "nav_section": "interventions",
        },
        status=status,
    )


def _propose(request, intervention, action_line=None):
    if not policies.can_propose(request.user, intervention):
        raise PermissionDenied
    if action_line is None:
        form_class, kwargs = AgendaProposalForm, {"initial": {"agenda": intervention.agenda}}
    else:
        form_class = ActionLineProposalForm
        kwargs = {"instance": ActionLine.objects.get(pk=action_line.pk)}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.submit_proposal(
                actor=request.user,
                intervention=intervention,
                action_line=action_line,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your proposal is sent to the Board."))
            return redirect(proposal)
    status = 400 if form.errors else 200
    return _form_page(
        request, intervention=intervention, action_line=action_line, form=form, status=status
    )


@login_required
def agenda_propose(request, slug):
    return _propose(request, get_object_or_404(Intervention, slug=slug))


@login_required
def action_line_propose(request, pk):
    line = get_object_or_404(ActionLine.objects.select_related("intervention"), pk=pk)
    return _propose(request, line.intervention, line)


def _visible_proposal(request, pk):
    return get_object_or_404(
        policies.proposals_visible_to(request.user).select_related(
            "intervention", "action_line", "author", "organisation"
        ),
        pk=pk,
    )


def _field_diffs(proposal) -> list[dict]:
    """Per proposed field: the diff from the base version to the proposal, and
    when the field changed since, the diff from the base to the current text."""
    base, now = base_values(proposal), current_values(proposal)
    conflicts = set(conflicting_fields(proposal))
    labels = {name: proposal.target._meta.get_field(name).verbose_name for name in proposal.changes}
    return [
        {
            "label": labels[name],
            "lines": diff_lines(base[name], value),
            "conflict": name in conflicts,
            "since": diff_lines(base[name], now[name]) if name in conflicts else [],
        }
        for name, value in proposal.changes.items()
    ]


@login_required
def proposal_detail(request, pk):
    proposal = _visible_proposal(request, pk)
    user = request.user
    return render(
        request,
        "interventions/proposal_detail.html",
        {
            "proposal": proposal,
            "intervention": proposal.intervention,
            "diffs": _field_diffs(proposal),
            "in_conflict": bool(conflicting_fields(proposal)),
            "events": proposal.events.select_related("actor"),
            "comments": proposal.comments.select_related("author"),
            "comment_form": ProposalCommentForm() if policies.can_comment(user, proposal) else None,
            "decision_form": DecisionForm() if policies.can_decide(user, proposal) else None,
            "may_revise": policies.can_revise(user, proposal),
            "nav_section": "interventions",
        },
    )


@login_required
def proposal_revise(request, pk):
    """The author edits their proposal; "rebase" moves it onto the current version."""
    proposal = _visible_proposal(request, pk)
    if not policies.can_revise(request.user, proposal):
        raise PermissionDenied
    rebase = request.POST.get("rebase") == "1" or request.GET.get("rebase") == "1"
    if proposal.action_line_id:
        form_class = ActionLineProposalForm
        kwargs = {
            "instance": ActionLine.objects.get(pk=proposal.action_line_id),
            "initial": {**proposal.changes, "reason": proposal.reason},
        }
    else:
        form_class = AgendaProposalForm
        kwargs = {"initial": {**proposal.changes, "reason": proposal.reason}}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_proposal(
                proposal=proposal,
                actor=request.user,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                rebase=rebase,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your proposal is revised."))
            return redirect(proposal)
    return _form_page(
        request,
        intervention=proposal.intervention,
        action_line=proposal.action_line,
        form=form,
        proposal=proposal,
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def proposal_comment(request, pk):
    proposal = _visible_proposal(request, pk)
    form = ProposalCommentForm(request.POST)
    if form.is_valid():
        services.comment_on_proposal(
            proposal=proposal, actor=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your comment is added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(proposal)


@login_required
@require_POST
def proposal_decide(request, pk):
    proposal = _visible_proposal(request, pk)
    if not policies.can_decide(request.user, proposal):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give a reason."))
        return redirect(proposal)
    try:
        services.decide_proposal(proposal=proposal, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision is recorded and the proposer is told."))
    return redirect(proposal)
