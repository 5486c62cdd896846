"""Filters, full-text search, ordering and pagination limits."""

import datetime

import pytest
from django.db import connection

from coalitions.tests.factories import OrganisationFactory
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory
from usecases.services import save_assessment
from usecases.tests.factories import UseCaseFactory


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_use_cases_filter_by_intervention_status_and_organisation(world, client_for):
    client = client_for(world.board)
    url = "/api/v1/use-cases/"
    assert ids(client.get(url, {"status": ["draft", "submitted"]})) == sorted(
        [world.uc_a_draft.pk, world.uc_b_draft.pk, world.uc_b_submitted.pk]
    )
    assert ids(client.get(url, {"organisation": world.org_a.slug})) == sorted(
        [world.uc_a_draft.pk, world.uc_a_review.pk]
    )
    assert ids(client.get(url, {"intervention": world.i2.slug})) == []


def test_use_cases_filter_by_partner_organisation_and_region(world, client_for):
    world.uc_b_selected.partners.set([world.org_a])
    client = client_for(world.board)
    found = ids(client.get("/api/v1/use-cases/", {"organisation": world.org_a.slug}))
    assert world.uc_b_selected.pk in found
    in_mra = ids(client.get("/api/v1/use-cases/", {"region": "mra"}))
    assert world.uc_b_selected.pk in in_mra
    assert world.uc_b_draft.pk not in in_mra


def test_use_cases_filter_by_sector_capability_and_submission_dates(world, client_for):
    special = UseCaseFactory(
        organisation=world.org_b,
        submitted_by=world.partner_b,
        intervention=world.i1,
        sectors=["health"],
        needed_capabilities=["photonics"],
    )
    client = client_for(world.board)
    assert ids(client.get("/api/v1/use-cases/", {"sector": "health"})) == [special.pk]
    assert ids(client.get("/api/v1/use-cases/", {"capability": "photonics"})) == [special.pk]
    today = datetime.date.today().isoformat()
    submitted = ids(client.get("/api/v1/use-cases/", {"submitted_after": today}))
    assert world.uc_b_submitted.pk in submitted
    assert world.uc_a_draft.pk not in submitted


def test_filters_never_widen_visibility(world, client_for):
    client = client_for(world.partner_a)
    found = ids(client.get("/api/v1/use-cases/", {"organisation": world.org_b.slug}))
    assert found == [world.uc_b_selected.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"intervention": "bestaat-niet"}, "intervention"),
        ({"status": "verzonnen"}, "status"),
        ({"sector": "toerisme"}, "sector"),
        ({"submitted_after": "gisteren"}, "submitted_after"),
        ({"submitted_after": "2026-05-01", "submitted_before": "2026-04-01"}, "submitted_before"),
        ({"ordering": "-score"}, "ordering"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "veel"}, "page_size"),
        ({"search": "a\x00b"}, "search"),
        ({"iets": "\x00"}, "iets"),
    ],
)
def test_bad_query_parameters_answer_400_naming_the_parameter(params, field, world, client_for):
    response = client_for(world.partner_a).get("/api/v1/use-cases/", params)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_errors_follow_accept_language(world, client_for):
    client = client_for(world.board)
    english = client.get("/api/v1/use-cases/", {"status": "x"}, HTTP_ACCEPT_LANGUAGE="en").json()[
        "status"
    ][0]
    dutch = client.get("/api/v1/use-cases/", {"status": "x"}, HTTP_ACCEPT_LANGUAGE="nl").json()[
        "status"
    ][0]
    assert "valid choice" in english
    assert english != dutch


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_search_stems_dutch_so_plural_finds_singular(world, client_for):
    hit = UseCaseFactory(
        organisation=world.org_a,
        submitted_by=world.partner_a,
        intervention=world.i1,
        title="Data delen tussen gemeente en bedrijven",
        summary="Eén loket.",
    )
    english = UseCaseFactory(
        organisation=world.org_a,
        submitted_by=world.partner_a,
        intervention=world.i1,
        title="Predictive maintenance",
        problem="Machines break down without warning.",
    )
    client = client_for(world.board)
    assert ids(client.get("/api/v1/use-cases/", {"search": "gemeenten"})) == [hit.pk]
    assert ids(client.get("/api/v1/use-cases/", {"search": "breaking machine"})) == [english.pk]
    assert ids(client.get("/api/v1/use-cases/", {"search": "onvindbaarwoord"})) == []


def test_search_respects_visibility(world, client_for):
    UseCaseFactory(
        organisation=world.org_b,
        submitted_by=world.partner_b,
        intervention=world.i1,
        title="Geheime gemeente plannen",
    )
    assert ids(client_for(world.partner_a).get("/api/v1/use-cases/", {"search": "geheime"})) == []


def test_ordering_by_title_and_by_score_for_the_board(world, client_for):
    client = client_for(world.board)
    rows = client.get("/api/v1/use-cases/", {"ordering": "title", "page_size": 200}).json()
    titles = [row["title"] for row in rows["results"]]
    assert titles == sorted(titles)
    rows = client.get("/api/v1/use-cases/", {"ordering": "-score"}).json()["results"]
    assert rows[0]["id"] == world.uc_b_selected.pk or rows[0]["score"] >= rows[1]["score"]
    scored = [row["score"] for row in rows if row["score"] is not None]
    assert scored == sorted(scored, reverse=True)


def test_pagination_defaults_to_25_and_caps_page_size_at_200(world, client_for):
    MilestoneFactory.create_batch(230, action_line=world.al_a)
    client = client_for(None)
    page = client.get("/api/v1/milestones/").json()
    assert page["count"] == 232
    assert len(page["results"]) == 25
    assert page["next"] and page["previous"] is None
    big = client.get("/api/v1/milestones/", {"page_size": 200}).json()
    assert len(big["results"]) == 200
    # Past the largest page the schema states, the request is refused, not clamped.
    assert client.get("/api/v1/milestones/", {"page_size": 1000}).status_code == 400
    assert client.get("/api/v1/milestones/", {"page": 99}).status_code == 404


def test_action_line_filters(world, client_for):
    late = ActionLineFactory(
        intervention=world.i2,
        lead_organisation=world.org_b,
        status="active",
        kind="physical_space",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    client = client_for(None)
    url = "/api/v1/action-lines/"
    assert ids(client.get(url, {"overdue": "true"})) == [late.pk]
    assert late.pk not in ids(client.get(url, {"overdue": "false"}))
    assert ids(client.get(url, {"intervention": world.i2.slug})) == [late.pk]
    assert ids(client.get(url, {"kind": "physical_space"})) == [late.pk]
    assert ids(client.get(url, {"lead_organisation": world.org_a.slug})) == [world.al_a.pk]
    assert ids(client.get(url, {"active_on": "2020-06-01"})) == [late.pk]
    assert ids(client.get(url, {"status": ["active"]})) == sorted(
        [world.al_a.pk, world.al_b.pk, late.pk]
    )
    row = client.get(f"{url}{late.pk}/").json()
    assert row["overdue"] is True
    assert row["progress"] is None


def test_milestone_filters(world, client_for):
    old = MilestoneFactory(action_line=world.al_b, due_date=datetime.date(2020, 1, 1))
    done = MilestoneFactory(
        action_line=world.al_b,
        due_date=datetime.date(2020, 2, 1),
        completed_on=datetime.date(2020, 2, 1),
    )
    client = client_for(None)
    url = "/api/v1/milestones/"
    assert ids(client.get(url, {"overdue": "true"})) == [old.pk]
    assert ids(client.get(url, {"completed": "true"})) == [done.pk]
    assert ids(client.get(url, {"due_before": "2020-12-31"})) == sorted([old.pk, done.pk])
    assert ids(client.get(url, {"due_after": "2020-01-15", "due_before": "2020-12-31"})) == [
        done.pk
    ]
    assert ids(client.get(url, {"action_line": world.al_a.pk})) == [world.ms_a.pk]
    assert ids(client.get(url, {"intervention": world.i2.slug})) == []
    response = client.get(url, {"due_after": "2021-01-01", "due_before": "2020-01-01"})
    assert response.status_code == 400
    assert "due_before" in response.json()


def test_organisation_and_coalition_filters(world, client_for):
    OrganisationFactory(name="Photon Delta", slug="photon-delta", capabilities=["photonics"])
    client = client_for(None)
    assert [
        r["slug"]
        for r in client.get("/api/v1/organisations/", {"capability": "photonics"}).json()["results"]
    ] == ["brainport-development", "photon-delta"]
    assert [
        r["slug"]
        for r in client.get("/api/v1/organisations/", {"search": "almere"}).json()["results"]
    ] == ["gemeente-almere"]
    assert [
        r["slug"]
        for r in client.get(
            "/api/v1/organisations/", {"region": "brainport", "kind": "regional_development"}
        ).json()["results"]
    ] == ["brainport-development"]
    coalitions = client.get("/api/v1/coalitions/", {"scope": "corridor"}).json()["results"]
    assert [(c["slug"], c["scope"]) for c in coalitions] == [("corridor-ai", "corridor")]
    by_member = client.get("/api/v1/coalitions/", {"organisation": world.org_b.slug}).json()
    assert [c["slug"] for c in by_member["results"]] == ["corridor-ai"]


def test_a_reviewer_orders_by_score_only_among_scores_they_may_see(world, client_for):
    top = world.as_rev2_review
    top.complementarity = top.existing_strengths = top.feasibility = top.scalability = 5
    save_assessment(assessment=top)
    rows = (
        client_for(world.reviewer)
        .get("/api/v1/use-cases/", {"ordering": "-score", "page_size": 200})
        .json()["results"]
    )
    order = [row["id"] for row in rows]
    assessed = {world.uc_a_review.pk, world.uc_b_selected.pk, world.uc_b_declined.pk}
    assert set(order[:3]) == assessed
    assert order.index(world.uc_b_review.pk) >= 3
    board_rows = client_for(world.board).get("/api/v1/use-cases/", {"ordering": "-score"}).json()
    assert board_rows["results"][0]["id"] == world.uc_b_review.pk


def test_each_filterset_has_filters_and_form_fields_of_its_own(world, rf):
    """What one request's FilterSet changes (the coalitions a partner may see,
    the score orderings) never reaches another's, and a method filter calls its
    own FilterSet."""
    from usecases.filters import UseCaseFilterSet
    from usecases.models import UseCase

    def filterset(user, data):
        request = rf.get("/", data)
        request.user = user
        return UseCaseFilterSet(request.GET, queryset=UseCase.objects.all(), request=request)

    partner = filterset(world.partner_a, {"region": "mra"})
    board = filterset(world.board, {"region": "mra"})
    declared = UseCaseFilterSet.base_filters["coalition"].queryset
    assert world.co_forming_c in declared
    assert partner.filters["region"] is not board.filters["region"]
    assert partner.filters["region"].filter.f.parent is partner
    assert board.filters["region"].filter.f.parent is board
    assert partner.form.fields["coalition"] is not board.form.fields["coalition"]

    orderings = {
        name: [code for code, _label in fs.form.fields["ordering"].choices]
        for name, fs in (("partner", partner), ("board", board))
    }
    assert "-score" not in orderings["partner"]
    assert "-score" in orderings["board"]
    assert filterset(world.board, {}).form.fields["ordering"].choices == (
        board.form.fields["ordering"].choices
    )
    # A coalition the partner may not see is not a valid choice for them; the
    # Board's FilterSet, made after theirs, still has it.
    assert world.co_forming_c not in partner.form.fields["coalition"].queryset
    assert world.co_forming_c in board.form.fields["coalition"].queryset
    assert world.co_forming_c not in partner.filters["coalition"].queryset
    assert world.co_forming_c in filterset(world.board, {}).filters["coalition"].queryset
    assert partner.is_valid() and board.is_valid()
    assert set(partner.qs.values_list("pk", flat=True)) == set(
        board.qs.values_list("pk", flat=True)
    )
