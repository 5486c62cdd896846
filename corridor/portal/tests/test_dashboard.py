import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from interventions.models import ActionLine
from interventions.models import Milestone
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory


@pytest.fixture
def corridor(intervention, org_a, org_b, partner_a, partner_b, board):
    today = timezone.localdate()
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a, title="Chiplijn")
    MilestoneFactory(action_line=line, title="Binnenkort", due_date=today + datetime.timedelta(5))
    MilestoneFactory(action_line=line, title="Te laat", due_date=today - datetime.timedelta(5))
    MilestoneFactory(
        action_line=line, title="Verre toekomst", due_date=today + datetime.timedelta(90)
    )
    draft = UseCaseFactory(
        intervention=intervention, organisation=org_b, submitted_by=partner_b, title="Concept B"
    )
    in_review = UseCaseFactory(
        intervention=intervention, organisation=org_a, submitted_by=partner_a, title="In review A"
    )
    transition_use_case(use_case=in_review, to="submitted", actor=partner_a, reason="klaar")
    transition_use_case(use_case=in_review, to="in_review", actor=board, reason="")
    return {"line": line, "draft": draft, "in_review": in_review}


@pytest.mark.django_db
def test_anonymous_sees_cards_milestones_and_public_activity_only(client, corridor):
    response = client.get(reverse("portal:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    card = response.context["cards"][0]
    assert [(s, n) for s, _label, n in card.action_lines] == [("active", 1)]
    assert card.use_cases == []  # drafts and reviews are not public
    assert [m.title for m in response.context["due"]] == ["Binnenkort"]
    assert [m.title for m in response.context["overdue"]] == ["Te laat"]
    assert "In review A" not in html and "Concept B" not in html
    assert response.context["yours"] == {}
    assert all(item.who == "" for item in response.context["activity"])


@pytest.mark.django_db
def test_partner_sees_own_use_cases_and_led_lines(client, corridor, partner_a):
    client.force_login(partner_a)
    response = client.get(reverse("portal:dashboard"))
    yours = response.context["yours"]
    assert [u.title for u in yours["own_use_cases"]] == ["In review A"]
    assert [line.title for line in yours["led_action_lines"]] == ["Chiplijn"]
    assert "Concept B" not in response.content.decode()


@pytest.mark.django_db
def test_reviewer_sees_the_queue(client, corridor, reviewer, board):
    from usecases.review.services import assign_reviewer

    client.force_login(reviewer)
    yours = client.get(reverse("portal:dashboard")).context["yours"]
    # Their queue is what the Board assigned them, not every use case in review.
    assert (yours["review_queue"], yours["review_queue_count"]) == ([], 0)
    assign_reviewer(use_case=corridor["in_review"], reviewer=reviewer, actor=board)
    yours = client.get(reverse("portal:dashboard")).context["yours"]
    assert [u.title for u in yours["review_queue"]] == ["In review A"]
    assert yours["review_queue_count"] == 1
    assert "own_use_cases" not in yours


@pytest.mark.django_db
def test_board_sees_use_cases_awaiting_a_decision_and_names_in_activity(client, corridor, board):
    client.force_login(board)
    response = client.get(reverse("portal:dashboard"))
    yours = response.context["yours"]
    assert [u.title for u in yours["awaiting_decision"]] == ["In review A"]
    assert any(item.who for item in response.context["activity"])
    assert "Concept B" not in [u.title for u in yours["awaiting_decision"]]


@pytest.mark.django_db
def test_forming_coalition_activity_is_hidden_from_the_public(client, org_a):
    forming = CoalitionFactory(name="Stille coalitie", status="forming")
    MembershipFactory(coalition=forming, organisation=org_a)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "Stille coalitie" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 1000])
def test_dashboard_queries_stay_flat(
    client, board, intervention, org_a, rows, django_assert_max_num_queries
):
    today = timezone.localdate()
    lines = ActionLine.objects.bulk_create(
        ActionLine(
            intervention=intervention,
            title=f"Lijn {n}",
            lead_organisation=org_a,
            start_date=today,
            end_date=today + datetime.timedelta(days=100),
            baseline_start=today,
            baseline_end=today + datetime.timedelta(days=100),
        )
        for n in range(rows)
    )
    Milestone.objects.bulk_create(
        Milestone(action_line=line, title="M", due_date=today + datetime.timedelta(days=n % 40 - 5))
        for n, line in enumerate(lines)
    )
    client.force_login(board)
    # The first visit after a change counts the corridor and computes the
    # index trend; every further visit reads both.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("portal:dashboard")).status_code == 200
    with django_assert_max_num_queries(15):
        response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200


def _use_case_counts(response):
    return [(status, n) for status, _label, n in response.context["cards"][0].use_cases]


def _progress(response):
    card = response.context["cards"][0]
    return card.milestones_done, card.milestones_total


@pytest.mark.django_db
def test_board_counts_follow_every_change(client, corridor, board, partner_a):
    client.force_login(board)
    url = reverse("portal:dashboard")
    response = client.get(url)
    assert _use_case_counts(response) == [("draft", 1), ("in_review", 1)]
    assert _progress(response) == (0, 3)
    # Kept: the same cards, not counted again.
    assert client.get(url).context["overview"] == response.context["overview"]

    transition_use_case(use_case=corridor["in_review"], to="selected", actor=board, reason="ja")
    milestone = corridor["line"].milestones.get(title="Te laat")
    milestone.completed_on = timezone.localdate()
    milestone._history_user = board
    milestone.save()
    response = client.get(url)
    assert _use_case_counts(response) == [("draft", 1), ("selected", 1)]
    assert _progress(response) == (1, 3)

    corridor["draft"].delete()
    Milestone.objects.get(pk=milestone.pk).delete()
    response = client.get(url)
    assert _use_case_counts(response) == [("selected", 1)]
    assert _progress(response) == (0, 2)


@pytest.mark.django_db
def test_readers_who_see_part_count_only_what_they_see(client, corridor, board, partner_b):
    client.force_login(board)
    assert _use_case_counts(client.get(reverse("portal:dashboard"))) == [
        ("draft", 1),
        ("in_review", 1),
    ]
    client.force_login(partner_b)  # their own draft, not organisation A's review
    assert _use_case_counts(client.get(reverse("portal:dashboard"))) == [("draft", 1)]
    client.logout()
    assert _use_case_counts(client.get(reverse("portal:dashboard"))) == []


@pytest.mark.django_db
def test_activity_is_the_newest_visible_changes_of_every_kind(client, corridor, board, partner_b):
    from corridor.portal.dashboard import ACTIVITY_LIMIT

    client.force_login(board)
    activity = client.get(reverse("portal:dashboard")).context["activity"]
    assert 0 < len(activity) <= ACTIVITY_LIMIT
    assert [item.when for item in activity] == sorted(
        (item.when for item in activity), reverse=True
    )
    texts = " ".join(item.text for item in activity)
    assert "Chiplijn" in texts and "In review A" in texts
    client.force_login(partner_b)  # organisation A's use case in review is not theirs
    texts = " ".join(
        item.text for item in client.get(reverse("portal:dashboard")).context["activity"]
    )
    assert "Chiplijn" in texts and "In review A" not in texts


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["public", "board"])
def test_kept_activity_follows_every_change(client, corridor, board, audience):
    """The public's and the Board's activity is kept in the cache, keyed by the
    tables it is read from: a new change, or a renamed coalition or person,
    shows on the next visit."""
    if audience == "board":
        client.force_login(board)
    url = reverse("portal:dashboard")
    response = client.get(url)
    first = response.context["activity"]
    assert client.get(url).context["overview"] == response.context["overview"]

    milestone = corridor["line"].milestones.get(title="Te laat")
    milestone.completed_on = timezone.localdate()
    milestone._history_user = board
    milestone.save()
    newest = client.get(url).context["activity"][0]
    assert "Te laat" in newest.text and newest.when > first[0].when

    board.first_name, board.last_name = "Nieuwe", "Naam"
    board.save()
    whos = {item.who for item in client.get(url).context["activity"]}
    assert ("Nieuwe Naam" in whos) is (audience == "board")


@pytest.mark.django_db
@pytest.mark.parametrize("audience", ["public", "board"])
def test_a_kept_overview_costs_one_query(
    client, corridor, board, audience, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from corridor.portal import dashboard

    reader = board if audience == "board" else AnonymousUser()
    today = timezone.localdate()
    first = dashboard.overview(reader, today)
    assert "Chiplijn" in first["columns"] and "Binnenkort" in first["columns"]
    with django_assert_num_queries(1):
        assert dashboard.overview(reader, today) == first
    # The milestones due move with the day.
    later = dashboard.overview(reader, today + datetime.timedelta(days=6))
    assert "Binnenkort" in later["columns"] and later != first


@pytest.mark.django_db
def test_partners_overview_is_theirs_not_the_kept_one(client, corridor, board, partner_b):
    from corridor.portal import dashboard

    today = timezone.localdate()
    boards = dashboard.overview(board, today)
    assert "In review A" in boards["columns"]
    assert "In review A" not in dashboard.overview(partner_b, today)["columns"]
