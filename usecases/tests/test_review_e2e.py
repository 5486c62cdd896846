"""The whole review round in the system Chromium, in Dutch and in English: the
Board takes a submitted use case into review and assigns a reviewer, asks the
partner a question; the partner answers and comments; the reviewer finds it
in their queue, saves a draft and submits; the Board reads its queue and
decides beside the scores, confirming the override of the required number."""

import re

import pytest

from corridor.digests.models import Notification
from usecases.models import Assessment
from usecases.models import SelectionOverride
from usecases.models import UseCase
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.browser

S = UseCase.Status


def _click_move(page, status):
    page.locator(f"button[name=to][value={status}]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["dutch", "english"])
def test_the_review_round_as_board_reviewer_and_partner(
    prefix, new_page, login_as, screenshot, partner_a, board, reviewer, intervention
):
    use_case = use_case_in(
        S.SUBMITTED,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title=f"Slimme sluizen {prefix or 'nl'}",
    )
    detail = f"{prefix}/use-cases/{use_case.pk}/"

    # The Board takes it into review and assigns the reviewer.
    board_page = login_as(new_page(), board, prefix=prefix)
    board_page.goto(detail)
    _click_move(board_page, "in_review")
    board_page.select_option("select[name=reviewer]", str(reviewer.pk))
    board_page.locator(f"form[action$='/use-cases/{use_case.pk}/assign/'] button").click()
    board_page.wait_for_load_state()
    assert use_case.review_assignments.filter(reviewer=reviewer).exists()
    # …and asks the partner a question: the use case waits for the answer.
    board_page.fill("textarea[name=reason]", "Wie betaalt de pilot?")
    _click_move(board_page, "more_information_requested")
    use_case.refresh_from_db()
    assert use_case.status == S.MORE_INFORMATION_REQUESTED
    board_page.goto(f"{prefix}/use-cases/review-queue/")
    row = board_page.locator("table.review-queue tbody tr", has_text=use_case.title)
    assert row.locator(".badge--more_information_requested").is_visible()
    screenshot(board_page, "board-queue-waiting")

    # The partner reads the question, answers it and writes a shared comment.
    partner = login_as(new_page(), partner_a, prefix=prefix)
    partner.goto(detail)
    assert partner.get_by_text("Wie betaalt de pilot?").first.is_visible()
    partner.fill("textarea[name=answer]", "De gemeente Almere.")
    partner.locator(f"form[action$='/use-cases/{use_case.pk}/answer/'] button").click()
    partner.wait_for_load_state()
    use_case.refresh_from_db()
    assert use_case.status == S.IN_REVIEW
    partner.fill("textarea[name=body]", "Graag **snel** een besluit.")
    partner.locator(f"form[action$='/use-cases/{use_case.pk}/comments/'] button").click()
    partner.wait_for_url(re.compile(r"#comments$"))
    assert partner.locator(".comment-thread strong", has_text="snel").is_visible()
    screenshot(partner, "partner-answered")

    # The reviewer finds it in their queue, saves a draft, then submits.
    reviewer_page = login_as(new_page(), reviewer, prefix=prefix)
    reviewer_page.goto(f"{prefix}/use-cases/my-reviews/")
    reviewer_page.get_by_role("link", name=use_case.title).click()
    reviewer_page.wait_for_url(re.compile(rf"/use-cases/{use_case.pk}/assessment/$"))
    assert reviewer_page.locator(".assess-layout__case").get_by_text("Het probleem.").is_visible()
    reviewer_page.check("input[name=complementarity][value='5']")
    reviewer_page.locator("button[name=save_draft]").click()
    reviewer_page.wait_for_load_state()
    assert not Assessment.objects.filter(use_case=use_case).exists()
    assert reviewer_page.locator("input[name=complementarity][value='5']").is_checked()
    for name, score in (("existing_strengths", 4), ("feasibility", 4), ("scalability", 3)):
        reviewer_page.check(f"input[name={name}][value='{score}']")
    reviewer_page.check("input[name=recommendation][value=select]")
    reviewer_page.fill("textarea[name=rationale]", "Verbindt MRA en Brainport.")
    screenshot(reviewer_page, "reviewer-form")
    reviewer_page.locator("button[name=submit_assessment]").click()
    reviewer_page.wait_for_url(re.compile(rf"/use-cases/{use_case.pk}/$"))
    assert Assessment.objects.get(use_case=use_case, reviewer=reviewer).complementarity == 5

    # The Board decides beside the scores, confirming the override.
    board_page.goto(f"{prefix}/use-cases/{use_case.pk}/decision/")
    assert board_page.locator("table").get_by_text("5").first.is_visible()
    board_page.fill("textarea[name=reason]", "Sterke koppeling tussen beide polen.")
    _click_move(board_page, "selected")
    assert board_page.locator("[role=alert]").first.is_visible()  # asks to confirm
    use_case.refresh_from_db()
    assert use_case.status == S.IN_REVIEW
    board_page.fill("textarea[name=reason]", "Sterke koppeling tussen beide polen.")
    board_page.check("input[name=confirm_override]")
    board_page.fill("textarea[name=override_reason]", "De subsidieronde sluit vrijdag.")
    _click_move(board_page, "selected")
    use_case.refresh_from_db()
    assert use_case.status == S.SELECTED
    assert SelectionOverride.objects.get(use_case=use_case).reason == (
        "De subsidieronde sluit vrijdag."
    )
    screenshot(board_page, "board-selected")

    # Told once each: the reviewer of the assignment, the Board of the answer.
    assert Notification.objects.filter(notice__kind="assigned", recipient=reviewer).count() == 1
    assert Notification.objects.filter(notice__kind="answered", recipient=board).count() == 1
