"""Two beat processes by mistake, or one periodic task delivered twice: one
digest, one email per subscriber."""

import threading

import pytest
from django.db import connections

from corridor.accounts.tests.factories import board_user
from corridor.accounts.tests.factories import partner_user
from corridor.digests import tasks
from corridor.digests.models import Delivery
from corridor.digests.models import Digest

from .scenario import at
from .scenario import frozen


@pytest.mark.django_db(transaction=True)
def test_two_beats_firing_the_weekly_digest_at_once_send_it_once(mailbox, org_a):
    board = board_user(username="beat-board")
    partner = partner_user(org_a, username="beat-partner")
    barrier = threading.Barrier(2)
    errors = []

    def beat():
        try:
            with frozen(at(2026, 3, 9, 7)):
                barrier.wait()
                tasks.send_periodic_digest.apply(args=("weekly",), throw=True)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    # The broker hands the same task out once more (acks_late after a lost worker).
    with frozen(at(2026, 3, 9, 7, 5)):
        tasks.send_periodic_digest.apply(args=("weekly",), throw=True)

    assert Digest.objects.filter(frequency="weekly").count() == 1
    assert Delivery.objects.filter(recipient=board).count() == 1
    assert len(mailbox.to(board.email)) == 1
    # A partner gets a copy only when the digest has a part about their organisation.
    assert len(mailbox.to(partner.email)) == Delivery.objects.filter(recipient=partner).count() <= 1
