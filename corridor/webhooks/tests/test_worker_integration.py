"""A real Redis, real Celery workers and a real receiver on loopback.

A worker is killed (SIGKILL) while the receiver holds its request; a fresh
worker, with the schedule's sweep, sends the message again once the claim's
lease has run out. Every step polls with a timeout.
"""

import pytest
from standardwebhooks.webhooks import Webhook

from corridor.testing.workers import STEP_TIMEOUT
from corridor.testing.workers import Workers
from corridor.testing.workers import empty_broker
from corridor.testing.workers import log_of
from corridor.testing.workers import wait_until
from corridor.webhooks import services
from corridor.webhooks.models import Delivery
from corridor.webhooks.models import EventType
from interventions.services import complete_milestone
from interventions.tests.factories import MilestoneFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

S = Delivery.Status


@pytest.fixture
def broker():
    with empty_broker() as app:
        yield app


@pytest.fixture
def workers(tmp_path):
    pool = Workers(tmp_path, settings_module="corridor.webhooks.tests.worker_settings")
    yield pool
    pool.stop_all()


def _logs(workers) -> str:
    return "\n".join(log_of(process) for process in workers.processes)


def test_a_worker_killed_mid_delivery_loses_no_event(broker, workers, receiver, board):
    endpoint, secret = services.create_endpoint(
        actor=board, url=receiver.url, event_types=[EventType.MILESTONE_DONE]
    )
    milestone = MilestoneFactory()
    receiver.stalls = 1  # the first request is held: the worker is mid-delivery

    first = workers.start()
    complete_milestone(milestone=milestone, actor=board)  # fanned out and sent by the worker
    assert wait_until(lambda: len(receiver.received) == 1), _logs(workers)
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts) == (S.SENDING, 1)
    workers.kill(first)
    receiver.release()  # its answer goes to a closed connection

    # The fresh worker finds the delivery claimed by the dead one: its
    # redelivered task skips it; the sweep puts it back once the lease runs
    # out, and it goes again.
    workers.start(beat=True)
    assert wait_until(
        lambda: Delivery.objects.get(pk=delivery.pk).status == S.SUCCEEDED,
        timeout=STEP_TIMEOUT + 30,
    ), _logs(workers)

    held, sent = receiver.received
    assert held["headers"]["webhook-id"] == sent["headers"]["webhook-id"] == delivery.message_id
    assert held["body"] == sent["body"]  # the payload was fixed when fanned out
    hook = Webhook(secret)
    hook.verify(held["body"], held["headers"])
    payload = hook.verify(sent["body"], sent["headers"])
    assert payload["type"] == "milestone.done"
    assert payload["data"]["object"]["id"] == milestone.pk
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.delivered_at is not None
    # The killed try wrote nothing to the log; the one that got through did.
    [attempt] = delivery.log.all()
    assert (attempt.status_code, attempt.response_start) == (200, "thanks")
    # At least once, and here exactly twice: the dead worker's task, handed to
    # the fresh one, finds the delivery no longer pending and sends nothing.
    assert wait_until(lambda: "'skipped'" in _logs(workers)), _logs(workers)
    assert "'interrupted': 1" in _logs(workers)  # the sweep took the stale claim over
    assert len(receiver.received) == 2
