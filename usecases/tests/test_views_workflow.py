"""The workflow through the pages: the moves as forms and buttons, refusals, the timeline."""

from django.urls import reverse

from usecases.models import Assessment
from usecases.tests.helpers import S
from usecases.tests.helpers import url_of
from usecases.tests.helpers import use_case_in


def test_submitting_an_incomplete_draft_names_the_missing_fields(client, partner_a, board):
    draft = use_case_in(S.DRAFT, partner=partner_a, board=board, problem="", sectors=[])
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-transition", kwargs={"pk": draft.pk}), {"to": "submitted"}
    )
    assert response.status_code == 400
    errors = " ".join(response.context["transition_form"].non_field_errors())
    assert "Fill this in before submitting" in errors or "Vul dit in" in errors
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_the_whole_workflow_through_the_pages(client, cases, partner_a, partner_b, reviewer, board):
    draft = cases["draft"]
    move = reverse("usecases:use-case-transition", kwargs={"pk": draft.pk})

    client.force_login(partner_a)
    assert client.post(move, {"to": "submitted"}).status_code == 302
    client.force_login(board)
    assert client.post(move, {"to": "in_review"}).status_code == 302
    assign = reverse("usecases:assign", kwargs={"pk": draft.pk})
    assert client.post(assign, {"reviewer": reviewer.pk}).status_code == 302

    client.force_login(reviewer)
    response = client.post(
        reverse("usecases:assessment-edit", kwargs={"pk": draft.pk}),
        {
            "complementarity": "5",
            "existing_strengths": "4",
            "feasibility": "4",
            "scalability": "3",
            "recommendation": "select",
            "rationale": "Sterk.",
        },
    )
    assert response.status_code == 302
    assert Assessment.objects.get(use_case=draft, reviewer=reviewer).complementarity == 5

    client.force_login(board)
    refused = client.post(move, {"to": "selected", "reason": ""})
    assert refused.status_code == 400
    assert refused.context["transition_form"].errors["reason"]
    # One assessment of the two required: the Board confirms and says why.
    unconfirmed = client.post(move, {"to": "selected", "reason": "Sterke corridor-koppeling."})
    assert unconfirmed.status_code == 400
    assert unconfirmed.context["transition_form"].errors["override_reason"]
    confirmed = client.post(
        move,
        {
            "to": "selected",
            "reason": "Sterke corridor-koppeling.",
            "confirm_override": "on",
            "override_reason": "De subsidieronde sluit vrijdag.",
        },
    )
    assert confirmed.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SELECTED
    assert draft.selection_overrides.get().reason == "De subsidieronde sluit vrijdag."

    client.force_login(partner_a)
    page = client.get(draft.get_absolute_url())
    assert b"Sterke corridor-koppeling." in page.content  # the submitters read the rationale
    client.force_login(partner_b)
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200  # public now
    assert b"Sterke corridor-koppeling." not in page.content


def test_partner_cannot_make_a_board_move(client, cases, partner_a):
    client.force_login(partner_a)
    response = client.post(
        url_of("usecases:use-case-transition", cases, "submitted"), {"to": "in_review"}
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors["to"]
    cases["submitted"].refresh_from_db()
    assert cases["submitted"].status == S.SUBMITTED


def test_status_timeline_shows_every_move_with_who_and_why_to_the_submitters(
    client, cases, partner_a, board
):
    client.force_login(partner_a)
    response = client.get(cases["in_review"].get_absolute_url())
    changes = list(response.context["status_changes"])
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
    ]
    assert str(board).encode() in response.content
