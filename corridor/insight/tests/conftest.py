"""Helpers to craft corridor history at chosen past dates."""

import datetime

import pytest
from django.utils import timezone

from coalitions.models import Coalition
from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.accounts.tests.factories import partner_user
from interventions.tests.factories import InterventionFactory
from usecases.models import UseCase
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory

PATH = {
    "submitted": ["submitted"],
    "in_review": ["submitted", "in_review"],
    "selected": ["submitted", "in_review", "selected"],
    "in_execution": ["submitted", "in_review", "selected", "in_execution"],
}


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def backdate(obj, day: datetime.date) -> None:
    """Date every history row of ``obj`` so far (and its m2m snapshots) at ``day``."""
    type(obj).history.model.objects.filter(id=obj.pk).update(history_date=moment(day))


def change_coalition_status(coalition: Coalition, status: str, day: datetime.date) -> None:
    coalition.status = status
    coalition._history_date = moment(day)
    coalition.save()


def move(use_case: UseCase, status: str, day: datetime.date, *, board) -> None:
    """Move ``use_case`` along the workflow to ``status``, every step on ``day``."""
    submitter = partner_user(use_case.organisation)
    for target in PATH[status]:
        actor = submitter if target == "submitted" else board
        transition_use_case(
            use_case=use_case, to=target, actor=actor, reason="Besluit", when=moment(day)
        )


@pytest.fixture
def corridor(db, board, region_mra, region_brainport, intervention):
    """A small corridor with a known history; see ``test_index`` for the hand counts."""
    utrecht = RegionFactory(slug="utrecht", name="Regio Utrecht")
    second = InterventionFactory(number=2, slug="slimme-systemen")
    orgs = {
        "m1": OrganisationFactory(slug="m1", name="MRA Een", region=region_mra),
        "m2": OrganisationFactory(slug="m2", name="MRA Twee", region=region_mra),
        "b1": OrganisationFactory(slug="b1", name="Brainport Een", region=region_brainport),
        "b2": OrganisationFactory(slug="b2", name="Brainport Twee", region=region_brainport),
        "u1": OrganisationFactory(slug="u1", name="Utrecht Een", region=utrecht),
    }
    d = datetime.date

    def coalition(slug, status, interventions, created, members):
        c = CoalitionFactory(slug=slug, status=status, interventions=interventions)
        backdate(c, created)
        for org, joined, left in members:
            MembershipFactory(coalition=c, organisation=orgs[org], joined=joined, left=left)
        return c

    coalitions = {
        # Its Brainport member leaves on 15 June 2025.
        "c1": coalition(
            "c1",
            "active",
            [intervention],
            d(2025, 1, 1),
            [("m1", d(2025, 1, 10), None), ("b1", d(2025, 2, 1), d(2025, 6, 15))],
        ),
        "c2": coalition(
            "c2",
            "active",
            [second],
            d(2025, 1, 1),
            [("m2", d(2025, 1, 5), None), ("b2", d(2025, 1, 5), None)],
        ),
        # Forming until 1 May 2025, then active; never both poles.
        "c3": coalition(
            "c3",
            "forming",
            [intervention],
            d(2025, 1, 1),
            [("m1", d(2025, 1, 1), None), ("u1", d(2025, 1, 1), None)],
        ),
        # Founded 1 April 2025, Brainport only.
        "c4": coalition(
            "c4",
            "active",
            [intervention],
            d(2025, 4, 1),
            [("b1", d(2025, 4, 1), None), ("b2", d(2025, 4, 1), None)],
        ),
    }
    change_coalition_status(coalitions["c3"], "active", d(2025, 5, 1))

    def use_case(title, target, org, partners, status, day):
        uc = UseCaseFactory(
            title=title,
            intervention=target,
            organisation=orgs[org],
            partners=[orgs[p] for p in partners],
        )
        backdate(uc, d(2025, 1, 2))
        move(uc, status, day, board=board)
        return uc

    use_cases = {
        "u1": use_case("Corridor", intervention, "m1", ["b1"], "selected", d(2025, 3, 1)),
        "u2": use_case("Alleen Brainport", second, "b2", [], "selected", d(2025, 4, 1)),
        "u3": use_case("In beoordeling", intervention, "m2", ["b2"], "in_review", d(2025, 2, 1)),
        "u4": use_case("Utrecht en MRA", intervention, "u1", ["m1"], "selected", d(2025, 2, 15)),
    }
    return {
        "orgs": orgs,
        "coalitions": coalitions,
        "use_cases": use_cases,
        "interventions": (intervention, second),
    }
