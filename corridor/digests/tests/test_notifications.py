import logging

import pytest
from django.db import transaction

from corridor.accounts.tests.factories import partner_user
from corridor.digests import outbox
from corridor.digests.models import Notification
from corridor.testing.workers import celery_broker
from usecases.models import UseCase
from usecases.tests.factories import UseCaseFactory

from .conftest import free_port
from .conftest import html_part
from .conftest import text_part
from .scenario import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(board, partner_a, org_a, intervention):
    use_case = UseCaseFactory(
        title="Zorgdata delen",
        organisation=org_a,
        submitted_by=partner_a,
        intervention=intervention,
    )
    move(use_case, "submitted", partner_a)
    move(use_case, "in_review", board)
    Notification.objects.all().delete()
    return use_case


def test_a_move_writes_one_notification_per_user_of_the_submitting_organisation(
    in_review, board, partner_a, partner_b, org_a
):
    colleague = partner_user(org_a, username="colleague", language="en")
    partner_user(org_a, username="former", is_active=False)
    change = move(in_review, "selected", board, "Sterke koppeling tussen MRA en Brainport")
    rows = Notification.objects.filter(status_change=change).order_by("recipient_id")
    assert [(n.recipient, n.language, n.status) for n in rows] == [
        (partner_a, "nl", "pending"),
        (colleague, "en", "pending"),
    ]


def test_the_notification_is_written_in_the_moves_transaction(in_review, board):
    with pytest.raises(RuntimeError), transaction.atomic():
        move(in_review, "selected", board, "Akkoord")
        assert Notification.objects.count() == 1
        raise RuntimeError("the request failed after the move")
    assert Notification.objects.count() == 0
    assert UseCase.objects.get(pk=in_review.pk).status == "in_review"


def test_after_commit_the_notification_reaches_the_smtp_server_with_the_reason(
    in_review, board, partner_a, org_a, mailbox, django_capture_on_commit_callbacks
):
    english = partner_user(org_a, username="english-partner", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        move(in_review, "declined", board, "Geen partner in Brainport.\nProbeer het opnieuw.")
    (dutch_mail,) = mailbox.to(partner_a.email)
    (english_mail,) = mailbox.to(english.email)
    assert "Zorgdata delen" in dutch_mail["Subject"]
    assert "Geen partner in Brainport." in text_part(dutch_mail)
    assert "Probeer het opnieuw." in html_part(dutch_mail)
    assert "“In review” to “Declined”" in text_part(english_mail)
    assert 'lang="nl"' in html_part(dutch_mail)
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    # Sent once: a second task or the sweep finds nothing to claim.
    for notification in Notification.objects.all():
        assert outbox.send(Notification, notification.pk) == "skipped"
    outbox.sweep()
    assert len(mailbox.messages) == 2


def test_with_the_broker_down_the_move_succeeds_and_the_sweep_sends_later(
    in_review, board, partner_a, mailbox, django_capture_on_commit_callbacks, caplog
):
    with (
        celery_broker(f"redis://127.0.0.1:{free_port()}/9"),
        caplog.at_level(logging.WARNING, logger="corridor.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        change = move(in_review, "selected", board, "Akkoord")
    assert UseCase.objects.get(pk=in_review.pk).status == "selected"
    assert "Could not enqueue digests.send_notification" in caplog.text
    notification = Notification.objects.get(status_change=change)
    assert notification.status == "pending"
    assert mailbox.messages == []

    outbox.sweep()
    assert len(mailbox.to(partner_a.email)) == 1
    notification.refresh_from_db()
    assert notification.status == "sent"
