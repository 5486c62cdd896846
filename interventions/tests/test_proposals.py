"""Co-owners propose changes to the joint agenda; the Board decides."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from coalitions.tests.factories import OrganisationFactory
from corridor.accounts.tests.factories import partner_user
from corridor.digests.models import ProposalNotification
from interventions import policies
from interventions import services
from interventions.joint import Proposal
from interventions.joint_services import conflicting_fields
from interventions.joint_services import latest_version
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint(board, reviewer, partner_a, partner_b, org_a, org_b, intervention):
    """Organisation A co-owns the intervention; B co-owns another one."""
    other = InterventionFactory(number=2)
    services.name_co_owner(
        intervention=intervention,
        organisation=org_a,
        started=datetime.date(2025, 1, 1),
        actor=board,
    )
    services.name_co_owner(
        intervention=other, organisation=org_b, started=datetime.date(2025, 1, 1), actor=board
    )
    return intervention


def propose(user, intervention, text="## Agenda\n\nSamen met Almere.", **extra):
    return services.submit_proposal(
        actor=user,
        intervention=intervention,
        changes={"agenda": text},
        reason="Afgestemd met de gemeente.",
        **extra,
    )


def test_only_users_of_a_current_co_owner_may_propose(joint, board, reviewer, partner_a, partner_b):
    assert propose(partner_a, joint).status == Proposal.Status.OPEN
    for user in (partner_b, reviewer, board):
        with pytest.raises(PermissionDenied):
            propose(user, joint)
    outsider = partner_user(OrganisationFactory(slug="buiten"))
    with pytest.raises(PermissionDenied):
        propose(outsider, joint)


def test_an_ended_co_ownership_gives_no_rights(joint, board, partner_a):
    co_ownership = joint.co_ownerships.get()
    services.end_co_ownership(
        co_ownership=co_ownership, ended=datetime.date(2025, 6, 1), actor=board
    )
    with pytest.raises(PermissionDenied):
        propose(partner_a, joint)


def test_who_sees_and_comments_on_proposals(joint, board, reviewer, partner_a, partner_b):
    proposal = propose(partner_a, joint)
    colleague = partner_user(partner_a.organisation, username="collega")
    assert set(policies.proposals_visible_to(board)) == {proposal}
    assert set(policies.proposals_visible_to(colleague)) == {proposal}
    for user in (partner_b, reviewer, None):
        assert not policies.proposals_visible_to(user).exists()
    services.comment_on_proposal(proposal=proposal, actor=colleague, body="Eens.")
    services.comment_on_proposal(proposal=proposal, actor=board, body="Dank.")
    for user in (partner_b, reviewer):
        with pytest.raises(PermissionDenied):
            services.comment_on_proposal(proposal=proposal, actor=user, body="Ik ook.")
    assert proposal.comments.count() == 2


def test_a_proposal_must_change_something_and_give_a_reason(joint, partner_a):
    with pytest.raises(ValidationError):
        propose(partner_a, joint, text=joint.agenda)
    with pytest.raises(ValidationError):
        services.submit_proposal(
            actor=partner_a, intervention=joint, changes={"agenda": "Nieuw"}, reason=" "
        )
    with pytest.raises(ValidationError):
        services.submit_proposal(
            actor=partner_a, intervention=joint, changes={"title_nl": "X"}, reason="Waarom"
        )


def test_acceptance_makes_the_next_version_crediting_the_proposer(joint, board, partner_a):
    proposal = propose(partner_a, joint)
    before = joint.history.count()
    decided = services.decide_proposal(
        proposal=proposal, actor=board, outcome="accepted", reason="Goed voorstel."
    )
    joint.refresh_from_db()
    assert joint.agenda == "## Agenda\n\nSamen met Almere."
    assert joint.history.count() == before + 1
    newest = joint.history.order_by("-history_id").first()
    assert decided.accepted_version == newest.history_id
    assert partner_a.get_full_name() in newest.history_change_reason
    assert str(partner_a.organisation) in newest.history_change_reason
    assert decided.status == Proposal.Status.ACCEPTED
    with pytest.raises(ValidationError):
        services.decide_proposal(proposal=decided, actor=board, outcome="declined", reason="Nee")


def test_an_action_line_proposal_changes_only_its_fields(joint, board, partner_a, org_b):
    line = ActionLineFactory(intervention=joint, title="Talent", lead_organisation=org_b)
    proposal = services.submit_proposal(
        actor=partner_a,
        intervention=joint,
        action_line=line,
        changes={"title": "Talent MRA", "end_date": datetime.date(2028, 6, 30)},
        reason="Langer nodig.",
    )
    assert proposal.changes == {"title": "Talent MRA", "end_date": "2028-06-30"}
    services.decide_proposal(proposal=proposal, actor=board, outcome="accepted", reason="Ja.")
    line.refresh_from_db()
    assert (line.title, line.end_date) == ("Talent MRA", datetime.date(2028, 6, 30))
    with pytest.raises(ValidationError):
        services.submit_proposal(
            actor=partner_a,
            intervention=joint,
            action_line=line,
            changes={"end_date": "2020-01-01"},
            reason="Eerder klaar.",
        )


def test_a_proposal_on_an_older_version_conflicts_until_its_author_rebases(joint, board, partner_a):
    proposal = propose(partner_a, joint)
    services.update_agenda(intervention=joint, text="## Agenda\n\nBoard schreef.", actor=board)
    assert conflicting_fields(proposal) == ["agenda"]
    with pytest.raises(ValidationError):
        services.decide_proposal(proposal=proposal, actor=board, outcome="accepted", reason="Ja")
    colleague = partner_user(partner_a.organisation, username="collega")
    with pytest.raises(PermissionDenied):
        services.revise_proposal(proposal=proposal, actor=colleague, rebase=True)
    rebased = services.revise_proposal(
        proposal=proposal,
        actor=partner_a,
        rebase=True,
        changes={"agenda": "## Agenda\n\nBoard schreef. Samen met Almere."},
        reason="Bijgewerkt.",
    )
    assert rebased.base_version == latest_version(joint)
    assert conflicting_fields(rebased) == []
    services.decide_proposal(proposal=rebased, actor=board, outcome="accepted", reason="Ja")
    joint.refresh_from_db()
    assert joint.agenda.endswith("Samen met Almere.")


def test_a_change_of_other_fields_is_no_conflict(joint, board, partner_a):
    proposal = propose(partner_a, joint)
    services.update_intervention(intervention=joint, actor=board, title_en="New title")
    assert proposal.base_version != latest_version(joint)
    assert conflicting_fields(proposal) == []


def test_asking_for_changes_then_revising_reopens(joint, board, partner_a):
    proposal = propose(partner_a, joint)
    asked = services.decide_proposal(
        proposal=proposal, actor=board, outcome="changes_requested", reason="Korter."
    )
    assert asked.status == Proposal.Status.CHANGES_REQUESTED and asked.is_open
    revised = services.revise_proposal(
        proposal=asked, actor=partner_a, changes={"agenda": "Kort."}, reason="Korter gemaakt."
    )
    assert revised.status == Proposal.Status.OPEN
    declined = services.decide_proposal(
        proposal=revised, actor=board, outcome="declined", reason="Past niet."
    )
    assert not declined.is_open
    with pytest.raises(PermissionDenied):
        services.revise_proposal(proposal=declined, actor=partner_a, changes={"agenda": "Nog"})


def test_the_board_is_told_of_a_proposal_and_the_proposer_of_each_decision_once(
    joint, board, partner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        proposal = propose(partner_a, joint)
    to_board = ProposalNotification.objects.filter(event__kind="submitted")
    assert list(to_board.values_list("recipient", flat=True)) == [board.pk]
    services.decide_proposal(
        proposal=proposal, actor=board, outcome="changes_requested", reason="Korter."
    )
    services.revise_proposal(proposal=proposal, actor=partner_a, changes={"agenda": "Kort."})
    services.decide_proposal(proposal=proposal, actor=board, outcome="accepted", reason="Ja.")
    decisions = ProposalNotification.objects.filter(
        event__kind__in=["changes_requested", "accepted"]
    )
    assert sorted(decisions.values_list("event__kind", "recipient")) == [
        ("accepted", partner_a.pk),
        ("changes_requested", partner_a.pk),
    ]
    # The revision goes to the Board, never back to its author.
    assert not ProposalNotification.objects.filter(recipient=partner_a, event__kind="revised")
    with pytest.raises(ValidationError):
        services.decide_proposal(proposal=proposal, actor=board, outcome="accepted", reason="Nog.")
    assert ProposalNotification.objects.filter(event__kind="accepted").count() == 1
