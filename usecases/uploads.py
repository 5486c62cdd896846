"""Checks on attachment uploads: the type is read from the bytes, not the name.

Allowed are PDF, DOCX, XLSX, PPTX, PNG and JPEG, up to 10 MB. PDF, PNG and
JPEG are recognised by their magic numbers; the Office formats are ZIP
containers recognised by their ``[Content_Types].xml`` and the ``word/``,
``xl/`` or ``ppt/`` part inside. A renamed executable is refused whatever its
name says.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
# Headroom for the multipart envelope and the other fields of an upload form.
MAX_UPLOAD_REQUEST_SIZE = MAX_ATTACHMENT_SIZE + 1024 * 1024
# A ZIP container with more entries than this is not an Office document we accept.
MAX_ZIP_ENTRIES = 10_000


@dataclass(frozen=True)
class FileKind:
    name: str
    content_type: str
    extension: str


PDF = FileKind("PDF", "application/pdf", ".pdf")
PNG = FileKind("PNG", "image/png", ".png")
JPEG = FileKind("JPEG", "image/jpeg", ".jpg")
DOCX = FileKind(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
)
XLSX = FileKind(
    "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
)
PPTX = FileKind(
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
)
ALLOWED_KINDS = (PDF, DOCX, XLSX, PPTX, PNG, JPEG)
ACCEPT_ATTRIBUTE = ",".join(
    [k.extension for k in ALLOWED_KINDS] + [".jpeg"] + [k.content_type for k in ALLOWED_KINDS]
)

_ALTERNATIVE_EXTENSIONS = {JPEG: (".jpeg",)}
_OFFICE_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))


class AttachmentTooLarge(ValidationError):
    """The upload is over ``MAX_ATTACHMENT_SIZE``; the portal answers 413."""


def too_large_message():
    return _("The file is larger than %(max)s. Upload a smaller file.") % {
        "max": filesizeformat(MAX_ATTACHMENT_SIZE)
    }


def _office_kind(upload) -> FileKind | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if len(names) > MAX_ZIP_ENTRIES or "[Content_Types].xml" not in names:
        return None
    for prefix, kind in _OFFICE_PARTS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def detect_kind(upload) -> FileKind | None:
    """The allowed kind ``upload``'s bytes show it to be, or ``None``."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        return kind
    return None


def inspect_upload(upload) -> FileKind:
    """Check ``upload`` (a Django ``UploadedFile``) and return its kind.

    Raises ``AttachmentTooLarge`` over 10 MB and ``ValidationError`` for an
    empty file or a type that is not allowed.
    """
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise AttachmentTooLarge(too_large_message(), code="too_large")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This file type is not allowed. Upload a PDF, Word (DOCX), Excel (XLSX), "
                "PowerPoint (PPTX), PNG or JPEG file."
            ),
            code="file_type",
        )
    return kind


def clean_original_name(name: str, kind: FileKind) -> str:
    """The name shown and offered on download: no path, no control characters,
    and the extension of the type the bytes really have."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>:|?*')
    stem = base.rsplit(".", 1)[0].strip(" .") if "." in base else base.strip(" .")
    stem = stem[:200] or "attachment"
    extension = "." + base.rsplit(".", 1)[1].lower() if "." in base else ""
    if extension not in (kind.extension, *_ALTERNATIVE_EXTENSIONS.get(kind, ())):
        extension = kind.extension
    return f"{stem}{extension}"
