"""The proposal pages: who reaches them, the diff and the conflict, the decision."""

import datetime

import pytest
from django.urls import reverse

from interventions import services
from interventions.joint import Proposal
from interventions.tests.factories import ActionLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint(board, org_a, intervention):
    services.name_co_owner(
        intervention=intervention,
        organisation=org_a,
        started=datetime.date(2025, 1, 1),
        actor=board,
    )
    return intervention


def test_a_co_owner_proposes_through_the_page_and_sees_the_diff(client, joint, partner_a):
    client.force_login(partner_a)
    page = client.get(joint.get_absolute_url()).content.decode()
    assert reverse("interventions:agenda-propose", kwargs={"slug": joint.slug}) in page
    response = client.post(
        reverse("interventions:agenda-propose", kwargs={"slug": joint.slug}),
        {"agenda": "## Agenda\n\nEerste versie.\n\nMet Almere.", "reason": "Afgestemd."},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    detail = client.get(proposal.get_absolute_url()).content.decode()
    assert "<ins>Met Almere.</ins>" in detail
    assert (
        client.post(
            reverse("interventions:agenda-propose", kwargs={"slug": joint.slug}),
            {"agenda": joint.agenda, "reason": "Niets."},
        ).status_code
        == 400
    )


def test_others_never_reach_proposals(client, joint, partner_a, partner_b, reviewer):
    proposal = services.submit_proposal(
        actor=partner_a, intervention=joint, changes={"agenda": "Nieuw."}, reason="Waarom."
    )
    list_url = reverse("interventions:proposal-list", kwargs={"slug": joint.slug})
    assert client.get(proposal.get_absolute_url()).status_code == 302  # to log in
    for user in (partner_b, reviewer):
        client.force_login(user)
        assert client.get(proposal.get_absolute_url()).status_code == 404
        assert client.get(list_url).status_code == 403
        page = client.get(joint.get_absolute_url()).content.decode()
        assert list_url not in page
    client.logout()
    assert "Nieuw." not in client.get(joint.get_absolute_url()).content.decode()


def test_the_board_decides_on_the_page_and_a_conflict_is_shown(
    client, joint, board, partner_a, org_b
):
    line = ActionLineFactory(intervention=joint, title="Talent", lead_organisation=org_b)
    client.force_login(partner_a)
    url = reverse("interventions:action-line-propose", kwargs={"pk": line.pk})
    data = {
        "title": "Talent MRA",
        "description": line.description,
        "status": line.status,
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "reason": "Scherper.",
    }
    assert client.post(url, data).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.changes == {"title": "Talent MRA"}
    services.update_action_line(action_line=line, actor=board, title="Talent en scholing")
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "?rebase=1" in page and "<ins>Talent en scholing</ins>" in page
    client.force_login(board)
    decide = reverse("interventions:proposal-decide", kwargs={"pk": proposal.pk})
    client.post(decide, {"outcome": "accepted", "reason": "Ja."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN  # refused: in conflict
    client.force_login(partner_a)
    revise = reverse("interventions:proposal-revise", kwargs={"pk": proposal.pk})
    assert (
        client.post(revise, {**data, "title": "Talent en scholing MRA", "rebase": "1"}).status_code
        == 302
    )
    client.force_login(board)
    client.post(decide, {"outcome": "accepted", "reason": "Ja."})
    line.refresh_from_db()
    assert line.title == "Talent en scholing MRA"


def test_the_board_names_and_ends_co_owners_on_the_page(
    client, intervention, board, org_b, partner_b
):
    client.force_login(partner_b)
    add = reverse("interventions:co-owner-add", kwargs={"slug": intervention.slug})
    assert client.post(add, {"organisation": org_b.pk, "started": "2026-01-01"}).status_code == 403
    client.force_login(board)
    client.post(add, {"organisation": org_b.pk, "started": "2026-01-01"})
    co_ownership = intervention.co_ownerships.get()
    client.force_login(partner_b)
    assert (
        client.get(
            reverse("interventions:proposal-list", kwargs={"slug": intervention.slug})
        ).status_code
        == 200
    )
    client.force_login(board)
    client.post(reverse("interventions:co-owner-end", kwargs={"pk": co_ownership.pk}))
    co_ownership.refresh_from_db()
    assert co_ownership.ended is not None
