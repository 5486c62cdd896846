import datetime

import pytest

from coalitions.models import Coalition
from coalitions.selectors import scopes_of
from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)
REGION_MIXES = [
    ("mra", "brainport"),
    ("mra", "brainport", "utrecht"),
    ("mra", "mra"),
    ("brainport",),
    ("mra", "utrecht"),
    ("twente", "utrecht"),
    (),
]


def _regions():
    return {slug: RegionFactory(slug=slug) for slug in ("mra", "brainport", "utrecht", "twente")}


def _coalition_with(*regions, left=None):
    coalition = CoalitionFactory()
    for index, region in enumerate(regions):
        MembershipFactory(
            coalition=coalition,
            organisation=OrganisationFactory(region=region),
            joined=datetime.date(2025, 1, 1),
            left=left if index == len(regions) - 1 else None,
        )
    return coalition


def test_scopes_of_a_page_agree_with_the_annotation():
    regions = _regions()
    coalitions = [_coalition_with(*(regions[s] for s in mix)) for mix in REGION_MIXES]
    # One who left: counted before, not after.
    coalitions.append(
        _coalition_with(regions["mra"], regions["brainport"], left=datetime.date(2026, 6, 1))
    )
    ids = [c.pk for c in coalitions]
    for on in (datetime.date(2026, 5, 1), TODAY):
        annotated = dict(Coalition.objects.with_scope(on=on).values_list("pk", "scope"))
        assert scopes_of(ids, on=on) == {pk: annotated[pk] for pk in ids}
    assert scopes_of(ids, on=TODAY)[ids[-1]] == "mra"


def test_scopes_of_a_page_cost_one_query(django_assert_num_queries):
    regions = _regions()
    ids = [_coalition_with(regions["mra"], regions["brainport"]).pk for _ in range(30)]
    with django_assert_num_queries(1):
        scopes = scopes_of(ids, on=TODAY)
    assert set(scopes.values()) == {"corridor"}
