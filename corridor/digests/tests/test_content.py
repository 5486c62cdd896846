import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.digests.content import build_content
from corridor.digests.periods import period_starting
from usecases.tests.factories import UseCaseFactory

from .scenario import WEEK_START
from .scenario import at
from .scenario import build_week
from .scenario import frozen
from .scenario import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    return build_week(
        board=board,
        reviewer=reviewer,
        partner_a=partner_a,
        partner_b=partner_b,
        org_a=org_a,
        org_b=org_b,
        intervention=intervention,
    )


@pytest.fixture
def content(week):
    with frozen(at(2026, 3, 30, 7)):
        return build_content(period_starting("weekly", WEEK_START))


def section(content, intervention, key):
    for block in content["interventions"]:
        if block["id"] == intervention.pk:
            return block["sections"].get(key)
    raise AssertionError(f"intervention {intervention} missing")


def hours(period) -> float:
    utc = datetime.UTC
    return (period.end.astimezone(utc) - period.start.astimezone(utc)).total_seconds() / 3600


def ids(entry, field="use_case"):
    return {item[field] for item in entry["items"]} if entry else set()


def test_week_across_the_start_of_summer_time_is_167_hours():
    period = period_starting("weekly", WEEK_START)
    assert hours(period) == 167
    assert period.start.isoformat() == "2026-03-23T00:00:00+01:00"
    assert period.end.isoformat() == "2026-03-30T00:00:00+02:00"


def test_submissions_count_from_local_midnight_to_local_midnight(content, week):
    mine = section(content, week.intervention, "use_cases_submitted")
    other = section(content, week.other_intervention, "use_cases_submitted")
    assert ids(mine) == {week.submitted_at_start.pk}
    assert ids(other) == {week.submitted_last_second.pk}
    everywhere = ids(mine) | ids(other)
    assert week.too_early.pk not in everywhere
    assert week.too_late.pk not in everywhere


def test_status_moves_are_grouped_by_new_status(content, week):
    moves = section(content, week.intervention, "status_moves")
    groups = {group["status"]: group for group in moves["groups"]}
    assert list(groups) == ["submitted", "in_review", "selected"]
    assert groups["in_review"]["count"] == 2
    assert ids(groups["in_review"]) == {week.selected.pk, week.waiting.pk}
    assert ids(groups["selected"]) == {week.selected.pk}
    assert moves["count"] == 4


def test_decisions_carry_their_rationale(content, week):
    selected = section(content, week.intervention, "decisions")
    declined = section(content, week.other_intervention, "decisions")
    assert selected["items"][0]["reason"] == "Verbindt MRA en Brainport"
    assert selected["items"][0]["to_status"] == "selected"
    assert declined["items"][0]["reason"] == "Geen MRA-partner"
    assert declined["items"][0]["to_status"] == "declined"


def test_use_cases_waiting_for_review_longer_than_fourteen_days(content, week):
    waiting = section(content, week.intervention, "waiting_for_review")
    assert ids(waiting) == {week.waiting.pk}
    assert waiting["items"][0]["days_waiting"] == 28
    assert waiting["items"][0]["status"] == "in_review"


def test_assessments_completed(content, week):
    assessed = section(content, week.intervention, "assessments_completed")
    assert assessed["count"] == 1
    assert assessed["items"][0]["use_case"] == week.selected.pk


def test_action_line_sections(content, week):
    assert ids(
        section(content, week.other_intervention, "action_lines_started"), "action_line"
    ) == {week.started.pk}
    assert ids(section(content, week.intervention, "action_lines_ended"), "action_line") == {
        week.ended.pk
    }
    changed = section(content, week.intervention, "action_lines_status_changed")
    assert changed["items"] == [
        {**changed["items"][0], "from_status": "active", "to_status": "at_risk"}
    ]
    assert ids(section(content, week.intervention, "action_lines_at_risk"), "action_line") == {
        week.at_risk.pk
    }
    slipped = section(content, week.intervention, "action_lines_slipped")
    assert ids(slipped, "action_line") == {week.slipped.pk}
    assert slipped["items"][0]["days_slipped"] == 90


def test_milestone_sections(content, week):
    assert ids(section(content, week.intervention, "milestones_completed"), "milestone") == {
        week.completed.pk
    }
    assert ids(section(content, week.intervention, "milestones_overdue"), "milestone") == {
        week.overdue.pk
    }
    assert ids(section(content, week.intervention, "milestones_due_soon"), "milestone") == {
        week.due_soon.pk
    }


def test_coalitions_and_memberships(content, week, org_a, org_b):
    corridor = content["corridor"]
    assert ids(corridor["coalitions_formed"], "coalition") == {week.formed.pk}
    assert ids(corridor["coalitions_closed"], "coalition") == {week.closed.pk}
    begun = {(i["coalition"], i["organisation"]) for i in corridor["memberships_begun"]["items"]}
    assert begun == {("AI-coalitie", org_a.name), ("AI-coalitie", org_b.name)}
    assert corridor["memberships_ended"]["items"][0]["coalition"] == "Oude coalitie"


def test_totals_and_an_eventful_week_is_not_quiet(content):
    assert content["quiet"] is False
    assert content["totals"]["use_cases_submitted"] == 2
    assert content["totals"]["memberships_begun"] == 2


def test_the_next_week_has_only_what_happened_in_it(week):
    with frozen(at(2026, 4, 6, 7)):
        content = build_content(period_starting("weekly", datetime.date(2026, 3, 30)))
    submitted = section(content, week.intervention, "use_cases_submitted")
    assert ids(submitted) == {week.too_late.pk}
    assert section(content, week.intervention, "decisions") is None
    assert content["corridor"] == {}


def test_an_empty_period_is_quiet_with_no_sections(intervention):
    with frozen(at(2026, 1, 12, 7)):
        content = build_content(period_starting("weekly", datetime.date(2026, 1, 5)))
    assert content["quiet"] is True
    assert all(block["sections"] == {} for block in content["interventions"])
    assert content["corridor"] == {}
    assert set(content["totals"].values()) == {0}


def test_week_across_the_end_of_summer_time_is_169_hours(partner_a, org_a, intervention):
    """25 October 2026: 03:00 → 02:00. Sunday 23:30 local is still in the week."""
    first_day = datetime.date(2026, 10, 19)
    period = period_starting("weekly", first_day)
    assert hours(period) == 169
    inside = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
    outside = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
    with frozen(at(2026, 10, 25, 23, 30)):
        move(inside, "submitted", partner_a)
    with frozen(at(2026, 10, 26, 0, 30)):
        move(outside, "submitted", partner_a)
    with frozen(at(2026, 10, 26, 7)):
        content = build_content(period)
    assert ids(section(content, intervention, "use_cases_submitted")) == {inside.pk}


def test_a_partners_part_covers_only_their_organisation(week, org_a, org_b):
    with frozen(at(2026, 3, 30, 7)):
        content = build_content(period_starting("weekly", WEEK_START), organisations=[org_a.pk])
    part = content["organisations"][str(org_a.pk)]
    assert part["name"] == org_a.name
    sections = {
        key: entry for block in part["interventions"] for key, entry in block["sections"].items()
    }
    assert ids(sections["use_cases_submitted"]) == {week.submitted_at_start.pk}
    assert week.declined.pk not in ids(sections.get("decisions"))
    assert "assessments_completed" not in sections
    assert ids(sections["action_lines_at_risk"], "action_line") == {week.at_risk.pk}
    assert "action_lines_slipped" not in sections  # led by organisation B
    begun = part["corridor"]["memberships_begun"]["items"]
    assert [item["organisation"] for item in begun] == [org_a.name]
    assert "failures" not in part


def test_lists_are_bounded_and_counts_complete(partner_a, org_a, intervention):
    from corridor.digests.content.queries import ITEM_LIMIT

    with frozen(at(2026, 1, 6)):
        for _n in range(ITEM_LIMIT + 5):
            use_case = UseCaseFactory(
                organisation=org_a, submitted_by=partner_a, intervention=intervention
            )
            move(use_case, "submitted", partner_a)
    with frozen(at(2026, 1, 12, 7)):
        content = build_content(period_starting("weekly", datetime.date(2026, 1, 5)))
    submitted = section(content, intervention, "use_cases_submitted")
    assert submitted["count"] == ITEM_LIMIT + 5
    assert len(submitted["items"]) == ITEM_LIMIT


def _queries_for(changes: int, partner, org, intervention, board) -> int:
    with frozen(at(2026, 2, 3)):
        for _n in range(changes):
            use_case = UseCaseFactory(
                organisation=org, submitted_by=partner, intervention=intervention
            )
            move(use_case, "submitted", partner)
            move(use_case, "in_review", board)
    period = period_starting("weekly", datetime.date(2026, 2, 2))
    with CaptureQueriesContext(connection) as queries, frozen(at(2026, 2, 9, 7)):
        build_content(period, organisations=[org.pk])
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_changes(
    board, partner_a, org_a, intervention, django_db_blocker
):
    few = _queries_for(2, partner_a, org_a, intervention, board)
    many = _queries_for(60, partner_a, org_a, intervention, board)
    assert few == many
    # About one query per section: the corridor's, each intervention's, the
    # review round's, the results', the proposals' and the failing webhooks'.
    assert many <= 50


def test_organisation_parts_cost_no_more_queries_for_more_organisations(
    board, partner_a, org_a, org_b, intervention
):
    from coalitions.tests.factories import OrganisationFactory

    period = period_starting("weekly", datetime.date(2026, 2, 2))
    with CaptureQueriesContext(connection) as one:
        build_content(period, organisations=[org_a.pk])
    many = [org_a.pk, org_b.pk, *(OrganisationFactory().pk for _n in range(8))]
    with CaptureQueriesContext(connection) as ten:
        content = build_content(period, organisations=many)
    assert len(ten) == len(one)
    assert set(content["organisations"]) == {str(pk) for pk in many}


def test_the_corridor_index_now_against_the_previous_period(content):
    index = content["corridor_index"]
    assert index["now"]["date"] == "2026-03-29"
    assert index["previous"]["date"] == "2026-03-22"
    assert index["now"]["coalitions"] == {"total": 1, "corridor": 1, "share": 1.0}
    assert index["previous"]["coalitions"]["corridor"] == 0
    assert index["now"]["value"] > index["previous"]["value"]


def test_the_rendered_digest_names_every_section(content, week):
    from corridor.digests.rendering import render_digest

    text = render_digest(content, language="en").text
    for line in (
        "== 1. Intervention 1 ==",
        "Use cases submitted (1)",
        "To “Selected” (1)",
        "Digitale tweeling Almere (Gemeente Almere): Selected — rationale: Verbindt MRA",
        "Waiting for review for more than 14 days (1)",
        "Assessments completed (1)",
        "Talentprogramma: Active → At risk",
        "Testomgeving Eindhoven: now ends March 31, 2027, 90 days past the baseline",
        "Locatie gekozen (Testomgeving Eindhoven), completed March 25, 2026",
        "Werving gestart (Talentprogramma), due March 20, 2026",
        "Eerste cohort (Talentprogramma), due April 8, 2026",
        "Coalitions formed (1)",
        "Memberships ended (1)",
        "Corridor index: Now",
    ):
        assert line in text, line
    assert "A quiet period" not in text


def test_waiting_is_judged_at_the_end_of_the_period_not_today(week, board):
    with frozen(at(2026, 4, 2)):
        move(week.waiting, "declined", board, "Te laat")
    with frozen(at(2026, 4, 6, 7)):
        content = build_content(period_starting("weekly", WEEK_START))
    assert ids(section(content, week.intervention, "waiting_for_review")) == {week.waiting.pk}


@pytest.mark.django_db
def test_thousands_of_organisations_are_one_parameter(org_a, org_b):
    from coalitions.models import Organisation
    from corridor.digests.content.queries import one_of

    keys = [org_a.pk, *range(10**6, 10**6 + 5000)]
    queryset = Organisation.objects.filter(one_of("pk", keys))
    _sql, params = queryset.query.sql_with_params()
    assert len(params) == 1
    assert list(queryset.values_list("pk", flat=True)) == [org_a.pk]
