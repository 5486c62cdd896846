"""Moving a use case along its workflow (``usecases.services.MOVES``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import TransitionForm
from ..models import UseCase
from ..models import UseCaseStatus
from .detail import WITHDRAW_EXPLANATION
from .detail import detail_context
from .detail import visible_use_case


def needs_confirmation(request, to) -> bool:
    """Withdrawing cannot be undone: it takes a second, confirming step."""
    return to == UseCaseStatus.WITHDRAWN and request.POST.get("confirmed") != "1"


def _add_transition_errors(form, error: ValidationError):
    """Errors of the move itself go to its fields; missing use case fields are named."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
            continue
        try:
            label = str(UseCase._meta.get_field(field).verbose_name).capitalize() + ": "
        except FieldDoesNotExist:
            label = ""
        for item in errors:
            for text in item.messages:
                form.add_error(None, f"{label}{text}")


@login_required
@require_POST
def use_case_transition(request, pk):
    use_case = visible_use_case(request, pk)
    moves = services.allowed_moves(use_case=use_case, user=request.user)
    if not moves:
        raise PermissionDenied(_("You cannot move this use case now."))
    override_needed = services.needs_override(use_case=use_case, to=UseCase.Status.SELECTED)
    form = TransitionForm(request.POST, moves=moves, override_needed=override_needed)
    if form.is_valid() and needs_confirmation(request, form.cleaned_data["to"]):
        return render(
            request,
            "portal/confirm.html",
            {
                "question": _("Withdraw “%(title)s”?") % {"title": use_case.title},
                "explanation": WITHDRAW_EXPLANATION,
                "action": request.path,
                "fields": [
                    ("to", form.cleaned_data["to"]),
                    ("reason", form.cleaned_data["reason"]),
                ],
                "confirm_label": _("Withdraw the use case"),
                "cancel_url": use_case.get_absolute_url(),
                "nav_section": "usecases",
            },
        )
    if form.is_valid():
        try:
            change = services.transition_use_case(
                use_case=use_case,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                **form.service_options(),
            )
        except ValidationError as error:
            _add_transition_errors(form, error)
        else:
            messages.success(
                request,
                _("The use case is now “%(status)s”.") % {"status": change.get_to_status_display()},
            )
            return redirect(use_case)
    context = detail_context(request, use_case, transition_form=form)
    return render(request, "usecases/use_case_detail.html", context, status=400)
