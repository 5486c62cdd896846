"""Inviting a suggested partner from a use case's page, and the invitations
page where the invited organisation accepts or declines (and the Board sees
what is pending and may withdraw it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalitions.models import Organisation
from corridor.web.access import board_required
from usecases import invitations
from usecases.models import PartnerInvitation
from usecases.models import UseCase

from . import services


def _use_case_page(use_case) -> str:
    try:
        return use_case.get_absolute_url()
    except NoReverseMatch:
        return reverse("portal:dashboard")


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@board_required
@require_POST
def invite_partner(request, pk):
    use_case = get_object_or_404(UseCase.objects.visible_to(request.user), pk=pk)
    slug = (request.POST.get("organisation") or "").strip()[:100]
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        messages.error(request, _("Choose an organisation to invite."))
        return redirect(_use_case_page(use_case))
    try:
        services.invite_partner(use_case=use_case, organisation=organisation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "%(name)s is invited. It becomes a partner once it accepts; "
                "you can withdraw the invitation until then."
            )
            % {"name": organisation.name},
        )
    return redirect(_use_case_page(use_case))


def _invitation(request, pk) -> PartnerInvitation:
    invitation = get_object_or_404(
        PartnerInvitation.objects.select_related("use_case", "organisation"), pk=pk
    )
    user = request.user
    if not (user.is_board or user.organisation_id == invitation.organisation_id):
        raise Http404
    return invitation


@board_required
@require_POST
def withdraw_invitation(request, pk):
    invitation = _invitation(request, pk)
    try:
        invitations.withdraw_invitation(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation of %(name)s is withdrawn.") % {"name": invitation.organisation},
        )
    return redirect(_back(request, _use_case_page(invitation.use_case)))


@login_required
@require_POST
def answer_invitation(request, pk):
    invitation = _invitation(request, pk)
    accept = request.POST.get("answer") == "accept"
    if request.POST.get("answer") not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline."))
        return redirect("insight:invitations")
    if not invitations.may_answer(invitation=invitation, user=request.user):
        if invitation.status != PartnerInvitation.Status.PENDING:
            messages.error(request, _("This invitation is no longer open."))
            return redirect("insight:invitations")
        raise PermissionDenied(_("Only the invited organisation answers this invitation."))
    invitations.answer_invitation(invitation=invitation, actor=request.user, accept=accept)
    if accept:
        text = _("%(name)s is now a partner of “%(title)s”.")
    else:
        text = _("You declined to join “%(title)s”.")
    messages.success(
        request, text % {"name": invitation.organisation, "title": invitation.use_case.title}
    )
    return redirect("insight:invitations")


@login_required
def invitation_list(request):
    """The invitations of the user's organisation; for the Board, all pending."""
    user = request.user
    rows = PartnerInvitation.objects.select_related("use_case", "organisation", "invited_by")
    if user.is_board:
        rows = rows.filter(status=PartnerInvitation.Status.PENDING)
    elif user.organisation_id:
        rows = rows.filter(organisation_id=user.organisation_id)
    else:
        rows = rows.none()
    rows = list(rows[:200])
    # The use case's page is linked only for whom it is visible (a draft is not, yet).
    visible = set(
        UseCase.objects.visible_to(user)
        .filter(pk__in=[row.use_case_id for row in rows])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "insight/invitations.html",
        {
            "invitations": [
                (row, invitations.may_answer(invitation=row, user=user), row.use_case_id in visible)
                for row in rows
            ],
        },
    )
