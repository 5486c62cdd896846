import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import translation

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from coalitions.tests.factories import RegionFactory
from corridor.insight.matchmaking import join_words
from corridor.insight.matchmaking import suggest_partners
from corridor.insight.matchmaking.services import invite_partner
from interventions.tests.factories import InterventionFactory
from usecases.tests.factories import UseCaseFactory


@pytest.fixture
def candidates(region_mra, region_brainport, intervention):
    other = InterventionFactory(number=3, slug="infra")
    orgs = {
        "bp_full": OrganisationFactory(
            name="Photonics Fab", region=region_brainport, capabilities=["semicon", "photonics"]
        ),
        "bp_part": OrganisationFactory(
            name="Lichtlab", region=region_brainport, capabilities=["photonics", "xr"]
        ),
        "mra_full": OrganisationFactory(
            name="Amsterdam Chips", region=region_mra, capabilities=["photonics", "semicon"]
        ),
        "mra_none": OrganisationFactory(name="Data Huis", region=region_mra, capabilities=["ai"]),
        "utrecht": OrganisationFactory(
            name="Utrecht Foton",
            region=RegionFactory(slug="utrecht", name="Regio Utrecht"),
            capabilities=["photonics", "semicon"],
        ),
    }
    day = datetime.date(2025, 1, 1)
    for status in ("active", "active", "forming"):
        MembershipFactory(
            coalition=CoalitionFactory(status=status, interventions=[intervention]),
            organisation=orgs["bp_full"],
            joined=day,
        )
    MembershipFactory(
        coalition=CoalitionFactory(status="active", interventions=[other]),
        organisation=orgs["bp_full"],
        joined=day,
    )
    MembershipFactory(
        coalition=CoalitionFactory(status="active", interventions=[intervention]),
        organisation=orgs["bp_part"],
        joined=day,
        left=datetime.date(2025, 6, 1),
    )
    return orgs


@pytest.fixture
def use_case(org_a, org_b, partner_a, intervention):
    return UseCaseFactory(
        organisation=org_a,
        submitted_by=partner_a,
        intervention=intervention,
        needed_capabilities=["semicon", "photonics"],
        partners=[org_b],
    )


def test_ranking_prefers_the_other_pole_then_coverage(use_case, candidates):
    names = [s.organisation.name for s in suggest_partners(use_case=use_case)]
    # Brainport first (the submitter is in the MRA), full coverage before partial;
    # then the rest by coverage. Data Huis covers nothing; Brainport Development
    # is already a partner and Gemeente Almere the submitter.
    assert names == ["Photonics Fab", "Lichtlab", "Amsterdam Chips", "Utrecht Foton"]


def test_submitter_from_brainport_gets_mra_first(org_b, intervention, candidates):
    use_case = UseCaseFactory(
        organisation=org_b, intervention=intervention, needed_capabilities=["semicon"]
    )
    names = [s.organisation.name for s in suggest_partners(use_case=use_case)]
    assert names == ["Amsterdam Chips", "Photonics Fab", "Utrecht Foton"]


def test_reason_names_capabilities_region_and_coalitions(use_case, candidates):
    with translation.override("en"):
        first, second = suggest_partners(use_case=use_case)[:2]
        assert first.reason == (
            "brings Semiconductors and Photonics from Brainport Eindhoven; "
            "in 2 coalitions on this intervention"
        )
        # Lichtlab left its coalition: no coalition clause.
        assert second.reason == "brings Photonics from Brainport Eindhoven"


def test_organisations_already_involved_are_excluded(use_case, candidates, org_a, org_b):
    use_case.partners.add(candidates["bp_full"])
    ids = {s.organisation.pk for s in suggest_partners(use_case=use_case)}
    assert not ids & {org_a.pk, org_b.pk, candidates["bp_full"].pk}
    assert candidates["bp_part"].pk in ids


def test_no_needed_capabilities_means_no_suggestions(org_a, intervention, candidates):
    use_case = UseCaseFactory(organisation=org_a, intervention=intervention, needed_capabilities=[])
    assert suggest_partners(use_case=use_case) == []


def test_suggestions_cost_few_queries(use_case, candidates, django_assert_max_num_queries):
    for n in range(30):
        OrganisationFactory(name=f"Extra {n}", capabilities=["semicon"])
    with django_assert_max_num_queries(3):
        assert len(suggest_partners(use_case=use_case, limit=None)) == 34


def test_join_words():
    with translation.override("en"):
        assert join_words([]) == ""
        assert join_words(["a"]) == "a"
        assert join_words(["a", "b", "c"]) == "a, b and c"


def test_board_invites_a_suggested_organisation_which_accepts_with_history(
    use_case, candidates, board
):
    from corridor.accounts.tests.factories import partner_user
    from usecases.invitations import answer_invitation

    invitation = invite_partner(use_case=use_case, organisation=candidates["bp_full"], actor=board)
    assert not use_case.partners.filter(pk=candidates["bp_full"].pk).exists()
    invited = partner_user(candidates["bp_full"], username="fab")
    answer_invitation(invitation=invitation, actor=invited, accept=True)
    assert use_case.partners.filter(pk=candidates["bp_full"].pk).exists()
    latest = use_case.history.latest("history_date")
    assert latest.history_user == invited
    assert candidates["bp_full"].pk in {row.organisation_id for row in latest.partners.all()}


def test_only_the_board_invites(use_case, candidates, partner_a):
    with pytest.raises(PermissionDenied):
        invite_partner(use_case=use_case, organisation=candidates["bp_full"], actor=partner_a)
    assert not use_case.partners.filter(pk=candidates["bp_full"].pk).exists()


def test_inviting_an_involved_organisation_is_refused(use_case, org_a, org_b, board):
    for organisation in (org_a, org_b):
        with pytest.raises(ValidationError):
            invite_partner(use_case=use_case, organisation=organisation, actor=board)
    assert list(use_case.partners.all()) == [org_b]
