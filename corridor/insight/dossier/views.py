"""The positioning dossier: a printable page, a PDF and a Word document,
each in Dutch and English (the language of the address)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from corridor.web.access import board_required
from interventions.models import Intervention

from .build import build_dossier
from .chart import index_chart
from .docx import dossier_docx
from .pdf import PdfUnavailable
from .pdf import dossier_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def _intervention_or_404(slug):
    if slug is None:
        return None
    return get_object_or_404(Intervention, slug=slug)


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


def _urls(slug) -> dict:
    kwargs = {"slug": slug} if slug else {}
    suffix = "-intervention" if slug else ""
    return {
        "page_url": reverse(f"insight:dossier{suffix}", kwargs=kwargs),
        "docx_url": reverse(f"insight:dossier{suffix}-docx", kwargs=kwargs),
        "pdf_url": reverse(f"insight:dossier{suffix}-pdf", kwargs=kwargs),
    }


def _filename(slug, extension: str) -> str:
    return f"dossier-{slug or 'tech-corridor'}-{_language()}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _page(request, slug, *, for_pdf: bool) -> str:
    intervention = _intervention_or_404(slug)
    content = build_dossier(intervention=intervention)
    other = "en" if _language() == "nl" else "nl"
    with translation.override(other):
        other_url = _urls(slug)["page_url"]
    return render_to_string(
        "insight/dossier_print.html",
        {
            "dossier": content,
            "dossier_chart": index_chart(content.trend),
            "created": timezone.now(),
            "for_pdf": for_pdf,
            "logo_url": _logo_url(content.publisher),
            "other_language": other,
            "other_language_name": "English" if other == "en" else "Nederlands",
            "other_language_url": other_url,
            "back_url": intervention.get_absolute_url()
            if intervention
            else reverse("portal:dashboard"),
            **_urls(slug),
        },
        request=request,
    )


def _logo_url(publisher) -> str:
    from django.templatetags.static import static

    return static(publisher.logo) if publisher.logo_file else ""


@board_required
@require_GET
def dossier(request, slug=None):
    return HttpResponse(_page(request, slug, for_pdf=False))


@board_required
@require_GET
def dossier_download(request, slug=None):
    content = dossier_docx(build_dossier(intervention=_intervention_or_404(slug)))
    return _attachment(content, DOCX_TYPE, _filename(slug, "docx"))


@board_required
@require_GET
def dossier_pdf_download(request, slug=None):
    html = _page(request, slug, for_pdf=True)
    try:
        content = dossier_pdf(html, base_url=request.build_absolute_uri("/"))
    except PdfUnavailable:
        message = _(
            "The PDF cannot be made on this server: its system libraries (Pango) are "
            "missing. The Word document and the print page are available."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    return _attachment(content, PDF_TYPE, _filename(slug, "pdf"))
