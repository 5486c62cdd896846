"""Writes that lose nothing: ETag/If-Match, transitions, history, 409, bad input."""

import json

import pytest

from interventions.models import ActionLine
from interventions.models import Milestone
from usecases.models import UseCase


def patch(client, url, data, **headers):
    return client.patch(url, json.dumps(data), content_type="application/json", **headers)


def test_stale_if_match_answers_412_and_changes_nothing(world, client_for):
    url = f"/api/v1/action-lines/{world.al_a.pk}/"
    first, second = client_for(world.board), client_for(world.board)
    etag = first.get(url)["ETag"]
    assert second.get(url)["ETag"] == etag

    won = patch(first, url, {"title": "Eerste wint"}, HTTP_IF_MATCH=etag)
    assert won.status_code == 200
    assert won["ETag"] != etag

    lost = patch(second, url, {"title": "Tweede verliest"}, HTTP_IF_MATCH=etag)
    assert lost.status_code == 412
    assert lost.json()["current_version"] == won["ETag"].strip('"')
    assert lost["ETag"] == won["ETag"]
    assert ActionLine.objects.get(pk=world.al_a.pk).title == "Eerste wint"

    again = patch(second, url, {"title": "Tweede, na herladen"}, HTTP_IF_MATCH=lost["ETag"])
    assert again.status_code == 200


def test_stale_if_match_on_delete_keeps_the_row(world, client_for):
    client = client_for(world.board)
    url = f"/api/v1/milestones/{world.ms_b.pk}/"
    etag = client.get(url)["ETag"]
    patch(client, url, {"title": "Verschoven"})
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert Milestone.objects.filter(pk=world.ms_b.pk).exists()
    assert client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"]).status_code == 204


def test_unchanged_row_answers_304_to_if_none_match(world, client_for):
    client = client_for(None)
    url = f"/api/v1/interventions/{world.i1.slug}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_writes_record_the_acting_user_in_history(world, client_for):
    patch(
        client_for(world.partner_a),
        f"/api/v1/milestones/{world.ms_a.pk}/",
        {"completed_on": "2026-04-01"},
    )
    milestone = Milestone.objects.get(pk=world.ms_a.pk)
    assert str(milestone.completed_on) == "2026-04-01"
    assert milestone.history.first().history_user == world.partner_a


def test_writing_status_directly_is_refused_pointing_to_transition(world, client_for):
    client = client_for(world.partner_a)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    response = patch(client, url, {"status": "selected"})
    assert response.status_code == 400
    assert f"/api/v1/use-cases/{world.uc_a_draft.pk}/transition/" in response.json()["status"][0]
    assert UseCase.objects.get(pk=world.uc_a_draft.pk).status == "draft"
    assert patch(client, url, {"status": "draft", "title": "Zelfde status"}).status_code == 200


def test_partner_submits_and_the_board_decides_over_the_api(world, client_for):
    partner, board = client_for(world.partner_a), client_for(world.board)
    base = f"/api/v1/use-cases/{world.uc_a_draft.pk}"

    detail = partner.get(f"{base}/").json()
    assert detail["allowed_transitions"] == ["submitted", "withdrawn"]
    moved = partner.post(f"{base}/transition/", {"to": "submitted"}, format="json")
    assert moved.status_code == 200
    assert moved.json()["status"] == "submitted"

    assert board.post(f"{base}/transition/", {"to": "in_review"}, format="json").status_code == 200
    refused = board.post(f"{base}/transition/", {"to": "selected"}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    illegal = board.post(f"{base}/transition/", {"to": "completed"}, format="json")
    assert illegal.status_code == 400
    assert "to" in illegal.json()
    unknown = board.post(f"{base}/transition/", {"to": "gepubliceerd"}, format="json")
    assert unknown.status_code == 400
    # No assessment of the two required: the Board must confirm the override.
    unconfirmed = board.post(
        f"{base}/transition/", {"to": "selected", "reason": "Sterk"}, format="json"
    )
    assert unconfirmed.status_code == 400
    assert "override_reason" in unconfirmed.json()
    chosen = board.post(
        f"{base}/transition/",
        {"to": "selected", "reason": "Sterk", "confirm_override": True, "override_reason": "Nu."},
        format="json",
    )
    assert chosen.json()["decision_rationale"] == "Sterk"
    assert world.uc_a_draft.selection_overrides.get().reason == "Nu."

    history = partner.get(f"{base}/history/").json()
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in history] == [
        ("draft", "submitted", "partner-a"),
        ("submitted", "in_review", "board"),
        ("in_review", "selected", "board"),
    ]


def test_partner_may_not_make_the_boards_moves(world, client_for):
    response = client_for(world.partner_a).post(
        f"/api/v1/use-cases/{world.uc_a_review.pk}/transition/",
        {"to": "selected", "reason": "Graag"},
        format="json",
    )
    assert response.status_code == 403
    assert "detail" in response.json()


def scores(response):
    """The review values the response carries; a hidden one is absent."""
    body = response.json()
    keys = ("score", "spread", "consensus", "assessment_count")
    return {key: body[key] for key in keys if key in body}


def test_scores_only_for_the_board_and_reviewers_who_assessed(world, client_for):
    url = f"/api/v1/use-cases/{world.uc_b_selected.pk}/"
    board = scores(client_for(world.board).get(url))
    assert board["assessment_count"] == 2
    assert board["consensus"] == "split"
    assert board["score"] == pytest.approx((4 + 4 + 3 + 3) / 4)
    assert scores(client_for(world.reviewer).get(url)) == board
    assert set(board) == {"score", "spread", "consensus", "assessment_count"}
    hidden = {}
    assert scores(client_for(world.partner_b).get(url)) == hidden
    assert scores(client_for(None).get(url)) == hidden
    # A reviewer who has not assessed this one sees no scores, in the list either.
    submitted = f"/api/v1/use-cases/{world.uc_b_review.pk}/"
    assert scores(client_for(world.reviewer).get(submitted)) == hidden
    listed = client_for(world.reviewer).get("/api/v1/use-cases/", {"page_size": 200}).json()
    by_id = {row["id"]: row for row in listed["results"]}
    assert "score" not in by_id[world.uc_b_review.pk]
    assert by_id[world.uc_b_selected.pk]["score"] == pytest.approx(board["score"])


def test_deleting_an_organisation_others_depend_on_answers_409_with_what(world, client_for):
    response = client_for(world.board).delete(f"/api/v1/organisations/{world.org_b.slug}/")
    assert response.status_code == 409
    dependents = {row["type"]: row["count"] for row in response.json()["dependents"]}
    assert dependents["accounts.user"] == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"feasibility": 6}, "feasibility"),
        ({"feasibility": "veel"}, "feasibility"),
        ({"recommendation": "misschien"}, "recommendation"),
        ({"rationale": "x" * 10001}, "rationale"),
        ({"rationale": "nul\x00byte"}, "rationale"),
        ({"rationale": "half \ud800 teken"}, "rationale"),
    ],
)
def test_bad_assessment_input_answers_400_per_field(data, field, world, client_for):
    response = patch(
        client_for(world.reviewer), f"/api/v1/assessments/{world.as_rev_review.pk}/", data
    )
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "t" * 201}, "title"),
        ({"title": "\x00"}, "title"),
        ({"sectors": ["toerisme"]}, "sectors"),
        ({"sectors": "health"}, "sectors"),
        ({"sectors": ["health", "health"]}, "sectors"),
        ({"needed_capabilities": [{"a": 1}]}, "needed_capabilities"),
        ({"intervention": "bestaat-niet"}, "intervention"),
        ({"coalition": 10**30}, "coalition"),
        ({"partners": ["niemand"]}, "partners"),
        ({"planned_start": "2026-05-01", "planned_end": "2026-04-01"}, "planned_end"),
        ({"planned_start": "1 mei"}, "planned_start"),
        ({"action_line": 10**12}, "action_line"),
    ],
)
def test_bad_use_case_input_answers_400_per_field(data, field, world, client_for):
    response = patch(client_for(world.partner_a), f"/api/v1/use-cases/{world.uc_a_draft.pk}/", data)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_action_line_of_another_intervention_is_refused(world, client_for):
    other = ActionLine.objects.create(
        intervention=world.i2, title="Elders", start_date="2026-01-01", end_date="2026-12-31"
    )
    response = patch(
        client_for(world.partner_a),
        f"/api/v1/use-cases/{world.uc_a_draft.pk}/",
        {"action_line": other.pk},
    )
    assert response.status_code == 400
    assert "action_line" in response.json()


def test_malformed_json_answers_400(world, client_for):
    response = client_for(world.board).patch(
        f"/api/v1/action-lines/{world.al_a.pk}/", "{niet: json", content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/use-cases/99999999999999999999999/",
        "/api/v1/organisations/a%00b/",
        "/api/v1/interventions/%F0%9F%98%80/",
        "/api/v1/use-cases/12/transition/x/",
    ],
)
def test_odd_urls_answer_404(url, world, client_for):
    assert client_for(world.board).get(url).status_code == 404


def test_dates_out_of_order_are_refused_on_action_lines(world, client_for):
    response = patch(
        client_for(world.board),
        f"/api/v1/action-lines/{world.al_a.pk}/",
        {"start_date": "2027-01-01", "end_date": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "end_date" in response.json()


def test_partner_creates_a_use_case_for_its_own_organisation(world, client_for):
    response = client_for(world.partner_b).post(
        "/api/v1/use-cases/",
        {"title": "Fotonica chip", "intervention": world.i1.slug, "sectors": ["industry"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"] == world.org_b.slug
    assert body["status"] == "draft"
    assert body["submitted_by"] == "partner-b"
    assert body["url"].endswith(f"/api/v1/use-cases/{body['id']}/")
    assert response["ETag"]


def test_partners_are_written_by_slug_and_read_back_by_name_in_one_query(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    board = client_for(world.board)
    url = f"/api/v1/use-cases/{world.uc_a_draft.pk}/"
    # Brainport Development sorts before TU Delft (organisation A submits it:
    # it cannot be its own partner).
    slugs = [world.org_c.slug, world.org_b.slug]
    written = patch(board, url, {"partners": slugs})
    assert written.status_code == 200, written.json()
    assert written.json()["partners"] == [world.org_b.slug, world.org_c.slug]
    with CaptureQueriesContext(connection) as captured:
        read = board.get(url).json()
    assert read["partners"] == [world.org_b.slug, world.org_c.slug]
    # The slugs come in the row's own query: no second query for the relation
    # (the query that signs a kept detail reads its history, not the relation).
    assert [q["sql"] for q in captured if '"usecases_usecase_partners"' in q["sql"]] == [
        next(q["sql"] for q in captured if '"usecases_usecase"."title"' in q["sql"])
    ]
    assert patch(board, url, {"partners": []}).json()["partners"] == []
