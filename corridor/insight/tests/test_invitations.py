"""Matchmaking invites, it does not add: the invited organisation accepts or
declines in the portal (and hears of it by email, through the outbox); the
Board sees what is pending and may withdraw it (the undo)."""

import pytest
from django.core import mail
from django.urls import reverse

from corridor.digests.models import InvitationNotification
from usecases.models import PartnerInvitation
from usecases.tests.factories import UseCaseFactory

Status = PartnerInvitation.Status


@pytest.fixture
def use_case(org_a, partner_a, intervention):
    return UseCaseFactory(
        title="Slimme dijken",
        organisation=org_a,
        submitted_by=partner_a,
        intervention=intervention,
        needed_capabilities=["semicon"],
    )


@pytest.fixture
def invited(client, use_case, org_b, partner_b, board):
    client.force_login(board)
    client.post(
        reverse("insight:invite-partner", kwargs={"pk": use_case.pk}),
        {"organisation": org_b.slug},
    )
    return use_case.invitations.get()


def test_the_invited_organisation_is_emailed_through_the_outbox(
    django_capture_on_commit_callbacks, client, use_case, org_b, partner_b, board, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(board)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("insight:invite-partner", kwargs={"pk": use_case.pk}),
            {"organisation": org_b.slug},
        )
    invitation = use_case.invitations.get()
    assert invitation.status == Status.PENDING and invitation.invited_by == board
    row = InvitationNotification.objects.get()
    assert (row.invitation, row.recipient) == (invitation, partner_b)
    [message] = [m for m in mail.outbox if partner_b.email in m.to]
    assert "Slimme dijken" in message.subject
    assert "te accepteren of afwijzen" in message.body
    InvitationNotification.objects.update(status="sent")


def test_the_invited_partner_accepts_in_the_portal(client, invited, use_case, org_b, partner_b):
    client.force_login(partner_b)
    page = client.get(reverse("insight:invitations")).content.decode()
    assert "Slimme dijken" in page and 'value="accept"' in page
    response = client.post(
        reverse("insight:invitation-answer", kwargs={"pk": invited.pk}), {"answer": "accept"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == Status.ACCEPTED and invited.answered_by == partner_b
    assert list(use_case.partners.all()) == [org_b]
    assert use_case.history.latest("history_date").history_user == partner_b


def test_declining_adds_nothing(client, invited, use_case, partner_b):
    client.force_login(partner_b)
    client.post(
        reverse("insight:invitation-answer", kwargs={"pk": invited.pk}), {"answer": "decline"}
    )
    invited.refresh_from_db()
    assert invited.status == Status.DECLINED
    assert use_case.partners.count() == 0


def test_the_board_sees_it_pending_and_withdraws_it_on_the_page(
    client, invited, use_case, board, partner_b
):
    client.force_login(board)
    pending = client.get(reverse("insight:invitations")).content.decode()
    assert "Slimme dijken" in pending and "Wachtend" in pending
    detail = client.get(use_case.get_absolute_url()).content.decode()
    withdraw_url = reverse("insight:invitation-withdraw", kwargs={"pk": invited.pk})
    assert f'action="{withdraw_url}"' in detail
    assert client.post(withdraw_url).status_code == 302
    invited.refresh_from_db()
    assert invited.status == Status.WITHDRAWN
    assert "Slimme dijken" not in client.get(reverse("insight:invitations")).content.decode()
    # Withdrawn: it can no longer be accepted.
    client.force_login(partner_b)
    client.post(
        reverse("insight:invitation-answer", kwargs={"pk": invited.pk}), {"answer": "accept"}
    )
    assert use_case.partners.count() == 0


def test_only_the_invited_organisation_answers(client, invited, use_case, partner_a):
    client.force_login(partner_a)
    response = client.post(
        reverse("insight:invitation-answer", kwargs={"pk": invited.pk}), {"answer": "accept"}
    )
    assert response.status_code == 404
    assert use_case.partners.count() == 0


def test_inviting_twice_is_refused_while_pending(client, invited, use_case, org_b, board):
    client.force_login(board)
    client.post(
        reverse("insight:invite-partner", kwargs={"pk": use_case.pk}),
        {"organisation": org_b.slug},
    )
    assert use_case.invitations.count() == 1
