"""Attachments: typed from their bytes, at most 10 MB, stored under random names,
downloaded only by those who may see the use case."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from usecases.models import Attachment
from usecases.models import UseCase
from usecases.services import add_attachment
from usecases.tests.helpers import EXE_BYTES
from usecases.tests.helpers import JPEG_BYTES
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import PNG_BYTES
from usecases.tests.helpers import bring_to
from usecases.tests.helpers import office_bytes
from usecases.tests.helpers import plain_zip_bytes
from usecases.tests.helpers import use_case_in
from usecases.uploads import MAX_ATTACHMENT_SIZE
from usecases.uploads import AttachmentTooLarge
from usecases.uploads import clean_original_name
from usecases.uploads import detect_kind
from usecases.uploads import inspect_upload

S = UseCase.Status


@pytest.fixture
def draft(partner_a, board, intervention):
    return use_case_in(S.DRAFT, partner=partner_a, board=board, intervention=intervention)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (JPEG_BYTES, "image/jpeg"),
        (
            office_bytes("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            office_bytes("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            office_bytes("ppt/presentation.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_allowed_types_are_recognised_from_their_bytes(content, expected):
    # The name says nothing: the bytes decide.
    assert inspect_upload(upload("whatever.bin", content)).content_type == expected


@pytest.mark.parametrize(
    "content",
    [
        EXE_BYTES,
        plain_zip_bytes(),
        b"PK\x03\x04 not really a zip",
        b"<html><script>alert(1)</script></html>",
        b"#!/bin/sh\nrm -rf /\n",
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_other_content_is_refused_whatever_the_name(content):
    assert detect_kind(upload("report.pdf", content)) is None
    with pytest.raises(ValidationError):
        inspect_upload(upload("report.pdf", content, "application/pdf"))


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("empty.pdf", b""))
    with pytest.raises(AttachmentTooLarge):
        inspect_upload(upload("big.pdf", PDF_BYTES + b"0" * MAX_ATTACHMENT_SIZE))


@pytest.mark.parametrize(
    ("name", "kind_bytes", "expected"),
    [
        ("../../etc/passwd.pdf", PDF_BYTES, "passwd.pdf"),
        ("C:\\Users\\x\\plan.PDF", PDF_BYTES, "plan.pdf"),
        ("photo.jpeg", JPEG_BYTES, "photo.jpeg"),
        ("virus.exe", PDF_BYTES, "virus.pdf"),
        ('a"<b>.pdf', PDF_BYTES, "ab.pdf"),
        ("", PNG_BYTES, "attachment.png"),
    ],
)
def test_original_names_are_cleaned_and_carry_the_real_type(name, kind_bytes, expected):
    kind = detect_kind(upload("x", kind_bytes))
    assert clean_original_name(name, kind) == expected


def test_a_renamed_executable_is_refused_on_the_page(client, draft, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:attachment-add", kwargs={"pk": draft.pk}),
        {"file": upload("offerte.pdf", EXE_BYTES, "application/pdf")},
    )
    assert response.status_code == 400
    assert response.context["attachment_form"].errors["file"]
    assert not Attachment.objects.exists()


def test_an_oversized_upload_answers_413_with_a_clear_page(client, draft, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:attachment-add", kwargs={"pk": draft.pk}),
        {"file": upload("groot.pdf", PDF_BYTES + b"0" * (MAX_ATTACHMENT_SIZE + 1))},
    )
    assert response.status_code == 413
    assert "10" in response.context["message"]
    assert b"<h1>" in response.content
    assert not Attachment.objects.exists()


def test_an_upload_declared_too_large_is_refused_before_reading(client, draft, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:attachment-add", kwargs={"pk": draft.pk}),
        data=b"x",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(MAX_ATTACHMENT_SIZE * 3),
    )
    assert response.status_code == 413


def test_an_oversized_attachment_on_the_create_form_answers_413(client, partner_a, intervention):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "Met een te groot bestand",
            "intervention": intervention.pk,
            "attachment": upload("groot.pdf", PDF_BYTES + b"0" * (MAX_ATTACHMENT_SIZE + 1)),
        },
    )
    assert response.status_code == 413
    assert not UseCase.objects.filter(title="Met een te groot bestand").exists()


def test_a_refused_attachment_on_the_create_form_keeps_the_draft_unsaved_and_the_input(
    client, partner_a, intervention
):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "Met een verkeerd bestand",
            "intervention": intervention.pk,
            "attachment": upload("setup.pdf", EXE_BYTES),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"]
    assert b"Met een verkeerd bestand" in response.content
    assert not UseCase.objects.filter(title="Met een verkeerd bestand").exists()


def test_files_are_stored_under_random_names_outside_the_static_root(draft, partner_a):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("Begroting 2026.pdf", PDF_BYTES)
    )
    stored = attachment.file.path
    assert "Begroting" not in stored
    assert stored.endswith(".pdf")
    assert not stored.startswith(str(settings.STATIC_ROOT))
    assert not any(stored.startswith(str(path)) for path in settings.STATICFILES_DIRS)
    assert attachment.original_name == "Begroting 2026.pdf"
    assert attachment.size == len(PDF_BYTES)


def test_download_is_an_attachment_with_nosniff(client, draft, partner_a):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("plan.pdf", PDF_BYTES)
    )
    client.force_login(partner_a)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("role", ["anonymous", "partner_b", "reviewer"])
def test_a_hidden_use_cases_attachment_answers_404(client, draft, partner_a, role, request):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("plan.pdf", PDF_BYTES)
    )
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("usecases:attachment-download", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_an_attachment_marked_public_of_a_published_use_case_can_be_downloaded_by_anyone(
    client, partner_b, board, intervention
):
    selected = use_case_in(S.SELECTED, partner=partner_b, board=board, intervention=intervention)
    attachment = add_attachment(
        use_case=selected, actor=board, upload=upload("a.png", PNG_BYTES), is_public=True
    )
    assert client.get(attachment.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 404),
        ("partner_a", 404),
        ("partner_b", 200),
        ("reviewer", 200),
        ("board", 200),
    ],
)
def test_an_attachment_added_to_a_draft_stays_private_once_the_use_case_is_published(
    client, partner_b, board, intervention, role, status_code, request
):
    draft = use_case_in(S.DRAFT, partner=partner_b, board=board, intervention=intervention)
    attachment = add_attachment(
        use_case=draft, actor=partner_b, upload=upload("business-plan.pdf", PDF_BYTES)
    )
    bring_to(draft, S.SELECTED, partner=partner_b, board=board)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(attachment.get_absolute_url()).status_code == status_code
    page = client.get(draft.get_absolute_url()).content.decode()
    assert ("business-plan.pdf" in page) is (status_code == 200)


def test_a_partner_marks_an_attachment_public_with_the_checkbox(client, draft, partner_a):
    client.force_login(partner_a)
    url = reverse("usecases:attachment-add", kwargs={"pk": draft.pk})
    client.post(url, {"file": upload("open.pdf", PDF_BYTES), "is_public": "on"})
    client.post(url, {"file": upload("closed.pdf", PDF_BYTES)})
    assert dict(Attachment.objects.values_list("original_name", "is_public")) == {
        "open.pdf": True,
        "closed.pdf": False,
    }


def test_a_missing_file_answers_404_not_500(client, draft, partner_a):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("plan.pdf", PDF_BYTES)
    )
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(partner_a)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_partner_b_cannot_attach_to_or_remove_from_another_organisations_use_case(
    client, draft, partner_a, partner_b
):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("plan.pdf", PDF_BYTES)
    )
    client.force_login(partner_b)
    add = client.post(
        reverse("usecases:attachment-add", kwargs={"pk": draft.pk}),
        {"file": upload("x.pdf", PDF_BYTES)},
    )
    remove = client.post(reverse("usecases:attachment-delete", kwargs={"pk": attachment.pk}))
    assert (add.status_code, remove.status_code) == (404, 404)
    assert Attachment.objects.count() == 1


def test_removing_an_attachment_deletes_the_stored_file(
    client, draft, partner_a, django_capture_on_commit_callbacks
):
    attachment = add_attachment(
        use_case=draft, actor=partner_a, upload=upload("plan.pdf", PDF_BYTES)
    )
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("usecases:attachment-delete", kwargs={"pk": attachment.pk}))
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
