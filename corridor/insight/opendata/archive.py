"""The open-data download: a ZIP of CSVs of everything public plus ``datapackage.json``.

"Public" is what an anonymous visitor may see, decided by the same
``visible_to(None)`` selectors as the portal and the API (``tables``): no user,
assessment, attachment or draft appears.

The description follows the Frictionless Data "tabular data package" profile:
every resource and field has a title and a description in English (``title``,
``description``) and in both languages (``titles``, ``descriptions``); the keys
between the tables are declared as ``foreignKeys``, so a validator checks them;
the licence comes from ``CORRIDOR_OPEN_DATA_LICENCE_*``.
Text a spreadsheet would run as a formula is written with a ``'`` first
(``corridor.csvsafe``); only string columns can hold such text, so the typed
columns still validate.
A nightly task (``corridor.insight.tasks.build_open_data``) writes the file
under ``MEDIA_ROOT`` atomically; the portal serves that file as it is.
"""

import datetime
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .schema import in_languages
from .tables import Table
from .tables import public_tables

ARCHIVE_NAME = "corridor.zip"
ENTRY_MODE = 0o100644  # a regular file, rw-r--r--, as it extracts

TITLE = _("Tech Corridor MRA – Brainport")
DESCRIPTION = _(
    "The public register of the Tech Corridor between the Amsterdam metropolitan region "
    "(MRA) and Brainport Eindhoven: interventions, action lines, milestones, organisations, "
    "coalitions, selected use cases and the corridor index. A coalition or use case is "
    "'corridor' when it joins at least one organisation of each pole. Lists within a cell "
    "are separated by ';'. Text that starts with =, +, -, @, a tab or a carriage return is "
    "written with a ' first, so that a spreadsheet does not run it as a formula."
)
KEYWORDS = ["Tech Corridor", "MRA", "Brainport", "AI", "semicon", "open data"]


def archive_path() -> Path:
    return Path(settings.MEDIA_ROOT) / "open-data" / ARCHIVE_NAME


def licence() -> dict:
    """The licence as Frictionless writes it: ``name``, ``path``, ``title``."""
    return {
        "name": settings.CORRIDOR_OPEN_DATA_LICENCE_ID,
        "path": settings.CORRIDOR_OPEN_DATA_LICENCE_URL,
        "title": settings.CORRIDOR_OPEN_DATA_LICENCE_TITLE,
    }


def datapackage(tables: list[Table], created: datetime.datetime) -> dict:
    titles, descriptions = in_languages(TITLE), in_languages(DESCRIPTION)
    return {
        "profile": "tabular-data-package",
        "name": "tech-corridor",
        "title": titles["en"],
        "description": descriptions["en"],
        "titles": titles,
        "descriptions": descriptions,
        "languages": ["nl", "en"],
        "keywords": KEYWORDS,
        "licenses": [licence()],
        "contributors": [
            {
                "title": settings.CORRIDOR_PUBLISHER_NAME,
                "role": "publisher",
                "email": settings.CORRIDOR_PUBLISHER_EMAIL,
                "path": settings.CORRIDOR_PUBLISHER_WEBSITE,
            }
        ],
        "created": created.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "resources": [table.descriptor() for table in tables],
    }


def _entry(archive: zipfile.ZipFile, name: str, content: bytes, moment) -> None:
    info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ENTRY_MODE << 16
    info.create_system = 3  # Unix, so unzip reads the mode above
    archive.writestr(info, content)


def build_archive(today: datetime.date | None = None) -> bytes:
    """The ZIP, in memory."""
    tables = public_tables(today)
    now = timezone.now()
    moment = timezone.localtime(now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            _entry(archive, f"{table.name}.csv", table.csv_bytes(), moment)
        package = json.dumps(datapackage(tables, now), indent=2, ensure_ascii=False)
        _entry(archive, "datapackage.json", package.encode("utf-8"), moment)
    return buffer.getvalue()


def write_open_data(today: datetime.date | None = None) -> Path:
    """Build the ZIP and put it in place atomically: readers see the old file or the new."""
    path = archive_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    content = build_archive(today)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".corridor-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
