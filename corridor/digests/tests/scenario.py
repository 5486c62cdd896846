"""A crafted week of corridor history, written with frozen time.

The week is Monday 23 March 2026 00:00 to Monday 30 March 2026 00:00 in
Europe/Amsterdam: summer time starts in it (Sunday 29 March, 02:00 → 03:00),
so it lasts 167 hours. Events sit on both sides of both boundaries.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import time_machine

from coalitions.models import Coalition
from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from interventions.models import ActionLine
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from interventions.tests.factories import MilestoneFactory
from usecases.services import record_assessment
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import assigned

AMS = ZoneInfo("Europe/Amsterdam")
WEEK_START = datetime.date(2026, 3, 23)


def at(year, month, day, hour=12, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def frozen(moment):
    return time_machine.travel(moment, tick=False)


@dataclass
class Week:
    intervention: object
    other_intervention: object
    submitted_at_start: object
    selected: object
    declined: object
    submitted_last_second: object
    too_early: object
    too_late: object
    waiting: object
    at_risk: object
    slipped: object
    started: object
    ended: object
    overdue: object
    due_soon: object
    completed: object
    formed: object
    closed: object


def move(use_case, to, actor, reason=""):
    return transition_use_case(use_case=use_case, to=to, actor=actor, reason=reason)


def build_week(*, board, reviewer, partner_a, partner_b, org_a, org_b, intervention) -> Week:
    """Write the history of the week; returns the rows the sections should name."""
    other = InterventionFactory(number=2, slug="slimme-systemen", title_nl="Slimme systemen")

    def use_case(title, organisation, submitter, where=intervention):
        return UseCaseFactory(
            title=title, organisation=organisation, submitted_by=submitter, intervention=where
        )

    # Before the week.
    with frozen(at(2026, 3, 1)):
        waiting = use_case("Wachtende use case", org_a, partner_a)
        move(waiting, "submitted", partner_a)
        selected = use_case("Digitale tweeling Almere", org_a, partner_a)
        move(selected, "submitted", partner_a)
        declined = use_case("Chipontwerp zonder partner", org_b, partner_b, other)
        move(declined, "submitted", partner_b)
        submitted_at_start = use_case("Start van de week", org_a, partner_a)
        submitted_last_second = use_case("Laatste seconde", org_b, partner_b, other)
        too_early = use_case("Net te vroeg", org_a, partner_a)
        too_late = use_case("Net te laat", org_a, partner_a)
        at_risk = ActionLineFactory(
            intervention=intervention, title="Talentprogramma", lead_organisation=org_a
        )
        slipped = ActionLineFactory(
            intervention=intervention,
            title="Testomgeving Eindhoven",
            lead_organisation=org_b,
            end_date=datetime.date(2026, 12, 31),
        )
        started = ActionLineFactory(
            intervention=other,
            title="Datacentrum",
            status=ActionLine.Status.PLANNED,
            start_date=datetime.date(2026, 3, 25),
            end_date=datetime.date(2026, 9, 30),
        )
        ended = ActionLineFactory(
            intervention=intervention,
            title="Verkenning",
            start_date=datetime.date(2025, 9, 1),
            end_date=datetime.date(2026, 3, 27),
        )
        overdue = MilestoneFactory(
            action_line=at_risk, title="Werving gestart", due_date=datetime.date(2026, 3, 20)
        )
        due_soon = MilestoneFactory(
            action_line=at_risk, title="Eerste cohort", due_date=datetime.date(2026, 4, 8)
        )
        MilestoneFactory(
            action_line=at_risk, title="Later cohort", due_date=datetime.date(2026, 4, 30)
        )
        completed = MilestoneFactory(
            action_line=slipped, title="Locatie gekozen", due_date=datetime.date(2026, 3, 25)
        )
        formed = CoalitionFactory(name="AI-coalitie", slug="ai-coalitie", status="forming")
        closed = CoalitionFactory(name="Oude coalitie", slug="oude-coalitie")

    # The last second before the week: not in it.
    with frozen(at(2026, 3, 22, 23, 59, 59)):
        move(too_early, "submitted", partner_a)

    # The first instant of the week: in it.
    with frozen(at(2026, 3, 23, 0, 0, 0)):
        move(submitted_at_start, "submitted", partner_a)

    with frozen(at(2026, 3, 24, 10)):
        move(selected, "in_review", board)
        move(declined, "in_review", board)
        move(waiting, "in_review", board)
        assigned(selected, reviewer)
        record_assessment(
            use_case=selected,
            reviewer=reviewer,
            complementarity=5,
            existing_strengths=4,
            feasibility=4,
            scalability=3,
            rationale="Sterk",
            recommendation="select",
        )

    with frozen(at(2026, 3, 25, 9)):
        move(selected, "selected", board, "Verbindt MRA en Brainport")
        move(declined, "declined", board, "Geen MRA-partner")
        at_risk.status = ActionLine.Status.AT_RISK
        at_risk.save()
        slipped.end_date = datetime.date(2027, 3, 31)
        slipped.save()
        completed.completed_on = datetime.date(2026, 3, 25)
        completed.save()
        formed.status = Coalition.Status.ACTIVE
        formed.save()
        closed.status = Coalition.Status.CLOSED
        closed.save()
        MembershipFactory(coalition=formed, organisation=org_a, joined=datetime.date(2026, 3, 25))
        MembershipFactory(coalition=formed, organisation=org_b, joined=datetime.date(2026, 3, 26))
        MembershipFactory(
            coalition=closed,
            organisation=org_b,
            joined=datetime.date(2025, 1, 1),
            left=datetime.date(2026, 3, 26),
        )

    # The last second of the week, after the change to summer time: in it.
    with frozen(at(2026, 3, 29, 23, 59, 59)):
        move(submitted_last_second, "submitted", partner_b)

    # The first instant of the next week: not in it.
    with frozen(at(2026, 3, 30, 0, 0, 0)):
        move(too_late, "submitted", partner_a)

    return Week(
        intervention=intervention,
        other_intervention=other,
        submitted_at_start=submitted_at_start,
        selected=selected,
        declined=declined,
        submitted_last_second=submitted_last_second,
        too_early=too_early,
        too_late=too_late,
        waiting=waiting,
        at_risk=at_risk,
        slipped=slipped,
        started=started,
        ended=ended,
        overdue=overdue,
        due_soon=due_soon,
        completed=completed,
        formed=formed,
        closed=closed,
    )
