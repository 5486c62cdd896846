"""End to end, in the system Chromium: the Board's agenda and timeline work.

The Board edits an agenda (with the live preview) and finds the change in its
history; adds an action line with two milestones and sees both on the SVG
timeline; two people edit the same action line and the second gets the
conflict view with their input intact; a partner marks a milestone done in one
click. Stored script payloads fire no dialog. Each flow leaves a screenshot in
``test-artifacts/``.
"""

import pytest

from interventions.models import ActionLine
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory

pytestmark = pytest.mark.browser


def test_board_edits_the_agenda_and_finds_the_change_in_its_history(
    page, login_as, screenshot, board, intervention
):
    login_as(page, board)
    page.goto(f"/interventies/{intervention.slug}/agenda/")
    editor = page.locator("textarea[name=agenda]")
    editor.fill("## Gezamenlijke agenda\n\n- **Chips** voor de regio\n- Talent")
    # The htmx live preview renders the Markdown as it is typed.
    preview = page.locator("#agenda-preview")
    preview.locator("strong", has_text="Chips").wait_for()
    page.fill("input[name=reason]", "Chips en talent toegevoegd")
    page.locator("form.agenda-form button[type=submit]").click()
    page.wait_for_url(f"**/interventies/{intervention.slug}/")
    assert page.locator(".agenda h2", has_text="Gezamenlijke agenda").is_visible()

    page.goto(f"/interventies/{intervention.slug}/agenda/versies/")
    newest = page.locator("tr.version-row").first
    assert "Chips en talent toegevoegd" in newest.inner_text()
    assert str(board) in newest.inner_text()
    page.locator("#diff-form button.compare-button").click()
    page.wait_for_load_state()
    assert page.locator(".diff ins", has_text="**Chips** voor de regio").is_visible()
    screenshot(page, "agenda-diff")


def test_board_adds_an_action_line_with_two_milestones_and_sees_them_on_the_timeline(
    page, login_as, screenshot, board, intervention, org_a
):
    login_as(page, board)
    page.goto(f"/interventies/{intervention.slug}/")
    page.locator(f"a[href='/interventies/{intervention.slug}/actielijnen/nieuw/']").click()
    page.fill("input[name=title]", "Gedeelde cleanroom")
    page.select_option("select[name=kind]", "physical_space")
    page.select_option("select[name=status]", "active")
    page.select_option("select[name=lead_organisation]", str(org_a.pk))
    page.fill("input[name=start_date]", "2026-01-01")
    page.fill("input[name=end_date]", "2026-12-31")
    page.locator("form.action-line-form button[type=submit]").click()
    page.wait_for_load_state()
    line = ActionLine.objects.get(title="Gedeelde cleanroom")

    for title, due, add_another in (
        ("Ontwerp klaar", "2026-03-01", True),
        ("Open", "2026-10-01", False),
    ):
        if not page.url.endswith("/mijlpalen/nieuw/"):
            page.goto(f"/actielijnen/{line.pk}/mijlpalen/nieuw/")
        page.fill("input[name=title]", title)
        page.fill("input[name=due_date]", due)
        button = "button[name=add_another]" if add_another else "button[type=submit]:not([name])"
        page.locator(f"form.milestone-form {button}").click()
        page.wait_for_load_state()

    page.goto(f"/interventies/{intervention.slug}/")
    svg = page.locator("figure.timeline svg")
    assert svg.locator("g.tl-row").count() == 1
    markers = svg.locator("g.tl-milestone")
    assert markers.count() == 2
    tips = " ".join(markers.nth(i).locator("title").text_content() for i in range(2))
    assert "Ontwerp klaar" in tips and "Open" in tips
    screenshot(page, "timeline")


def test_second_editor_of_an_action_line_gets_the_conflict_view_with_input_intact(
    new_page, login_as, screenshot, board, intervention
):
    from corridor.accounts.tests.factories import board_user

    colleague = board_user(username="collega")
    line = ActionLineFactory(intervention=intervention, title="Rekenkracht delen")
    first = login_as(new_page(), board)
    second = login_as(new_page(), colleague)
    edit = f"/actielijnen/{line.pk}/bewerken/"
    first.goto(edit)
    second.goto(edit)

    first.fill("input[name=title]", "Rekenkracht delen (versneld)")
    first.locator("form.action-line-form button[type=submit]").click()
    first.wait_for_load_state()

    second.fill("input[name=title]", "Rekenkracht delen met Eindhoven")
    second.fill("textarea[name=description]", "Mijn zorgvuldig getypte toelichting.")
    second.locator("form.action-line-form button[type=submit]").click()
    second.wait_for_load_state()

    conflict = second.locator(".conflict-table")
    assert conflict.is_visible()
    assert "Rekenkracht delen (versneld)" in conflict.inner_text()
    assert second.input_value("input[name=title]") == "Rekenkracht delen met Eindhoven"
    assert (
        second.input_value("textarea[name=description]") == "Mijn zorgvuldig getypte toelichting."
    )
    screenshot(second, "conflict")
    line.refresh_from_db()
    assert line.title == "Rekenkracht delen (versneld)"

    # Saving again is a deliberate choice to replace the other version.
    second.locator("form.action-line-form button[type=submit]").click()
    second.wait_for_load_state()
    line.refresh_from_db()
    assert line.title == "Rekenkracht delen met Eindhoven"


def test_partner_marks_a_milestone_done_in_one_click(
    page, login_as, screenshot, partner_a, intervention, org_a
):
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a)
    milestone = MilestoneFactory(action_line=line, title="Eerste demo")
    login_as(page, partner_a)
    page.goto(f"/actielijnen/{line.pk}/")
    row = page.locator(f"#milestone-{milestone.pk}")
    url_before = page.url
    row.locator("button[type=submit]").click()
    page.locator(f"#milestone-{milestone.pk} .badge--done").wait_for()
    assert page.url == url_before  # swapped in place by htmx, no reload
    milestone.refresh_from_db()
    assert milestone.completed_on is not None
    screenshot(page, "milestone-done")


def test_stored_script_payloads_fire_no_dialog(page, screenshot, intervention, org_a):
    payload = (
        "<script>alert('agenda')</script>\n\n<img src=x onerror=\"alert('img')\">\n\n"
        "[klik](javascript:alert('link'))"
    )
    intervention.agenda = payload
    intervention.save()
    org_a.description = payload
    org_a.save()
    line = ActionLineFactory(
        intervention=intervention, title="<img src=x onerror=alert(1)>", description=payload
    )
    for url in (
        f"/interventies/{intervention.slug}/",
        line.get_absolute_url(),
        org_a.get_absolute_url(),
        "/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for link in page.locator("main a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert page.dialogs == []
    assert page.errors == []
    screenshot(page, "payloads")
