"""The main flows with the keyboard alone, in the system Chromium: a partner
submits a use case, the Board edits the joint agenda, a reviewer assesses.

No click and no ``fill``: focus moves with Tab (each stop must show where the
focus is), text is typed, options are chosen with the keys a person uses
(type-to-select in a list, Space on a checkbox, arrows in a radio group), and
forms are sent with Enter.
"""

import re

import pytest

from usecases.models import Assessment
from usecases.models import UseCase
from usecases.tests.helpers import assigned
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.browser

MAX_TABS = 150
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (el === document.body) return true;  // focus between the page and the browser
  // A date field's parts (day, month, year) take focus inside it and show it
  // highlighted; the field itself then is not :focus for CSS.
  if (!el.matches(':focus')) return el.type === 'date';
  const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    || style.boxShadow !== 'none';
}"""


def tab_to(page, selector: str):
    """Press Tab until the focused element matches ``selector``; every stop on
    the way must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_radio(page, name: str, value: str):
    """Tab into a radio group, then arrows to the value (arrows also check it)."""
    tab_to(page, f"input[type=radio][name={name}]")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"no radio {name}={value}")


def log_in(page, user):
    page.goto("/account/login/")
    type_into(page, "input[name=username]", user.get_username())
    type_into(page, "input[name=password]", "corridor-test-pw")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/account/login/" not in page.url, page.locator("main").inner_text()


def test_partner_submits_a_use_case_with_the_keyboard(page, partner_a, intervention):
    log_in(page, partner_a)
    page.goto("/")
    tab_to(page, "a[href='/use-cases/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/use-cases/")
    tab_to(page, "a[href='/use-cases/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/use-cases/new/")

    type_into(page, "input[name=title]", "Slimme sensoren voor de haven")
    tab_to(page, "select[name=intervention]")
    option = page.locator(f"select[name=intervention] option[value='{intervention.pk}']")
    page.keyboard.type(option.inner_text()[:6])  # type-to-select, as on any list
    type_into(page, "textarea[name=summary]", "Sensoren die onderhoud voorspellen.")
    type_into(page, "textarea[name=problem]", "Stilstand door onverwachte storingen.")
    type_into(page, "textarea[name=expected_outcome]", "Minder stilstand.")
    tab_to(page, "input[name=sectors][value=industry]")
    page.keyboard.press("Space")
    tab_to(page, "form.use-case-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/use-cases/\d+/$", page.url), page.locator(".errorlist").all_inner_texts()

    use_case = UseCase.objects.get(title="Slimme sensoren voor de haven")
    assert use_case.intervention == intervention
    assert list(use_case.sectors) == ["industry"]
    tab_to(page, "button[name=to][value=submitted]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    use_case.refresh_from_db()
    assert use_case.status == UseCase.Status.SUBMITTED


def test_board_edits_the_agenda_with_the_keyboard(page, board, intervention):
    log_in(page, board)
    page.goto(intervention.get_absolute_url())
    tab_to(page, f"a[href='/interventies/{intervention.slug}/agenda/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agenda/")
    type_into(page, "textarea[name=agenda]", "## Samen\n\n- Chips en talent")
    type_into(page, "input[name=reason]", "Met het toetsenbord")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/interventies/{intervention.slug}/")
    intervention.refresh_from_db()
    assert "Chips en talent" in intervention.agenda


def test_reviewer_assesses_a_use_case_with_the_keyboard(
    page, reviewer, partner_a, board, intervention
):
    use_case = assigned(
        use_case_in(
            UseCase.Status.IN_REVIEW, partner=partner_a, board=board, intervention=intervention
        ),
        reviewer,
    )
    log_in(page, reviewer)
    page.goto(use_case.get_absolute_url())
    tab_to(page, f"a[href='/use-cases/{use_case.pk}/assessment/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/assessment/")
    for name, score in (
        ("complementarity", "5"),
        ("existing_strengths", "4"),
        ("feasibility", "3"),
        ("scalability", "4"),
    ):
        choose_radio(page, name, score)
    choose_radio(page, "recommendation", "select")
    type_into(page, "textarea[name=rationale]", "Sterk voor beide polen.")
    tab_to(page, "form.assessment-form button[name=submit_assessment]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/use-cases/{use_case.pk}/$"))
    assessment = Assessment.objects.get(use_case=use_case, reviewer=reviewer)
    assert (assessment.complementarity, assessment.feasibility) == (5, 3)
    assert assessment.recommendation == "select"
