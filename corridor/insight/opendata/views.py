"""The open-data page, the ZIP, and its DCAT-AP catalogue record with its context."""

import json

from django.conf import settings
from django.http import FileResponse
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .archive import archive_path
from .archive import write_open_data
from .dcat import catalogue_record
from .dcat import context
from .schema import in_languages
from .tables import PARTS

JSON_LD = "application/ld+json"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


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


def _json_ld(document: dict) -> HttpResponse:
    return HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type=f"{JSON_LD}; charset=utf-8"
    )


@require_GET
@cache_control(public=True, max_age=3600)
def open_data_dcat(request):
    """The DCAT-AP catalogue record (JSON-LD) a data portal harvests."""
    return _json_ld(catalogue_record(_base_url(request)))


@require_GET
@cache_control(public=True, max_age=86400)
def open_data_context(request):
    """The JSON-LD context the catalogue record refers to."""
    return _json_ld(context())


@require_GET
def open_data_page(request):
    """What the open data holds, its licence, and where to get it and its record."""
    language = (translation.get_language() or "nl")[:2]
    resources = [
        {
            "file": f"{resource.name}.csv",
            "title": in_languages(resource.title)[language],
            "description": in_languages(resource.description)[language],
            "fields": [
                (f.name, in_languages(f.description)[language], f.codes) for f in resource.fields
            ],
        }
        for resource, _rows in PARTS
    ]
    return render(
        request,
        "insight/open_data.html",
        {
            "zip_url": reverse("insight_files:open-data"),
            "dcat_url": reverse("insight_files:open-data-dcat"),
            "licence_title": settings.CORRIDOR_OPEN_DATA_LICENCE_TITLE,
            "licence_id": settings.CORRIDOR_OPEN_DATA_LICENCE_ID,
            "licence_url": settings.CORRIDOR_OPEN_DATA_LICENCE_URL,
            "publisher": settings.CORRIDOR_PUBLISHER_NAME,
            "resources": resources,
            "nav_section": "open-data",
        },
    )
