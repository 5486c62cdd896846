"""Stored script payloads in every use case text field come out of every page as text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from usecases.models import UseCase
from usecases.services import add_attachment
from usecases.services import record_assessment
from usecases.services import transition_use_case
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import assigned
from usecases.tests.helpers import use_case_in

S = UseCase.Status
SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = "<a href=\"javascript:alert('a')\">klik</a>"
PAYLOAD = f"{SCRIPT} {IMG} {LINK}"
RAW_MARKERS = (b"<script>alert", b"<img src=x", b'<a href="javascript:')


@pytest.fixture
def poisoned(partner_a, board, reviewer, intervention):
    use_case = use_case_in(
        S.IN_REVIEW,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title=f"T {SCRIPT}",
        summary=PAYLOAD,
        problem=PAYLOAD,
        expected_outcome=PAYLOAD,
        location=IMG,
        reason=PAYLOAD,
    )
    add_attachment(
        use_case=use_case,
        actor=board,
        upload=SimpleUploadedFile("<img src=x onerror=alert(1)>.pdf", PDF_BYTES),
    )
    assigned(use_case, reviewer)
    record_assessment(
        use_case=use_case,
        reviewer=reviewer,
        complementarity=4,
        existing_strengths=4,
        feasibility=4,
        scalability=4,
        recommendation="select",
        rationale=PAYLOAD,
    )
    transition_use_case(use_case=use_case, to=S.SELECTED, actor=board, reason=PAYLOAD)
    return use_case


@pytest.mark.parametrize("role", ["anonymous", "partner_a", "partner_b", "reviewer", "board"])
def test_payloads_render_inert_on_every_use_case_page(client, poisoned, role, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    urls = [
        poisoned.get_absolute_url(),
        reverse("usecases:use-case-list"),
        reverse("usecases:use-case-list") + "?search=" + SCRIPT,
    ]
    if role == "board":
        urls.append(reverse("usecases:use-case-edit", kwargs={"pk": poisoned.pk}))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for marker in RAW_MARKERS:
            assert marker not in response.content, (url, marker)
    detail = client.get(poisoned.get_absolute_url())
    assert b"&lt;script&gt;alert(" in detail.content


def test_payloads_in_the_conflict_view_stay_inert(client, poisoned, board):
    from usecases.services import update_use_case

    client.force_login(board)
    page = client.get(reverse("usecases:use-case-edit", kwargs={"pk": poisoned.pk}))
    version = page.context["form"]["version"].value()
    update_use_case(use_case=UseCase.objects.get(pk=poisoned.pk), actor=board, problem=IMG)
    response = client.post(
        reverse("usecases:use-case-edit", kwargs={"pk": poisoned.pk}),
        {
            "title": SCRIPT,
            "intervention": poisoned.intervention_id,
            "summary": PAYLOAD,
            "problem": PAYLOAD,
            "expected_outcome": PAYLOAD,
            "version": version,
        },
    )
    assert response.status_code == 409
    for marker in RAW_MARKERS:
        assert marker not in response.content
