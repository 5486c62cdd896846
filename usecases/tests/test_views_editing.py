"""Creating and editing use cases on the pages: the organisation, field errors, conflicts."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from usecases.models import UseCase
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import S
from usecases.tests.helpers import url_of


def test_partner_creates_a_draft_with_an_attachment(client, partner_a, intervention):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "Edge-AI in de chipfabriek",
            "intervention": intervention.pk,
            "summary": "AI aan de rand van de productielijn.",
            "problem": "Uitval van machines.",
            "expected_outcome": "Minder stilstand.",
            "sectors": ["industry"],
            "needed_capabilities": ["ai", "semicon"],
            "location": "Almere",
            "attachment": SimpleUploadedFile("plan.pdf", PDF_BYTES),
        },
    )
    use_case = UseCase.objects.get(title="Edge-AI in de chipfabriek")
    assert response.status_code == 302
    assert response["Location"] == use_case.get_absolute_url()
    assert use_case.status == S.DRAFT
    assert use_case.organisation == partner_a.organisation
    assert use_case.submitted_by == partner_a
    attachment = use_case.attachments.get()
    assert attachment.original_name == "plan.pdf"
    assert attachment.content_type == "application/pdf"
    assert "plan" not in attachment.file.name  # stored under a random name


def test_create_form_shows_field_errors_and_keeps_the_input(client, partner_a, intervention):
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "",
            "intervention": intervention.pk,
            "summary": "Bewaard",
            "sectors": ["no-such-sector"],
            "planned_start": "2026-05-01",
            "planned_end": "2026-01-01",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "sectors"} <= set(form.errors)
    assert b"Bewaard" in response.content
    assert not UseCase.objects.exists()


def test_partner_cannot_create_for_another_organisation_even_when_posting_one(
    client, partner_a, org_b, intervention
):
    client.force_login(partner_a)
    client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "Poging",
            "organisation": org_b.pk,
            "intervention": intervention.pk,
            "sectors": ["health"],
        },
    )
    assert UseCase.objects.get(title="Poging").organisation == partner_a.organisation


def test_board_chooses_the_submitting_organisation(client, board, org_b, intervention):
    client.force_login(board)
    client.post(
        reverse("usecases:use-case-create"),
        {"title": "Namens B", "organisation": org_b.pk, "intervention": intervention.pk},
    )
    assert UseCase.objects.get(title="Namens B").organisation == org_b


def _edit_data(use_case, **changes):
    data = {
        "title": use_case.title,
        "intervention": use_case.intervention_id,
        "summary": use_case.summary,
        "problem": use_case.problem,
        "expected_outcome": use_case.expected_outcome,
        "sectors": use_case.sectors,
        "needed_capabilities": use_case.needed_capabilities,
        "location": use_case.location,
    }
    data.update(changes)
    return data


def test_partner_edits_a_draft(client, cases, partner_a):
    draft = cases["draft"]
    client.force_login(partner_a)
    page = client.get(url_of("usecases:use-case-edit", cases, "draft"))
    version = page.context["form"]["version"].value()
    response = client.post(
        url_of("usecases:use-case-edit", cases, "draft"),
        _edit_data(draft, title="Nieuwe titel", version=version),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Nieuwe titel"


def test_saving_over_a_newer_version_shows_the_conflict_and_keeps_the_input(
    client, cases, partner_a, board
):
    from usecases.services import update_use_case

    draft = cases["draft"]
    client.force_login(partner_a)
    page = client.get(url_of("usecases:use-case-edit", cases, "draft"))
    stale_version = page.context["form"]["version"].value()
    update_use_case(use_case=UseCase.objects.get(pk=draft.pk), actor=board, title="Titel van Board")

    response = client.post(
        url_of("usecases:use-case-edit", cases, "draft"),
        _edit_data(draft, title="Mijn titel", problem="Mijn probleem", version=stale_version),
    )
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.title == "Titel van Board"  # nothing overwritten
    title_row = next(r for r in response.context["conflict"].rows if r.theirs == "Titel van Board")
    assert (title_row.theirs, title_row.mine, title_row.differs) == (
        "Titel van Board",
        "Mijn titel",
        True,
    )
    form = response.context["form"]
    assert form["title"].value() == "Mijn titel"
    assert form["problem"].value() == "Mijn probleem"
    assert b"Titel van Board" in response.content and b"Mijn titel" in response.content

    # Saving again from the conflict view is a deliberate choice and succeeds.
    again = client.post(
        url_of("usecases:use-case-edit", cases, "draft"),
        _edit_data(draft, title="Mijn titel", version=form["version"].value()),
    )
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Mijn titel"


def test_a_use_case_conflict_says_so_once_and_names_the_stored_title(
    client, cases, partner_a, board
):
    from corridor.web.editing import CONFLICT_MESSAGE
    from usecases.services import update_use_case

    draft = cases["draft"]
    client.force_login(partner_a)
    stale = client.get(url_of("usecases:use-case-edit", cases, "draft")).context["form"]
    update_use_case(use_case=UseCase.objects.get(pk=draft.pk), actor=board, title="Titel van Board")
    response = client.post(
        url_of("usecases:use-case-edit", cases, "draft"),
        _edit_data(draft, title="Mijn titel", version=stale["version"].value()),
    )
    assert response.status_code == 409
    assert response.content.decode().count(str(CONFLICT_MESSAGE)) == 1
    assert response.context["use_case"].title == "Titel van Board"
