"""End to end, in the system Chromium: a use case from draft to the public page.

A partner drafts a use case with an attachment and submits it, the Board
moves it to review, a reviewer scores it, the Board selects it and it appears
on the public intervention page — in Dutch and in English. Stored script
payloads in every text field fire no dialog. Each flow leaves a screenshot in
``test-artifacts/``.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from usecases.models import Assessment
from usecases.models import UseCase
from usecases.services import add_attachment
from usecases.services import record_assessment
from usecases.services import transition_use_case
from usecases.services import update_use_case
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import assigned
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.browser

S = UseCase.Status


def _click_move(page, status):
    page.locator(f"button[name=to][value={status}]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["dutch", "english"])
def test_use_case_from_draft_to_the_public_intervention_page(
    prefix, new_page, login_as, screenshot, partner_a, board, reviewer, intervention
):
    title = f"Edge-AI voor de chipfabriek {prefix or 'nl'}"

    # A partner logs in, drafts the use case with an attachment, and submits it.
    partner = login_as(new_page(), partner_a, prefix=prefix)
    partner.goto(f"{prefix}/use-cases/new/")
    assert partner.locator("html").get_attribute("lang") == (prefix.strip("/") or "nl")
    partner.fill("input[name=title]", title)
    partner.select_option("select[name=intervention]", str(intervention.pk))
    partner.fill("textarea[name=summary]", "AI aan de rand van de productielijn in Almere.")
    partner.fill("textarea[name=problem]", "Onverwachte uitval van machines.")
    partner.fill("textarea[name=expected_outcome]", "Minder stilstand, gedeeld met Brainport.")
    partner.check("input[name=sectors][value=industry]")
    partner.check("input[name=needed_capabilities][value=ai]")
    partner.fill("input[name=location]", "Almere")
    partner.set_input_files(
        "input[name=attachment]",
        {"name": "projectplan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
    )
    partner.locator("form.use-case-form button[type=submit]").click()
    partner.wait_for_url(re.compile(rf"{prefix}/use-cases/\d+/$"))
    use_case = UseCase.objects.get(title=title)
    assert use_case.status == S.DRAFT
    assert partner.get_by_role("link", name="projectplan.pdf").is_visible()
    _click_move(partner, "submitted")
    assert partner.locator(".badge--submitted").first.is_visible()
    screenshot(partner, "partner-submitted")

    # The Board moves it to review.
    board_page = login_as(new_page(), board, prefix=prefix)
    board_page.goto(f"{prefix}/use-cases/{use_case.pk}/")
    _click_move(board_page, "in_review")
    use_case.refresh_from_db()
    assert use_case.status == S.IN_REVIEW
    assigned(use_case, reviewer)

    # A reviewer scores it on the four criteria.
    reviewer_page = login_as(new_page(), reviewer, prefix=prefix)
    reviewer_page.goto(f"{prefix}/use-cases/{use_case.pk}/assessment/")
    for name, score in (
        ("complementarity", 5),
        ("existing_strengths", 4),
        ("feasibility", 4),
        ("scalability", 3),
    ):
        reviewer_page.check(f"input[name={name}][value='{score}']")
    reviewer_page.check("input[name=recommendation][value=select]")
    reviewer_page.fill("textarea[name=rationale]", "Verbindt MRA en Brainport overtuigend.")
    screenshot(reviewer_page, "reviewer-form")
    reviewer_page.locator("form.assessment-form button[name=submit_assessment]").click()
    reviewer_page.wait_for_url(re.compile(rf"{prefix}/use-cases/{use_case.pk}/$"))
    assert Assessment.objects.get(use_case=use_case, reviewer=reviewer).complementarity == 5
    assert reviewer_page.get_by_text("Verbindt MRA en Brainport overtuigend.").is_visible()

    # The Board sees the score and selects it with a rationale.
    board_page.reload()
    assert board_page.locator(".review-summary").is_visible()
    board_page.fill("textarea[name=reason]", "Sterke koppeling tussen beide polen.")
    # One assessment of the two required: the Board confirms the override.
    board_page.check("input[name=confirm_override]")
    board_page.fill("textarea[name=override_reason]", "De ronde sluit.")
    _click_move(board_page, "selected")
    use_case.refresh_from_db()
    assert use_case.status == S.SELECTED
    assert use_case.decision_rationale == "Sterke koppeling tussen beide polen."
    screenshot(board_page, "board-selected")
    board_page.goto(f"{prefix}/use-cases/?status=selected&ordering=-score")
    assert board_page.get_by_role("link", name=title).is_visible()
    screenshot(board_page, "board-list")

    # The public reads it on the intervention page.
    public = new_page()
    with translation.override(prefix.strip("/") or "nl"):
        public.goto(intervention.get_absolute_url())
    link = public.get_by_role("link", name=title)
    assert link.is_visible()
    link.click()
    public.wait_for_url(re.compile(rf"/use-cases/{use_case.pk}/$"))
    assert public.get_by_role("heading", name=title).is_visible()
    screenshot(public, "public")


PAYLOADS = [
    "<script>alert('script')</script>",
    '"><img src=x onerror="alert(\'img\')">',
    "javascript:alert('link')",
    "<svg onload=alert('svg')>",
    "<a href=\"javascript:alert('a')\">klik</a>",
]


def test_stored_script_payloads_fire_no_dialog(
    new_page, login_as, screenshot, partner_a, board, reviewer, intervention
):
    payload = " ".join(PAYLOADS)
    use_case = use_case_in(
        S.IN_REVIEW,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title=f"XSS {PAYLOADS[0]}",
        summary=payload,
        problem=payload,
        expected_outcome=payload,
        location=PAYLOADS[1][:200],
        reason=payload,
    )
    update_use_case(use_case=use_case, actor=board, title=f"XSS {PAYLOADS[1]}"[:200])
    add_attachment(
        use_case=use_case,
        actor=board,
        upload=SimpleUploadedFile("<img src=x onerror=alert(1)>.pdf", PDF_BYTES),
    )
    assigned(use_case, reviewer)
    record_assessment(
        use_case=use_case,
        reviewer=reviewer,
        complementarity=3,
        existing_strengths=3,
        feasibility=3,
        scalability=3,
        recommendation="maybe",
        rationale=payload,
    )
    transition_use_case(use_case=use_case, to=S.SELECTED, actor=board, reason=payload)

    pages = {
        "board": login_as(new_page(), board),
        "reviewer": login_as(new_page(), reviewer),
        "partner": login_as(new_page(), partner_a),
        "public": new_page(),
    }
    urls = [
        f"/use-cases/{use_case.pk}/",
        "/use-cases/",
        f"/use-cases/?search={PAYLOADS[0]}",
        intervention.get_absolute_url(),
    ]
    for who, page in pages.items():
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
        assert page.dialogs == [], f"a dialog fired for {who}: {page.dialogs}"
    detail = pages["board"]
    detail.goto(f"/use-cases/{use_case.pk}/")
    # The payloads are shown as text, not run.
    assert detail.locator("text=<script>alert('script')</script>").first.is_visible()
    assert detail.locator("main script").count() == 0
    assert detail.locator("main img").count() == 0
    assert detail.locator("main a[href^='javascript']").count() == 0
    edit = pages["board"]
    edit.goto(f"/use-cases/{use_case.pk}/edit/")
    assert edit.dialogs == []
    screenshot(detail, "inert")
