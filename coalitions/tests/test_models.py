import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import ProtectedError

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = datetime.date(2026, 11, 27)


def test_organisation_slug_is_unique_in_the_database(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            name="Ander", slug=org_a.slug, kind="company", region=org_a.region
        )


def test_one_open_membership_per_organisation_per_coalition(org_a):
    coalition = CoalitionFactory()
    MembershipFactory(coalition=coalition, organisation=org_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            coalition=coalition, organisation=org_a, joined=datetime.date(2025, 3, 1)
        )


def test_an_ended_membership_allows_rejoining(org_a):
    coalition = CoalitionFactory()
    MembershipFactory(coalition=coalition, organisation=org_a, left=datetime.date(2025, 6, 1))
    MembershipFactory(coalition=coalition, organisation=org_a, joined=datetime.date(2025, 7, 1))
    assert coalition.memberships.count() == 2


def test_membership_left_before_joined_is_refused_by_the_database(org_a):
    coalition = CoalitionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            coalition=coalition,
            organisation=org_a,
            joined=datetime.date(2025, 3, 1),
            left=datetime.date(2025, 2, 1),
        )


def test_membership_left_before_joined_is_a_validation_error_naming_the_field(org_a):
    membership = Membership(
        coalition=CoalitionFactory(),
        organisation=org_a,
        joined=datetime.date(2025, 3, 1),
        left=datetime.date(2025, 2, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert "left" in excinfo.value.message_dict


def test_unknown_capability_code_is_refused_naming_the_code(org_a):
    org_a.capabilities = ["ai", "quantum"]
    with pytest.raises(ValidationError) as excinfo:
        org_a.full_clean()
    assert "quantum" in excinfo.value.message_dict["capabilities"][0]


def test_unknown_kind_is_refused(org_a):
    org_a.kind = "club"
    with pytest.raises(ValidationError) as excinfo:
        org_a.full_clean()
    assert "kind" in excinfo.value.message_dict


def test_deleting_an_organisation_with_memberships_is_refused(org_a):
    MembershipFactory(organisation=org_a)
    with pytest.raises(ProtectedError):
        org_a.delete()


def test_deleting_a_region_with_organisations_is_refused(org_a):
    with pytest.raises(ProtectedError):
        org_a.region.delete()


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


@pytest.mark.parametrize(
    ("region_slugs", "expected"),
    [
        (("mra", "brainport"), "corridor"),
        (("mra", "brainport", "utrecht"), "corridor"),
        (("mra", "mra"), "mra"),
        (("brainport",), "brainport"),
        (("mra", "utrecht"), "multi_region"),
        (("twente", "utrecht"), "multi_region"),
        ((), None),
    ],
)
def test_coalition_scope_is_derived_from_current_members_regions(region_slugs, expected):
    regions = [RegionFactory(slug=slug) for slug in region_slugs]
    coalition = _coalition_with(*regions)
    assert Coalition.objects.with_scope(on=TODAY).get(pk=coalition.pk).scope == expected


def test_a_member_who_left_no_longer_counts_for_the_scope(region_mra, region_brainport):
    coalition = _coalition_with(region_mra, region_brainport, left=datetime.date(2026, 6, 1))
    scoped = Coalition.objects.with_scope
    assert scoped(on=datetime.date(2026, 5, 1)).get(pk=coalition.pk).scope == "corridor"
    assert scoped(on=TODAY).get(pk=coalition.pk).scope == "mra"


def test_forming_coalitions_are_hidden_except_from_board_and_members(
    org_a, partner_a, partner_b, board, reviewer
):
    forming = CoalitionFactory(status="forming")
    MembershipFactory(coalition=forming, organisation=org_a)
    active = CoalitionFactory(status="active")
    from django.contrib.auth.models import AnonymousUser

    def visible(user):
        return set(Coalition.objects.visible_to(user))

    assert visible(AnonymousUser()) == {active}
    assert visible(reviewer) == {active}
    assert visible(partner_b) == {active}
    assert visible(partner_a) == {active, forming}
    assert visible(board) == {active, forming}


def test_scope_costs_one_query_for_any_number_of_coalitions(
    django_assert_num_queries, region_mra, region_brainport
):
    for _ in range(30):
        _coalition_with(region_mra, region_brainport)
    with django_assert_num_queries(1):
        scopes = [c.scope for c in Coalition.objects.with_scope(on=TODAY)]
    assert scopes == ["corridor"] * 30


def test_membership_changes_are_kept_in_history(org_a, board):
    from coalitions.services import add_membership
    from coalitions.services import end_membership

    coalition = CoalitionFactory()
    membership = add_membership(coalition=coalition, organisation=org_a, actor=board)
    end_membership(membership=membership, actor=board, left=membership.joined)
    records = list(membership.history.order_by("history_date"))
    assert [r.left for r in records] == [None, membership.joined]
    assert all(r.history_user == board for r in records)


def test_adding_a_second_open_membership_is_a_clear_error(org_a, board):
    from coalitions.services import add_membership

    coalition = CoalitionFactory()
    add_membership(coalition=coalition, organisation=org_a, actor=board)
    with pytest.raises(ValidationError) as excinfo:
        add_membership(coalition=coalition, organisation=org_a, actor=board)
    assert "open membership" in str(excinfo.value)
