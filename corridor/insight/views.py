"""Portal pages and files of corridor insight: the map, the dossiers, the
calendars, the open-data download and the Board's partner invitation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.http import Http404
from django.http import HttpResponse
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from coalitions.models import Organisation
from corridor.web.access import board_required
from interventions.models import Intervention
from usecases.models import UseCase

from . import calendars
from . import services
from .dossier import build_dossier
from .dossier import dossier_docx
from .models import CalendarFeed
from .network import build_network
from .network import pole_regions
from .opendata import archive_path
from .opendata import write_open_data
from .templatetags.insight import trend_context

ICS_TYPE = "text/calendar; charset=utf-8"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class MapFilterForm(forms.Form):
    intervention = forms.ModelChoiceField(
        label=gettext_lazy("Intervention"),
        queryset=Intervention.objects.order_by("number"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All interventions"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of organisation"),
        choices=[("", gettext_lazy("All kinds")), *Organisation.Kind.choices],
        required=False,
    )


@require_GET
def network_map(request):
    form = MapFilterForm(request.GET or None)
    intervention = kind = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            intervention = form.cleaned_data["intervention"]
            kind = form.cleaned_data["kind"] or None
        else:
            status = 400
    network = build_network(user=request.user, intervention=intervention, kind=kind)
    return render(
        request,
        "insight/map.html",
        {"form": form, "network": network, "poles": pole_regions(), "nav_section": "map"},
        status=status,
    )


def _intervention_or_404(slug):
    if slug is None:
        return None
    return get_object_or_404(Intervention, slug=slug)


def _other_language():
    current = (translation.get_language() or "nl")[:2]
    return "en" if current == "nl" else "nl"


@board_required
@require_GET
def dossier(request, slug=None):
    intervention = _intervention_or_404(slug)
    content = build_dossier(intervention=intervention)
    kwargs = {"slug": slug} if slug else {}
    docx_name = "insight:dossier-intervention-docx" if slug else "insight:dossier-docx"
    page_name = "insight:dossier-intervention" if slug else "insight:dossier"
    other = _other_language()
    with translation.override(other):
        other_url = reverse(page_name, kwargs=kwargs)
    return render(
        request,
        "insight/dossier_print.html",
        {
            "dossier": content,
            "trend": trend_context(intervention),
            "docx_url": reverse(docx_name, kwargs=kwargs),
            "other_language": other,
            "other_language_name": "English" if other == "en" else "Nederlands",
            "other_language_url": other_url,
            "back_url": intervention.get_absolute_url()
            if intervention
            else reverse("portal:dashboard"),
        },
    )


@board_required
@require_GET
def dossier_download(request, slug=None):
    intervention = _intervention_or_404(slug)
    content = dossier_docx(build_dossier(intervention=intervention))
    language = (translation.get_language() or "nl")[:2]
    filename = f"dossier-{slug or 'tech-corridor'}-{language}.docx"
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Calendars -----------------------------------------------------------------


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@require_GET
@cache_control(public=True, max_age=900)
def public_milestones_ics(request):
    """``/calendar/milestones.ics?intervention=<slug>``: the public milestone feed."""
    slug = request.GET.get("intervention", "").strip()
    intervention = None
    if slug:
        intervention = Intervention.objects.filter(slug=slug[:60]).first()
        if intervention is None:
            return HttpResponseBadRequest(
                _("Unknown intervention “%(slug)s”.") % {"slug": slug[:60]},
                content_type="text/plain; charset=utf-8",
            )
    content = calendars.public_feed(intervention=intervention, base_url=_base_url(request))
    return _ics(content, f"milestones-{intervention.slug if intervention else 'corridor'}.ics")


@require_GET
@cache_control(private=True, no_store=True)
def private_ics(request, secret):
    """The private feed at its secret URL; unknown or revoked answers 404."""
    user = services.user_for_calendar_secret(secret)
    if user is None:
        raise Http404(_("This calendar address does not exist or has been revoked."))
    slug = request.GET.get("intervention", "").strip()
    intervention = Intervention.objects.filter(slug=slug[:60]).first() if slug else None
    if slug and intervention is None:
        return HttpResponseBadRequest(
            _("Unknown intervention “%(slug)s”.") % {"slug": slug[:60]},
            content_type="text/plain; charset=utf-8",
        )
    with translation.override(getattr(user, "language", None) or translation.get_language()):
        content = calendars.private_feed(
            user=user, intervention=intervention, base_url=_base_url(request)
        )
    return _ics(content, "my-corridor.ics")


def _calendar_context(request, *, new_feed_url=None):
    base = _base_url(request)
    all_url = base + reverse("insight_files:public-milestones")
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


# Open data -------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=3600)
def open_data_zip(request):
    """The nightly open-data ZIP, served as the file it is (built once if missing)."""
    path = archive_path()
    if not path.is_file():
        path = write_open_data()
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="corridor.zip", content_type="application/zip"
    )


# Matchmaking ---------------------------------------------------------------


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
