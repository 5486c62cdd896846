"""Shared fixtures: media under a temporary directory, a use case in each state, login by role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from usecases.services import add_attachment
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import S
from usecases.tests.helpers import use_case_in


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cases(partner_a, partner_b, board, intervention):
    """One use case per interesting state: org A's draft, submitted and in review,
    org B's selected (public) one."""
    draft = use_case_in(S.DRAFT, partner=partner_a, board=board, intervention=intervention)
    submitted = use_case_in(S.SUBMITTED, partner=partner_a, board=board, intervention=intervention)
    in_review = use_case_in(S.IN_REVIEW, partner=partner_a, board=board, intervention=intervention)
    selected = use_case_in(
        S.SELECTED,
        partner=partner_b,
        board=board,
        intervention=intervention,
        reason="Verbindt beide polen.",
    )
    attachment = add_attachment(
        use_case=draft,
        actor=partner_a,
        upload=SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return {
        "draft": draft,
        "submitted": submitted,
        "in_review": in_review,
        "selected": selected,
        "attachment": attachment,
    }


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role
