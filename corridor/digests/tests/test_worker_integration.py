"""A real Redis and real Celery worker processes, started by the tests.

The worker reads the test database (committed rows: ``transaction=True``) and
sends to an SMTP server on loopback. Each test is bounded by timeouts of a few
seconds per step.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from corridor.accounts.tests.factories import board_user
from corridor.accounts.tests.factories import partner_user
from corridor.digests import services
from corridor.digests.models import Delivery
from corridor.digests.models import Digest
from corridor.digests.models import Notification
from corridor.digests.periods import last_complete_period
from corridor.digests.tasks import send_delivery_task
from corridor.digests.tasks import sweep_outbox_task
from usecases.models import UseCase
from usecases.services import transition_use_case
from usecases.tests.factories import UseCaseFactory

from .brokers import celery_broker
from .conftest import free_port
from .conftest import text_part

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BROKER_URL = os.environ.get("TEST_BROKER_URL") or "redis://127.0.0.1:6379/9"
STEP_TIMEOUT = 30


def wait_until(condition, timeout=STEP_TIMEOUT, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def test_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


test_database_url.__test__ = False


class Workers:
    """Starts ``celery -A corridor worker`` processes and stops them all."""

    def __init__(self, smtp_port: int, log_dir: Path):
        self.smtp_port = smtp_port
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "corridor.digests.tests.worker_settings",
            "DATABASE_URL": test_database_url(),
            "CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": BROKER_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "EMAIL_TIMEOUT": "20",
            "DEBUG": "true",
        }
        log = self.log_dir / f"worker-{len(self.processes)}.log"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "corridor",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"digests-test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        return process

    def kill(self, process) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


@pytest.fixture
def broker():
    """The test broker, emptied of anything an earlier run left behind."""
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    client.flushdb()
    with celery_broker(BROKER_URL) as app:
        yield app
    client.flushdb()


@pytest.fixture
def workers(smtp_server, tmp_path):
    _mailbox, port = smtp_server
    pool = Workers(port, tmp_path)
    yield pool
    pool.stop_all()


@pytest.fixture
def smtp(smtp_server):
    return smtp_server[0]


def _log(process) -> str:
    return process.log.read_text(errors="replace")


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
