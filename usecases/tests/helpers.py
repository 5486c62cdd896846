"""Helpers shared by the use case portal tests: use cases in any status, files, page URLs."""

import io
import zipfile

from django.urls import reverse

from usecases.models import UseCase
from usecases.services import BOARD
from usecases.services import path_from_draft
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory

S = UseCase.Status


def bring_to(use_case, status, *, partner, board, reason="Past goed in de corridor."):
    """Move ``use_case`` along the workflow to ``status``, as the real roles would."""
    for move in path_from_draft(status):
        actor = board if move.by == BOARD else partner
        transition_use_case(use_case=use_case, to=move.target, actor=actor, reason=reason)
    use_case.refresh_from_db()
    return use_case


def use_case_in(status, *, partner, board, reason="Past goed in de corridor.", **fields):
    """A use case of ``partner``'s organisation, moved to ``status`` through the workflow."""
    fields.setdefault("organisation", partner.organisation)
    fields.setdefault("submitted_by", partner)
    return bring_to(UseCaseFactory(**fields), status, partner=partner, board=board, reason=reason)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def office_bytes(part: str) -> bytes:
    """A minimal OOXML container: ``[Content_Types].xml`` plus a ``part`` entry."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<xml/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE_BYTES)
    return buffer.getvalue()


def assigned(use_case, *reviewers):
    """Assign ``reviewers`` to ``use_case`` directly (past the Board's service),
    so they may assess it; returns the use case."""
    from usecases.models import ReviewAssignment

    for reviewer in reviewers:
        ReviewAssignment.objects.get_or_create(
            use_case=use_case, reviewer=reviewer, defaults={"assigned_by": reviewer}
        )
    return use_case


def url_of(name, cases, key=None):
    """The URL of route ``name``, of the use case ``cases[key]`` when a key is given."""
    if key is None:
        return reverse(name)
    return reverse(name, kwargs={"pk": cases[key].pk})
