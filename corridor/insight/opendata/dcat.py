"""The DCAT-AP catalogue record of the open data, as JSON-LD.

Dutch open-data portals (data.overheid.nl and those that harvest like it) read
DCAT-AP: a ``dcat:Catalog`` that holds the ``dcat:Dataset`` with its
``dcat:Distribution`` (the ZIP), publisher, contact point, licence, languages
and themes. The record points at its JSON-LD context by address; the context
is a file of this package (``context.jsonld``), served beside the record, so
no one needs a third party's server to read it.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .archive import DESCRIPTION
from .archive import KEYWORDS
from .archive import TITLE
from .archive import archive_path
from .schema import in_languages

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"nl": EU + "language/NLD", "en": EU + "language/ENG"}
THEMES = [EU + "data-theme/ECON", EU + "data-theme/TECH"]
NETHERLANDS = EU + "country/NLD"
DAILY = EU + "frequency/DAILY"
FRICTIONLESS = "https://specs.frictionlessdata.io/tabular-data-package/"


def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def _moment(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def catalogue_record(base_url: str) -> dict:
    """The catalogue with the one dataset, every address absolute under ``base_url``."""
    base = base_url.rstrip("/")
    zip_url = base + reverse("insight_files:open-data")
    page_url = base + reverse("insight:open-data")
    path = archive_path()
    modified = (
        datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        if path.is_file()
        else timezone.now()
    )
    publisher = {
        "@id": settings.CORRIDOR_PUBLISHER_WEBSITE,
        "@type": ["Agent", "Organization"],
        "name": settings.CORRIDOR_PUBLISHER_NAME,
        "homepage": settings.CORRIDOR_PUBLISHER_WEBSITE,
    }
    distribution = {
        "@id": zip_url + "#distribution",
        "@type": "Distribution",
        "title": in_languages(TITLE),
        "accessURL": page_url,
        "downloadURL": zip_url,
        "format": EU + "file-type/ZIP",
        "mediaType": "https://www.iana.org/assignments/media-types/application/zip",
        "conformsTo": FRICTIONLESS,
        "license": settings.CORRIDOR_OPEN_DATA_LICENCE_URL,
        "modified": _moment(modified),
    }
    if path.is_file():
        distribution["byteSize"] = str(path.stat().st_size)
    dataset = {
        "@id": page_url + "#dataset",
        "@type": "Dataset",
        "identifier": page_url + "#dataset",
        "title": in_languages(TITLE),
        "description": in_languages(DESCRIPTION),
        "keyword": KEYWORDS,
        "theme": THEMES,
        "spatial": NETHERLANDS,
        "language": list(LANGUAGES.values()),
        "landingPage": page_url,
        "accrualPeriodicity": DAILY,
        "modified": _moment(modified),
        "license": settings.CORRIDOR_OPEN_DATA_LICENCE_URL,
        "publisher": publisher,
        "contactPoint": {
            "@type": "Kind",
            "fn": settings.CORRIDOR_PUBLISHER_NAME,
            "hasEmail": "mailto:" + settings.CORRIDOR_PUBLISHER_EMAIL,
        },
        "distribution": distribution,
    }
    return {
        "@context": base + reverse("insight_files:open-data-context"),
        "@id": page_url + "#catalogue",
        "@type": "Catalog",
        "title": in_languages(TITLE),
        "description": in_languages(DESCRIPTION),
        "publisher": publisher,
        "homepage": base + "/",
        "language": list(LANGUAGES.values()),
        "license": settings.CORRIDOR_OPEN_DATA_LICENCE_URL,
        "dataset": dataset,
    }
