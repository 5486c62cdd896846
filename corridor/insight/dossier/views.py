"""The positioning dossier: a printable page and a Word document."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from corridor.web.access import board_required
from interventions.models import Intervention

from ..templatetags.insight import trend_context
from .build import build_dossier
from .docx import dossier_docx

ICS_TYPE = "text/calendar; charset=utf-8"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
