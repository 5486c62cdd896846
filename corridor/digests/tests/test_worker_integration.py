"""A real Redis and real Celery worker processes, started by the tests.

The worker reads the test database (committed rows: ``transaction=True``) and
sends to an SMTP server on loopback. Each test is bounded by timeouts of a few
seconds per step.
"""

import datetime
import time

import pytest
import redis
from django.conf import settings

from corridor.accounts.tests.factories import board_user
from corridor.accounts.tests.factories import partner_user
from corridor.digests import services
from corridor.digests.models import Delivery
from corridor.digests.models import Digest
from corridor.digests.models import Notification
from corridor.digests.periods import last_complete_period
from corridor.digests.tasks import send_delivery_task
from corridor.digests.tasks import sweep_outbox_task
from corridor.testing.workers import BROKER_URL
from corridor.testing.workers import STEP_TIMEOUT
from corridor.testing.workers import Workers
from corridor.testing.workers import celery_broker
from corridor.testing.workers import empty_broker
from corridor.testing.workers import log_of as _log
from corridor.testing.workers import wait_until
from usecases.models import UseCase
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory

from .conftest import free_port
from .conftest import text_part

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def broker():
    with empty_broker() as app:
        yield app


@pytest.fixture
def workers(smtp_server, tmp_path):
    _mailbox, port = smtp_server
    pool = Workers(
        tmp_path,
        settings_module="corridor.testing.worker_settings",
        env={"EMAIL_URL": f"smtp://127.0.0.1:{port}", "EMAIL_TIMEOUT": "20"},
    )
    yield pool
    pool.stop_all()


@pytest.fixture
def smtp(smtp_server):
    return smtp_server[0]


def test_beats_weekly_digest_task_runs_end_to_end_on_a_worker(broker, workers, smtp, org_a):
    board = board_user(username="integration-board")
    partner = partner_user(org_a, username="integration-partner")
    period = last_complete_period("weekly")
    use_case = UseCaseFactory(title="Quantumnetwerk", organisation=org_a, submitted_by=partner)
    transition_use_case(
        use_case=use_case,
        to="submitted",
        actor=partner,
        when=period.start + datetime.timedelta(days=2),
    )
    Notification.objects.update(status="sent")  # not what this test is about

    worker = workers.start()
    entry = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]
    broker.send_task(entry["task"], args=entry["args"], **entry["options"])

    assert smtp.wait_for(2, timeout=STEP_TIMEOUT), _log(worker)
    (to_board,) = smtp.to(board.email)
    (to_partner,) = smtp.to(partner.email)
    assert "Quantumnetwerk" in text_part(to_board)
    assert "Quantumnetwerk" in text_part(to_partner)
    digest = Digest.objects.get()
    assert (digest.frequency, digest.period_start, digest.period_end) == (
        "weekly",
        period.start,
        period.end,
    )
    assert wait_until(lambda: digest.deliveries.filter(status="sent").count() == 2)
    assert wait_until(lambda: Digest.objects.get().sent_at is not None)


def test_a_worker_killed_mid_send_and_restarted_sends_no_duplicate(broker, workers, smtp):
    board = board_user(username="kill-board")
    digest = services.build_digest(period=last_complete_period("weekly"))
    (delivery_id,) = services.create_deliveries(digest=digest)

    smtp.hold_seconds = 15  # the message is in; the server has not answered yet
    first = workers.start()
    send_delivery_task.delay(delivery_id)
    assert smtp.received.wait(timeout=STEP_TIMEOUT), _log(first)
    workers.kill(first)
    smtp.hold_seconds = 0
    assert Delivery.objects.get(pk=delivery_id).status == "sending"

    # The unacknowledged task is handed to the restarted worker, which finds
    # the delivery claimed and sends nothing.
    second = workers.start()
    assert wait_until(lambda: "'skipped'" in _log(second)), _log(second)
    assert len(smtp.to(board.email)) == 1

    # The restarted worker is healthy: other work still goes out.
    other = board_user(username="kill-board-2")
    (other_id,) = [
        pk
        for pk in services.create_deliveries(digest=digest)
        if Delivery.objects.get(pk=pk).recipient_id == other.pk
    ]
    send_delivery_task.delay(other_id)
    assert wait_until(lambda: len(smtp.to(other.email)) == 1), _log(second)
    assert len(smtp.to(board.email)) == 1


def test_a_move_while_redis_is_unreachable_is_announced_once_it_is_back(
    workers, smtp, org_a, board
):
    partner = partner_user(org_a, username="outage-partner")
    use_case = UseCaseFactory(title="Drone-inspectie", organisation=org_a, submitted_by=partner)
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    client.flushdb()

    with celery_broker(f"redis://127.0.0.1:{free_port()}/9"):
        started = time.monotonic()
        change = transition_use_case(use_case=use_case, to="submitted", actor=partner)
        assert time.monotonic() - started < 5
    assert UseCase.objects.get(pk=use_case.pk).status == "submitted"
    notification = Notification.objects.get(status_change=change)
    assert notification.status == "pending"

    # Redis is back: beat's sweep runs on a worker and sends what waited.
    worker = workers.start()
    with celery_broker(BROKER_URL):
        entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
        sweep_outbox_task.apply_async(**entry["options"])
        assert wait_until(lambda: len(smtp.to(partner.email)) == 1), _log(worker)
        assert wait_until(lambda: Notification.objects.get(pk=notification.pk).status == "sent"), (
            _log(worker)
        )
        # A second sweep finds nothing left to send.
        sweep_outbox_task.delay()
        assert wait_until(lambda: _log(worker).count("succeeded") >= 2), _log(worker)
    assert len(smtp.to(partner.email)) == 1
    client.flushdb()
