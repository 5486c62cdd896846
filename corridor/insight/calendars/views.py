"""The calendar page and the calendar feeds (iCalendar)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpResponse
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from corridor.web.language import fixed_language
from interventions.models import Intervention

from ..models import CalendarFeed
from . import feeds as calendars
from . import services

ICS_TYPE = "text/calendar; charset=utf-8"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@require_GET
@cache_control(public=True, max_age=900)
def public_milestones_ics(request, language="nl"):
    """``/calendar/milestones.ics?intervention=<slug>``: the public milestone feed,
    in Dutch; ``/en/calendar/milestones.ics`` is the same feed in English.

    The address alone decides the language (never ``Accept-Language``), so the
    answer varies by nothing but the URL: see ``fixed_language``.
    """
    with translation.override(language):
        try:
            intervention = calendars.feed_intervention(request.GET.get("intervention", ""))
        except calendars.UnknownIntervention as exc:
            response = HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
            return fixed_language(response, language)
        content = calendars.public_feed(intervention=intervention, base_url=_base_url(request))
    slug = intervention.slug if intervention else "corridor"
    return fixed_language(_ics(content, f"milestones-{slug}-{language}.ics"), language)


@require_GET
@cache_control(private=True, no_store=True)
def private_ics(request, secret):
    """The private feed at its secret URL; unknown or revoked answers 404."""
    user = services.user_for_calendar_secret(secret)
    if user is None:
        raise Http404(_("This calendar address does not exist or has been revoked."))
    try:
        intervention = calendars.feed_intervention(request.GET.get("intervention", ""))
    except calendars.UnknownIntervention as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        content = calendars.private_feed(
            user=user, intervention=intervention, base_url=_base_url(request)
        )
    return fixed_language(_ics(content, "my-corridor.ics"), language)


def _calendar_context(request, *, new_feed_url=None):
    base = _base_url(request)
    english = (translation.get_language() or "")[:2] == "en"
    all_url = base + reverse(
        "insight_files:public-milestones-en" if english else "insight_files:public-milestones"
    )
    context = {
        "all_url": all_url,
        "intervention_feeds": [
            (intervention, f"{all_url}?intervention={intervention.slug}")
            for intervention in Intervention.objects.order_by("number")
        ],
        "new_feed_url": new_feed_url,
        "live_feed": None,
        "nav_section": "calendar",
    }
    if request.user.is_authenticated:
        context["live_feed"] = CalendarFeed.objects.filter(
            user=request.user, revoked__isnull=True
        ).first()
    return context


@require_GET
def calendar_page(request):
    return render(request, "insight/calendar.html", _calendar_context(request))


@never_cache  # the answer shows the new secret address, once
@login_required
@require_POST
def calendar_feed_create(request):
    try:
        _feed, secret = services.create_calendar_feed(user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("insight:calendar")
    url = _base_url(request) + reverse("insight_files:private-calendar", kwargs={"secret": secret})
    return render(request, "insight/calendar.html", _calendar_context(request, new_feed_url=url))


@login_required
@require_POST
def calendar_feed_revoke(request):
    if services.revoke_calendar_feed(user=request.user):
        messages.success(request, _("Your private calendar address has been revoked."))
    return redirect("insight:calendar")
