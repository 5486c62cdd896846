"""Real Celery worker processes for integration tests, and the broker they share.

``Workers`` starts ``celery -A corridor worker`` processes against the test
database (committed rows: the tests are ``transaction=True``) with the
settings module and environment a test gives; each is stopped at the end,
and ``kill`` ends one with SIGKILL as a crash would. ``celery_broker`` points
the test process's Celery app at a broker, so tasks it enqueues go to the
workers instead of running in-process. Every wait is a poll with a timeout.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from corridor.celery import app as celery_app

BROKER_URL = os.environ.get("TEST_BROKER_URL") or "redis://127.0.0.1:6379/9"
STEP_TIMEOUT = 30


def wait_until(condition, timeout=STEP_TIMEOUT, interval=0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def database_url() -> str:
    """The URL of the test database this process uses, for the workers."""
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


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


@contextmanager
def empty_broker(url: str = BROKER_URL):
    """The test broker, emptied of anything an earlier run left behind, and
    this process's Celery app publishing to it."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    client.flushdb()
    try:
        with celery_broker(url) as app:
            yield app
    finally:
        client.flushdb()


class Workers:
    """Starts ``celery -A corridor worker`` processes and stops them all."""

    def __init__(self, log_dir: Path, *, settings_module: str, env: dict | None = None):
        self.log_dir = log_dir
        self.settings_module = settings_module
        self.env = env or {}
        self.processes: list[subprocess.Popen] = []

    def start(self, *, beat: bool = False) -> subprocess.Popen:
        """A worker on the solo pool; with ``beat``, the schedule runs in it too."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "DATABASE_URL": database_url(),
            "CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": BROKER_URL,
            "DEBUG": "true",
            **self.env,
        }
        number = len(self.processes)
        log = self.log_dir / f"worker-{number}.log"
        command = [
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
            f"test-{uuid.uuid4().hex[:8]}@%h",
        ]
        if beat:
            command += ["--beat", "--schedule", str(self.log_dir / f"beat-{number}")]
        process = subprocess.Popen(
            command,
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


def log_of(process) -> str:
    return process.log.read_text(errors="replace")
