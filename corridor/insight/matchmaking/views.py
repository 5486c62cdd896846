"""Inviting a suggested partner from a use case's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalitions.models import Organisation
from corridor.web.access import board_required
from usecases.models import UseCase

from . import services


def _use_case_page(use_case) -> str:
    try:
        return use_case.get_absolute_url()
    except NoReverseMatch:
        return reverse("portal:dashboard")


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
            _("%(name)s is now a partner of this use case.") % {"name": organisation.name},
        )
    return redirect(_use_case_page(use_case))
