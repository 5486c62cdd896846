"""Point the Celery app of the test process at a broker, and back."""

from contextlib import contextmanager

from kombu import pools as kombu_pools

from corridor.celery import app as celery_app


def _reset_pools(app) -> None:
    # kombu keeps connection and producer pools per broker, process-wide.
    kombu_pools.reset()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Tasks published from this process go to ``url`` (not run in-process)."""
    keys = ("broker_url", "task_always_eager")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    _reset_pools(celery_app)
    try:
        yield celery_app
    finally:
        celery_app.conf.update(saved)
        _reset_pools(celery_app)
