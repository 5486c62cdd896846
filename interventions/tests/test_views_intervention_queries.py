"""The intervention page's queries: flat, one count for totals, kept parts following changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from interventions.models import Milestone

from .factories import MilestoneFactory
from .factories import bulk_lines_of_2026


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 1000])
def test_intervention_page_queries_stay_flat(
    client, intervention, board, rows, django_assert_max_num_queries
):
    lines = bulk_lines_of_2026(intervention, rows)
    Milestone.objects.bulk_create(
        Milestone(action_line=line, title="M", due_date=datetime.date(2026, 6, 1)) for line in lines
    )
    client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])
    # The first visit after a change computes the index trend; every further
    # visit reads it.
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["line_total"] == rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_page_links_made_from_one_reversed_route_are_what_reverse_makes(language):
    from corridor.reversing import url_maker

    with translation.override(language):
        for viewname, kwarg, values in (
            ("interventions:action-line-detail", "pk", [1, 42, 9876543210]),
            ("coalitions:coalition-detail", "slug", ["chips", "ai-semicon_2", "9876543210"]),
        ):
            url_of = url_maker(viewname, kwarg)
            for value in values:
                assert url_of(value) == reverse(viewname, kwargs={kwarg: value})


@pytest.mark.django_db
def test_full_pages_of_lines_coalitions_and_use_cases_say_how_many_more_from_one_count(
    client, intervention, board, org_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coalitions.tests.factories import CoalitionFactory
    from corridor.portal.related import PAGE_COALITIONS
    from corridor.portal.related import PAGE_USE_CASES
    from interventions.views.interventions import PAGE_LINES
    from usecases.models import UseCase

    bulk_lines_of_2026(intervention, PAGE_LINES + 3)
    for n in range(PAGE_COALITIONS + 2):
        CoalitionFactory(name=f"Coalitie {n:02}", interventions=[intervention])
    UseCase.objects.bulk_create(
        UseCase(
            title=f"Gekozen {n}",
            status="selected",
            organisation=org_a,
            submitted_by=board,
            intervention=intervention,
        )
        for n in range(PAGE_USE_CASES + 4)
    )
    client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (
        response.context["more_lines"],
        response.context["line_total"],
        response.context["more_coalitions"],
        response.context["more_use_cases"],
    ) == (3, PAGE_LINES + 3, 2, 4)
    # The coalitions' and use cases' totals in one count; the action lines'
    # with the plan, which is kept apart.
    assert len([query for query in queries if "COUNT(" in query["sql"]]) == 2
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.context["related"] == response.context["related"]
    assert not [query for query in queries if "COUNT(" in query["sql"]]


@pytest.mark.django_db
def test_the_kept_timeline_and_action_lines_follow_every_change_and_the_day(
    client, intervention, line, org_a, board
):
    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    with translation.override("en"):
        url = reverse("interventions:intervention-detail", args=[intervention.slug])
        create_url = reverse("interventions:action-line-create", args=[intervention.slug])
    today = timezone.localdate()
    MilestoneFactory(action_line=line, title="Straks", due_date=today + datetime.timedelta(days=1))
    response = client.get(url)
    first = response.context["plan"]
    html = response.content.decode()
    assert first["timeline"] in html and first["lines"] in html
    assert "1 overdue" not in html and "<svg" in html and "Chips" in html
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).context["plan"]
    assert (again["timeline"], again["lines"]) == (first["timeline"], first["lines"])
    assert not [q for q in queries if "interventions_milestone" in q["sql"]]

    # The day after tomorrow the milestone is overdue, with no change to it.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        assert "1 overdue" in client.get(url).content.decode()

    # An edit of a line and a renamed lead show on the next visit.
    line.title = "Chips en sensoren"
    line._history_user = board
    line.save()
    org_a.name = "Nieuwe naam"
    org_a.save()
    page = client.get(url).content.decode()
    assert "Chips en sensoren" in page and "Nieuwe naam" in page
    client.force_login(board)  # the same plan for every reader; the Board's buttons stay
    page = client.get(url).content.decode()
    assert "Chips en sensoren" in page and create_url in page


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["public", "board"])
def test_the_kept_use_cases_and_coalitions_follow_every_change(
    client, intervention, board, org_a, partner_a, audience
):
    from coalitions.tests.factories import CoalitionFactory
    from coalitions.tests.factories import MembershipFactory
    from usecases.services import transition_use_case
    from usecases.tests.factories import UseCaseFactory

    if audience == "board":
        client.force_login(board)
    url = reverse("interventions:intervention-detail", args=[intervention.slug])

    def related():
        return client.get(url).context["related"]

    first = related()
    assert related() == first
    coalition = CoalitionFactory(name="Fotonica-coalitie", interventions=[intervention])
    assert "Fotonica-coalitie" in related()
    MembershipFactory(coalition=coalition, organisation=org_a)
    assert "badge--mra" in related()
    chosen = UseCaseFactory(
        intervention=intervention, organisation=org_a, submitted_by=partner_a, title="Lichtchip"
    )
    assert "Lichtchip" not in related()
    for status in ("submitted", "in_review", "selected"):
        actor = partner_a if status == "submitted" else board
        transition_use_case(use_case=chosen, to=status, actor=actor, reason="Sterk")
    assert "Lichtchip" in related()
    org_a.name = "Gemeente Almere-Poort"
    org_a.save()
    assert "Gemeente Almere-Poort" in related()
