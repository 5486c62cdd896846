"""The one seam through which services enqueue Celery tasks.

Tasks call services; services never import their tasks back. A service names
the task it wants (``"digests.send_delivery"``) and enqueues it here, after its
transaction commits (``enqueue_on_commit``). The task is looked up by name in
the Celery app, so it runs in-process when no broker is configured
(``task_always_eager``) and goes to the broker otherwise. A broker that cannot
be reached is logged, never raised: the rows wait for the sweep.
"""

import functools
import logging
from collections.abc import Iterable

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

# How long publishing waits for a broker that does not answer: a few quick
# tries, then the work is left to the periodic sweep.
PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}


@functools.cache
def _discovered() -> None:
    """Import every app's ``tasks`` module once, so each task is known by name."""
    current_app.loader.import_default_modules()


def enqueue(task_name: str, *args) -> bool:
    """Send the task ``task_name`` now; log and carry on when it cannot be sent."""
    _discovered()
    try:
        current_app.signature(task_name, args=args).apply_async(
            retry=True, retry_policy=PUBLISH_RETRY_POLICY
        )
    except Exception:  # noqa: BLE001 - the row waits for the sweep
        logger.warning(
            "Could not enqueue %s%r; the outbox sweep will pick it up.",
            task_name,
            args,
            exc_info=True,
        )
        return False
    return True


def enqueue_each(task_name: str, ids: Iterable[int]) -> None:
    """One task per id; stops at the first that cannot be sent (the rest would fail alike)."""
    for pk in ids:
        if not enqueue(task_name, pk):
            return


def enqueue_on_commit(task_name: str, *args) -> None:
    """``enqueue`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task_name, *args))


def enqueue_each_on_commit(task_name: str, ids: Iterable[int]) -> None:
    """``enqueue_each`` once the current transaction commits."""
    ids = list(ids)
    transaction.on_commit(lambda: enqueue_each(task_name, ids))
