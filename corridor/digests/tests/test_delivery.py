import datetime
import threading

import pytest
from django.db import connections
from django.urls import reverse

from corridor.accounts.tests.factories import board_user
from corridor.accounts.tests.factories import partner_user
from corridor.digests import outbox
from corridor.digests import services
from corridor.digests.models import Delivery
from corridor.digests.models import Digest
from corridor.digests.models import Notification
from corridor.digests.periods import period_starting
from usecases.tests.factories import UseCaseFactory

from .conftest import html_part
from .conftest import text_part
from .scenario import at
from .scenario import frozen
from .scenario import move

WEEK = period_starting("weekly", datetime.date(2026, 3, 2))


@pytest.fixture
def eventful_week(org_a, intervention):
    """A use case of organisation A submitted in the week, by a partner user
    who reads no digest."""
    submitter = partner_user(org_a, username="submitter", digest_frequency="none")
    use_case = UseCaseFactory(
        title="Slimme haven", organisation=org_a, submitted_by=submitter, intervention=intervention
    )
    with frozen(at(2026, 3, 4)):
        move(use_case, "submitted", submitter)
    return use_case


@pytest.mark.django_db
def test_building_twice_returns_the_stored_digest(eventful_week):
    with frozen(at(2026, 3, 9, 7)):
        first = services.build_digest(period=WEEK)
        second = services.build_digest(period=WEEK)
    assert first.pk == second.pk
    assert Digest.objects.count() == 1
    assert "Slimme haven" in first.text
    assert "Slimme haven" in first.html


@pytest.mark.django_db
def test_force_rebuilds_an_unsent_digest_but_never_a_sent_one(eventful_week, board, mailbox):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
    Digest.objects.filter(pk=digest.pk).update(text="stale")
    with frozen(at(2026, 3, 9, 8)):
        rebuilt = services.build_digest(period=WEEK, force=True)
    assert rebuilt.pk == digest.pk
    assert "Slimme haven" in rebuilt.text

    (delivery_id,) = services.create_deliveries(digest=rebuilt)
    assert outbox.send(Delivery, delivery_id) == "sent"
    with pytest.raises(services.DigestLocked):
        services.build_digest(period=WEEK, force=True)
    assert Digest.objects.get(pk=digest.pk).sent_at is not None


@pytest.mark.django_db
def test_board_gets_the_whole_digest_and_partners_their_part(
    eventful_week, board, partner_a, partner_b, reviewer, mailbox
):
    from corridor.accounts.tests.factories import UserFactory

    UserFactory(username="none", digest_frequency="none", roles=["board"])
    UserFactory(username="daily", digest_frequency="daily", roles=["board"])
    UserFactory(username="gone", is_active=False, roles=["board"])
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
        ids = services.create_deliveries(digest=digest)
    recipients = {d.recipient.username: d for d in Delivery.objects.select_related("recipient")}
    assert set(recipients) == {"board", "partner-a", "partner-b"}
    assert recipients["board"].organisation_id is None
    assert recipients["partner-a"].organisation_id == partner_a.organisation_id
    assert services.create_deliveries(digest=digest) == ids  # idempotent

    for delivery_id in ids:
        assert outbox.send(Delivery, delivery_id) == "sent"
    (to_a,) = mailbox.to(partner_a.email)
    (to_b,) = mailbox.to(partner_b.email)
    assert "Slimme haven" in text_part(to_a)
    assert "Slimme haven" not in text_part(to_b)
    assert partner_b.organisation.name in to_b["Subject"]


@pytest.mark.django_db
def test_each_recipient_reads_the_digest_in_their_own_language(eventful_week, mailbox):
    dutch = board_user(username="nl-board", language="nl")
    english = board_user(username="en-board", language="en")
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
        for delivery_id in services.create_deliveries(digest=digest):
            outbox.send(Delivery, delivery_id)
    (nl_mail,) = mailbox.to(dutch.email)
    (en_mail,) = mailbox.to(english.email)
    assert "Weekly digest March 2, 2026 – March 8, 2026" in en_mail["Subject"]
    assert "Slimme haven (Gemeente Almere), March 4, 2026" in text_part(en_mail)
    assert 'lang="en"' in html_part(en_mail)
    assert "Slimme haven (Gemeente Almere), 4 maart 2026" in text_part(nl_mail)
    assert 'lang="nl"' in html_part(nl_mail)


@pytest.mark.django_db
def test_a_quiet_period_says_so_in_one_line(intervention, board):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
    from corridor.digests.rendering import render_digest

    text = render_digest(digest.data, language="en").text
    assert "A quiet period: nothing changed." in text
    assert "==" not in text  # no sections


@pytest.mark.django_db
def test_sending_twice_sends_one_email(eventful_week, board, mailbox):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
    (delivery_id,) = services.create_deliveries(digest=digest)
    assert outbox.send(Delivery, delivery_id) == "sent"
    assert outbox.send(Delivery, delivery_id) == "skipped"
    outbox.sweep()
    assert len(mailbox.to(board.email)) == 1
    message = mailbox.to(board.email)[0]
    assert message.is_multipart()
    assert {part.get_content_type() for part in message.iter_parts()} == {
        "text/plain",
        "text/html",
    }


@pytest.mark.django_db(transaction=True)
def test_two_senders_racing_for_a_delivery_send_one_email(mailbox):
    board = board_user(username="racing-board")
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
    (delivery_id,) = services.create_deliveries(digest=digest)
    mailbox.hold_seconds = 0.3  # a slow server: both senders overlap
    barrier = threading.Barrier(4)
    outcomes = []

    def sender():
        try:
            barrier.wait()
            outcomes.append(outbox.send(Delivery, delivery_id))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped"]
    assert len(mailbox.to(board.email)) == 1


@pytest.mark.django_db
def test_an_unreachable_server_is_retried_with_backoff_then_failed_visibly(
    eventful_week, board, unreachable_smtp, settings, admin_client
):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
        services.create_deliveries(digest=digest)
        delivery_id = Delivery.objects.get(recipient=board).pk
        assert outbox.send(Delivery, delivery_id) == "pending"
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.attempts == 1
    assert "ConnectionRefusedError" in delivery.last_error
    first_retry = delivery.next_attempt_at

    moment = at(2026, 3, 9, 7)
    waits = []
    for _attempt in range(2, settings.CORRIDOR_MAIL_MAX_ATTEMPTS + 1):
        delivery.refresh_from_db()
        with frozen(delivery.next_attempt_at - datetime.timedelta(seconds=1)):
            assert outbox.sweep()["skipped"] + outbox.sweep()["sent"] == 0
        waits.append(delivery.next_attempt_at - moment)
        moment = delivery.next_attempt_at
        with frozen(moment):
            outbox.sweep()
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert delivery.attempts == 6
    assert first_retry == at(2026, 3, 9, 7, 2)
    assert [round(w.total_seconds() / 60) for w in waits] == [2, 4, 8, 16, 32]
    assert delivery.failed_at - at(2026, 3, 9, 7) < datetime.timedelta(hours=1, minutes=5)

    # Visible in the admin …
    response = admin_client.get(reverse("admin:digests_delivery_changelist") + "?status=failed")
    assert response.status_code == 200
    assert board.email in response.content.decode()

    # … and in the footer of the next digest.
    next_week = period_starting("weekly", datetime.date(2026, 3, 9))
    with frozen(at(2026, 3, 16, 7)):
        following = services.build_digest(period=next_week)
    assert following.data["failures"]["delivery"]["count"] == 1
    assert board.email in following.text
    assert "ConnectionRefusedError" in following.text


@pytest.mark.django_db
def test_an_interrupted_send_is_failed_by_the_sweep_not_sent_again(
    eventful_week, board, mailbox, settings
):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
        (delivery_id,) = services.create_deliveries(digest=digest)
        assert outbox.claim(Delivery, delivery_id)  # the sender then died
    lease = datetime.timedelta(seconds=settings.CORRIDOR_SEND_LEASE_SECONDS)
    with frozen(at(2026, 3, 9, 7) + lease - datetime.timedelta(seconds=1)):
        assert outbox.sweep()["interrupted"] == 0
    with frozen(at(2026, 3, 9, 7) + lease + datetime.timedelta(seconds=1)):
        assert outbox.sweep()["interrupted"] == 1
    delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.status == "failed"
    assert delivery.last_error  # says it was interrupted, in the default language
    assert mailbox.to(board.email) == []


@pytest.mark.django_db
def test_admin_retry_puts_failed_emails_back_in_the_queue(eventful_week, board, mailbox):
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
        (delivery_id,) = services.create_deliveries(digest=digest)
    Delivery.objects.filter(pk=delivery_id).update(
        status="failed", attempts=6, failed_at=at(2026, 3, 9, 8)
    )
    assert outbox.retry(Delivery.objects.all()) == 1
    outbox.sweep()
    assert len(mailbox.to(board.email)) == 1
    assert Delivery.objects.get(pk=delivery_id).status == "sent"


@pytest.mark.django_db
def test_a_partner_without_organisation_part_gets_no_copy(intervention, org_a):
    partner = partner_user(org_a, username="late-partner")
    with frozen(at(2026, 3, 9, 7)):
        digest = services.build_digest(period=WEEK)
    digest.data["organisations"] = {}
    digest.save()
    services.create_deliveries(digest=digest)
    assert not Delivery.objects.filter(recipient=partner).exists()


@pytest.mark.django_db
def test_notifications_have_no_rows_for_users_without_address(partner_a, org_a, intervention):
    partner_user(org_a, username="no-address", email="")
    use_case = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
    move(use_case, "submitted", partner_a)
    assert list(Notification.objects.values_list("email", flat=True)) == [partner_a.email]
