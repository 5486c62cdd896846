"""More rows of every kind, so a page of 200 really holds many."""

import datetime

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory

from .world import S
from .world import bring_to


def _review_round(world, use_case, i: int) -> None:
    """Assignments, a declared conflict, a question and comments on the use case."""
    from usecases.review import services as review

    review.assign_reviewer(use_case=use_case, reviewer=world.reviewer, actor=world.board)
    review.declare_conflict(use_case=use_case, reviewer=world.reviewer2, reason=f"Reden {i}.")
    review.post_comment(use_case=use_case, author=world.board, kind="internal", body=f"Intern {i}")
    review.post_comment(
        use_case=use_case, author=world.partner_b, kind="shared", body=f"Gedeeld {i}"
    )
    if i % 2:
        review.ask_question(use_case=use_case, text=f"Vraag {i}?", actor=world.board)
        review.answer_question(use_case=use_case, answer=f"Antwoord {i}.", actor=world.partner_b)


def _measured(**owner):
    """An indicator of ``owner`` with two measurements."""
    from corridor.results.models import Indicator
    from corridor.results.models import Measurement

    indicator = Indicator.objects.create(
        name_nl="Pilots gestart",
        unit="count",
        baseline_value=0,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=10,
        target_date=datetime.date(2026, 12, 31),
        **owner,
    )
    for month in (3, 6):
        Measurement.objects.create(
            indicator=indicator, date=datetime.date(2026, month, 1), value=month, source_note="n"
        )


def populate(world, n: int = 20) -> None:
    organisations = [
        OrganisationFactory(region=world.brainport if i % 2 else world.mra, capabilities=["ai"])
        for i in range(n)
    ]
    for i in range(n):
        line = ActionLineFactory(intervention=world.i2, lead_organisation=organisations[i])
        MilestoneFactory.create_batch(2, action_line=line)
        _measured(action_line=line)
        coalition = CoalitionFactory(interventions=[world.i1, world.i2])
        MembershipFactory(coalition=coalition, organisation=organisations[i])
        MembershipFactory(coalition=coalition, organisation=world.org_a)
        use_case = UseCaseFactory(
            organisation=world.org_b,
            submitted_by=world.partner_b,
            intervention=world.i1,
            coalition=coalition,
            action_line=None,
            partners=[organisations[i], world.org_a],
        )
        bring_to(use_case, S.IN_REVIEW, partner=world.partner_b, board=world.board)
        AssessmentFactory(use_case=use_case, reviewer=world.reviewer)
        AssessmentFactory(use_case=use_case, reviewer=world.reviewer2, feasibility=5)
        bring_to_selected = i % 2 == 0
        _review_round(world, use_case, i)
        if bring_to_selected:
            from usecases.services import transition_use_case

            transition_use_case(use_case=use_case, to=S.SELECTED, actor=world.board, reason="Sterk")
            _measured(use_case=use_case)
    from corridor.digests.periods import period_starting
    from corridor.digests.services import build_digest

    for week in range(4):
        first_day = datetime.date(2026, 1, 5) + datetime.timedelta(weeks=week)
        build_digest(period=period_starting("weekly", first_day))
    from corridor.webhooks.models import Endpoint

    Endpoint.objects.bulk_create(
        Endpoint(
            owner=world.partner_a if i % 2 else world.board,
            organisation=world.org_a if i % 2 else None,
            url=f"https://hooks.example.org/{i}",
            event_types=["milestone.done"],
            secret=f"whsec_{i}",
        )
        for i in range(n)
    )
    world.populated_on = datetime.date.today()
