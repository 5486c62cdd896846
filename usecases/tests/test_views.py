"""Portal pages of use cases: who sees and may do what, the workflow in the browser's
terms (forms and buttons), filters, and query counts that stay flat."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from usecases.models import Assessment
from usecases.models import Attachment
from usecases.models import UseCase
from usecases.services import add_attachment
from usecases.services import record_assessment
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import PDF_BYTES
from usecases.tests.helpers import assigned
from usecases.tests.helpers import use_case_in

S = UseCase.Status
ROLES = ("anonymous", "partner_a", "partner_b", "reviewer", "board")


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


def url_of(name, cases, key=None):
    if key is None:
        return reverse(name)
    return reverse(name, kwargs={"pk": cases[key].pk})


LOGIN = "login"
# (route, object, role) → expected status; LOGIN = redirect to the login page.
ACCESS = {
    ("usecases:use-case-list", None): dict.fromkeys(ROLES, 200),
    ("usecases:use-case-create", None): {
        "anonymous": LOGIN,
        "partner_a": 200,
        "partner_b": 200,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:use-case-detail", "draft"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
    ("usecases:use-case-detail", "submitted"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 200,
        "board": 200,
    },
    ("usecases:use-case-detail", "selected"): dict.fromkeys(ROLES, 200),
    ("usecases:use-case-edit", "draft"): {
        "anonymous": LOGIN,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
    ("usecases:use-case-edit", "in_review"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 404,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:use-case-edit", "selected"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 403,
        "reviewer": 403,
        "board": 200,
    },
    ("usecases:assessment-edit", "in_review"): {
        "anonymous": LOGIN,
        "partner_a": 403,
        "partner_b": 404,
        "reviewer": 200,
        "board": 403,
    },
    ("usecases:attachment-download", "attachment"): {
        "anonymous": 404,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "board": 200,
    },
}
ACCESS_CASES = [
    (route, key, role, expected)
    for (route, key), by_role in ACCESS.items()
    for role, expected in by_role.items()
]


@pytest.mark.parametrize(("route", "key", "role", "expected"), ACCESS_CASES)
def test_page_access_per_role(route, key, role, expected, cases, login):
    client = login(role)
    response = client.get(url_of(route, cases, key))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"selected"}),
        ("partner_a", {"draft", "submitted", "in_review", "selected"}),
        ("partner_b", {"selected"}),
        ("reviewer", {"submitted", "in_review", "selected"}),
        ("board", {"draft", "submitted", "in_review", "selected"}),
    ],
)
def test_list_shows_exactly_the_use_cases_the_role_may_see(role, visible, cases, login):
    response = login(role).get(reverse("usecases:use-case-list"))
    shown = {use_case.pk for use_case, *_ in response.context["rows"]}
    assert shown == {cases[key].pk for key in visible}


@pytest.mark.parametrize(
    ("role", "key", "moves"),
    [
        ("anonymous", "selected", []),
        ("partner_a", "draft", ["submitted", "withdrawn"]),
        ("partner_a", "submitted", ["withdrawn"]),
        ("partner_b", "selected", []),
        ("reviewer", "submitted", []),
        ("board", "submitted", ["in_review"]),
        ("board", "in_review", ["selected", "declined", "more_information_requested"]),
        ("board", "selected", ["in_execution"]),
    ],
)
def test_detail_offers_buttons_for_exactly_the_allowed_moves(role, key, moves, cases, login):
    response = login(role).get(url_of("usecases:use-case-detail", cases, key))
    assert response.status_code == 200
    form = response.context["transition_form"]
    offered = [value for value, _ in form.fields["to"].choices] if form else []
    assert offered == moves
    assert response.content.count(b'name="to"') == len(moves)


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


def test_assessment_form_explains_each_criterion_in_the_seed_terms(client, cases, reviewer):
    assigned(cases["in_review"], reviewer)
    client.force_login(reviewer)
    response = client.get(url_of("usecases:assessment-edit", cases, "in_review"))
    content = response.content.decode()
    for name in ("complementarity", "existing_strengths", "feasibility", "scalability"):
        assert response.context["form"].fields[name].help_text
        assert f'name="{name}"' in content
    # Dutch, the default, uses the words of the Board's cover note.
    for words in (
        "Complementariteit tussen de metropoolregio Amsterdam en Brainport",
        "Aansluiting op bestaande sterktes",
        "Uitvoerbaarheid op korte termijn",
        "Potentieel voor verdere opschaling op langere termijn",
    ):
        assert words in content
    english = client.get("/en" + url_of("usecases:assessment-edit", cases, "in_review"))
    assert "Fit with existing strengths" in english.content.decode()


def test_reviewer_sees_others_assessments_only_after_submitting_their_own(
    client, cases, reviewer, board
):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    other = reviewer_user(username="other-reviewer")
    AssessmentFactory(use_case=in_review, reviewer=other, rationale="Oordeel van een ander")
    client.force_login(reviewer)
    before = client.get(in_review.get_absolute_url())
    assert before.context["assessments"] == []
    assert b"Oordeel van een ander" not in before.content
    assert not before.context["sees_review"]

    assigned(in_review, reviewer)
    record_assessment(
        use_case=in_review,
        reviewer=reviewer,
        complementarity=2,
        existing_strengths=2,
        feasibility=2,
        scalability=2,
        recommendation="decline",
    )
    after = client.get(in_review.get_absolute_url())
    assert len(after.context["assessments"]) == 2
    assert b"Oordeel van een ander" in after.content
    assert after.context["use_case"].consensus == "split"


def test_board_sees_scores_spread_and_consensus(client, cases, board):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    for n, score in enumerate((5, 1)):
        AssessmentFactory(
            use_case=in_review,
            reviewer=reviewer_user(username=f"r{n}"),
            complementarity=score,
            existing_strengths=score,
            feasibility=score,
            scalability=score,
        )
    client.force_login(board)
    response = client.get(in_review.get_absolute_url())
    use_case = response.context["use_case"]
    assert use_case.score == pytest.approx(3.0)
    assert use_case.spread == pytest.approx(4.0)
    assert response.context["spread_alert"]
    assert [row["scores"] for row in response.context["criteria"]] == [[5, 1]] * 4


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


# Filters -------------------------------------------------------------------------------


def test_filters_narrow_the_list(client, board, partner_a, intervention):
    region = RegionFactory(slug="brainport", name="Brainport")
    eindhoven = OrganisationFactory(slug="tue", name="TU/e", region=region)
    health = use_case_in(
        S.SUBMITTED,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title="Zorgrobot",
        sectors=["health"],
        partners=[eindhoven],
    )
    use_case_in(
        S.DRAFT,
        partner=partner_a,
        board=board,
        intervention=intervention,
        title="Fabriek",
        sectors=["industry"],
    )
    client.force_login(board)
    url = reverse("usecases:use-case-list")

    def titles(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {use_case.title for use_case, *_ in response.context["rows"]}

    assert titles(sector="health") == {"Zorgrobot"}
    assert titles(status=["submitted", "draft"]) == {"Zorgrobot", "Fabriek"}
    assert titles(status="draft") == {"Fabriek"}
    assert titles(region="brainport") == {"Zorgrobot"}
    assert titles(organisation="tue") == {"Zorgrobot"}
    assert titles(intervention=intervention.slug) == {"Zorgrobot", "Fabriek"}
    assert titles(search="zorgrobot") == {"Zorgrobot"}
    assert titles(submitted_after="2000-01-01") == {"Zorgrobot"}
    ordered = client.get(url, {"ordering": "title"}).context["rows"]
    assert [use_case.title for use_case, *_ in ordered] == ["Fabriek", "Zorgrobot"]
    assert health.pk


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"intervention": "no-such-slug"},
        {"submitted_after": "gisteren"},
        {"search": "a\x00b"},
        {"intervention": "a\x00b"},
        {"organisation": "\x00"},
        {"region": "mra\x00"},
        {"coalition": "1\x00"},
        {"submitted_after": "2026-01-01\x00"},
        {"search": "ü" * 5000},
        {"intervention": "ü" * 5000},
        {"ordering": "password"},
        {"coalition": "x"},
        {"page": "999"},
        {"page": "-1"},
        {"sector": ["health", "nope"]},
    ],
)
def test_bad_filter_input_is_reported_never_a_server_error(client, board, cases, params):
    client.force_login(board)
    response = client.get(reverse("usecases:use-case-list"), params)
    assert response.status_code == 200


def test_partners_cannot_order_by_review_score(client, partner_a, cases):
    client.force_login(partner_a)
    response = client.get(reverse("usecases:use-case-list"), {"ordering": "-score"})
    assert "ordering" in response.context["filter"].form.errors


def test_reviewers_order_by_the_scores_they_may_see(client, reviewer, cases):
    client.force_login(reviewer)
    response = client.get(reverse("usecases:use-case-list"), {"ordering": "-score"})
    assert response.status_code == 200
    assert "ordering" not in response.context["filter"].form.errors
    # Ordered by the score only where they assessed it themselves.
    assert "ELSE NULL END DESC" in str(response.context["page"].object_list.query)


def test_portal_and_api_filter_use_cases_with_one_definition():
    from usecases.api.views import UseCaseViewSet
    from usecases.filters import UseCaseFilterSet

    assert UseCaseViewSet.filterset_class is UseCaseFilterSet


# Query counts --------------------------------------------------------------------------


def _bulk_use_cases(count, *, organisation, submitter, intervention):
    UseCase.objects.bulk_create(
        UseCase(
            title=f"Bulk {n}",
            organisation=organisation,
            submitted_by=submitter,
            intervention=intervention,
            sectors=["industry"],
            needed_capabilities=["ai"],
        )
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["anonymous", "partner_a", "reviewer", "board"])
def test_list_query_count_is_flat_from_10_to_1000_rows(
    role, login, partner_a, intervention, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(role)
    url = reverse("usecases:use-case-list")
    counts = []
    for total in (10, 1000):
        _bulk_use_cases(
            total - UseCase.objects.count(),
            organisation=partner_a.organisation,
            submitter=partner_a,
            intervention=intervention,
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"status": ["draft"], "ordering": "-created"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(url, {"status": ["draft"], "ordering": "-created"})
    assert counts[0] <= 12


def test_board_list_counts_every_use_case_and_follows_changes(
    client, cases, board, partner_b, intervention
):
    client.force_login(board)
    url = reverse("usecases:use-case-list")
    first = client.get(url)
    assert first.context["page"].paginator.count == 4
    # Kept: the same listing, not counted again.
    assert client.get(url).context["listing"] == first.context["listing"]
    UseCaseFactory(intervention=intervention, organisation=partner_b.organisation)
    assert client.get(url).context["page"].paginator.count == 5
    cases["draft"].delete()
    assert client.get(url).context["page"].paginator.count == 4
    filtered = client.get(url, {"status": ["draft"]}).context["page"].paginator
    assert filtered.count == 1


def test_detail_query_count_does_not_grow_with_assessments_and_attachments(
    client, cases, board, django_assert_max_num_queries
):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    client.force_login(board)
    client.get(in_review.get_absolute_url())
    for n in range(8):
        AssessmentFactory(use_case=in_review, reviewer=reviewer_user(username=f"q{n}"))
        Attachment.objects.create(
            use_case=in_review,
            file=f"attachments/x{n}.pdf",
            original_name=f"x{n}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=board,
        )
    # The Board's page carries the review round too (assignments, suggested
    # reviewers, conflicts, questions, comments): a fixed number of queries more.
    with django_assert_max_num_queries(34):
        response = client.get(in_review.get_absolute_url())
    assert len(response.context["assessments"]) == 8


def test_use_case_detail_is_a_readable_url(cases):
    assert cases["draft"].get_absolute_url() == f"/use-cases/{cases['draft'].pk}/"
    assert UseCaseFactory._meta.model is UseCase


def test_the_opening_filter_form_is_kept_per_role_and_follows_new_choices(
    client, board, partner_a, intervention
):
    from interventions.tests.factories import InterventionFactory

    url = reverse("usecases:use-case-list")
    client.force_login(board)
    opening = client.get(url).context["filter_fields"]
    assert 'value="-score"' in opening and "AI voor semicon en HTSM" in opening
    kept = client.get(url, {"page": "1"})
    assert kept.context["filter_fields"] == opening
    assert opening in kept.content.decode()  # as markup, not escaped text
    # As a filtered list renders it when no filter has a value.
    assert client.get(url, {"search": ""}).context["filter_fields"] == opening

    InterventionFactory(number=2, title_nl="Slimme systemen")
    RegionFactory(slug="twente", name="Twente")
    opening = client.get(url).context["filter_fields"]
    assert "Slimme systemen" in opening and "Twente" in opening

    client.force_login(partner_a)
    assert 'value="-score"' not in client.get(url).context["filter_fields"]
    assert "Intervention 2" in client.get("/en" + url).context["filter_fields"]


@pytest.mark.parametrize("audience", ["public", "board"])
def test_the_kept_unfiltered_list_follows_every_change(
    client, cases, board, partner_a, reviewer, audience, django_assert_max_num_queries
):
    from usecases.services import record_assessment
    from usecases.services import transition_use_case

    if audience == "board":
        client.force_login(board)
    url = reverse("usecases:use-case-list")

    def listing():
        return client.get(url).context["listing"]

    first = listing()
    with django_assert_max_num_queries(4 if audience == "board" else 2):
        assert listing() == first
    review = cases["in_review"]
    review.title = "Herzien voorstel"
    review.save()
    assert ("Herzien voorstel" in listing()) is (audience == "board")
    before = listing()
    assigned(review, reviewer)
    record_assessment(
        use_case=review,
        reviewer=reviewer,
        complementarity=5,
        existing_strengths=5,
        feasibility=5,
        scalability=5,
        rationale="",
        recommendation="select",
    )
    # The Board sees the new score; the public's page is read again, the same.
    assert (listing() != before) is (audience == "board")
    transition_use_case(use_case=review, to="selected", actor=board, reason="Sterk")
    assert "Herzien voorstel" in listing()


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
