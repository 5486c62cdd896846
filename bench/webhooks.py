"""A burst of 1,000 webhook events, delivered while the portal answers.

1. A receiver on loopback (threads of this process, at the lowest CPU
   priority: it stands for the consumer's own machine) answers 200 to every
   message and verifies its signature with ``standardwebhooks``.
2. One Board endpoint for ``milestone.done`` points at it; a Celery worker
   (prefork, one process per core, niced as ``make worker`` starts it) runs against
   the bench database with a Redis broker (``BENCH_BROKER_URL``).
3. ``wrk`` measures one page for ``BENCH_SECONDS`` with no burst, after a
   warm-up.
4. A separate process publishes 1,000 events through ``corridor.events``, each
   in its own transaction, as 1,000 milestones marked done would (the
   milestones themselves are not changed); once they are written, ``wrk``
   measures the same page again while the worker delivers what is still
   queued: the cost of sending, apart from the writes that published them.
5. The endpoint, the events and their deliveries are deleted: the corridor is
   left as it was loaded.

``bench.run`` calls ``measure`` with gunicorn running. On its own,
``python -m bench.webhooks`` starts gunicorn on the database of
``BENCH_DATABASE_URL`` (which must hold a synthetic corridor) and prints the
result as JSON.
"""

import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.server import ENV
from bench.server import HOST
from bench.server import PORT
from bench.server import ROOT
from bench.server import log
from bench.server import stop

BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "1000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WORKER_CONCURRENCY = int(os.environ.get("BENCH_WEBHOOK_WORKERS", str(os.cpu_count() or 2)))
# As ``make worker`` runs it: at a lower CPU priority than the web processes.
WORKER_NICE = os.environ.get("WORKER_NICE", "10")
RECEIVER_NICE = 19
CONNECTIONS = 8
DELIVERY_TIMEOUT = 600
EVENT_TYPE = "milestone.done"
PAGE = {"name": "API use cases", "path": "/api/v1/use-cases/?page_size=50"}

# The worker and the publisher: the production settings, a broker, and
# receivers on loopback allowed (as a private deployment would allow them).
WORKER_ENV = {
    **ENV,
    "DJANGO_SETTINGS_MODULE": "corridor.settings",
    "CELERY_BROKER_URL": BROKER_URL,
    "WEBHOOKS_ALLOW_PRIVATE": "true",
    "WEBHOOKS_ALLOW_HTTP": "true",
}


class Receiver:
    """Answers 200 to every POST; counts messages, repeats and bad signatures."""

    def __init__(self):
        self.secret = None
        self.ids: set[str] = set()
        self.messages = 0
        self.bad_signatures = 0
        self.last_at = None
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                # The receiver stands for the consumer's own machine: its
                # threads yield the CPU to the portal (Linux: niceness is per thread).
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), RECEIVER_NICE)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.take(body, dict(self.headers))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def take(self, body: bytes, headers: dict) -> None:
        from standardwebhooks.webhooks import Webhook
        from standardwebhooks.webhooks import WebhookVerificationError

        try:
            Webhook(self.secret).verify(body, headers)
            good = True
        except WebhookVerificationError:
            good = False
        with self._lock:
            self.messages += 1
            self.bad_signatures += not good
            if good:
                self.ids.add(headers["webhook-id"])
            self.last_at = time.time()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def lower_session_priority(pid: int) -> None:
    """Give the worker's session the worker's niceness. With Linux's
    autogroups (``man 7 sched``) each session shares the CPU fairly with the
    others whatever its processes' niceness; the web processes' session must
    come first, as a service manager's CPU weights would have it."""
    with contextlib.suppress(OSError):  # no autogroups here: niceness alone decides
        Path(f"/proc/{pid}/autogroup").write_text(WORKER_NICE)


def start_worker(log_path) -> subprocess.Popen:
    command = [
        "nice",
        "-n",
        WORKER_NICE,
        sys.executable,
        "-m",
        "celery",
        "-A",
        "corridor",
        "worker",
        "--concurrency",
        str(WORKER_CONCURRENCY),
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"bench-webhooks-{os.getpid()}@%h",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=WORKER_ENV,
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lower_session_priority(process.pid)
    if not _wait(lambda: b" ready." in log_path.read_bytes() or process.poll() is not None, 60):
        stop(process)
        raise SystemExit(f"The Celery worker was not ready within 60 s: see {log_path}")
    if process.poll() is not None:
        raise SystemExit(f"The Celery worker stopped: see {log_path}")
    return process


def measure_page(headers: dict, seconds: int) -> dict:
    """The page's latency for ``seconds``: ``wrk`` if installed, else the Python generator."""
    from bench import loadgen
    from bench import wrk

    if wrk.available():
        measured = wrk.run(
            host=HOST,
            port=PORT,
            path=PAGE["path"],
            headers=headers,
            connections=CONNECTIONS,
            seconds=seconds,
        )
        return {key: measured[key] for key in ("throughput_rps", "p50_ms", "p95_ms", "p99_ms")}
    result = loadgen.run(
        name=PAGE["name"],
        host=HOST,
        port=PORT,
        path=PAGE["path"],
        headers=headers,
        requests=1_000_000,
        concurrency=CONNECTIONS,
        warmup=0,
        max_seconds=seconds,
    ).summary()
    return {key: result[key] for key in ("throughput_rps", "p50_ms", "p95_ms", "p99_ms")}


def _warm(headers: dict) -> None:
    from bench import loadgen

    loadgen.run(
        name=PAGE["name"],
        host=HOST,
        port=PORT,
        path=PAGE["path"],
        headers=headers,
        requests=80,
        concurrency=CONNECTIONS,
    )


def _delivered(endpoint_id: int) -> int:
    from corridor.webhooks.models import Delivery

    return Delivery.objects.filter(endpoint_id=endpoint_id, status="succeeded").count()


def _wait(condition, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def measure(auth: dict, *, events: int = EVENTS, seconds: int = SECONDS) -> dict:
    """Quiet and burst latency of ``PAGE``, and how the burst was delivered."""
    import tempfile
    from pathlib import Path

    from django.db.models import Max
    from django.db.models import Min
    from django.test.utils import override_settings
    from django.utils import timezone

    from corridor.accounts.models import User
    from corridor.webhooks import services
    from corridor.webhooks.models import Delivery
    from corridor.webhooks.models import Endpoint
    from corridor.webhooks.models import Event

    headers = {"Authorization": f"Bearer {auth['token']}", "Accept": "application/json"}
    board = User.objects.get(username="synthetic-board")
    log_path = Path(tempfile.gettempdir()) / f"bench-webhooks-worker-{os.getpid()}.log"
    with Receiver() as receiver:
        with override_settings(WEBHOOKS_ALLOW_PRIVATE=True, WEBHOOKS_ALLOW_HTTP=True):
            endpoint, receiver.secret = services.create_endpoint(
                actor=board,
                url=receiver.url,
                event_types=[EVENT_TYPE],
                description="benchmark receiver",
            )
        first_event = Event.objects.aggregate(last=Max("pk"))["last"] or 0
        worker = None
        try:
            worker = start_worker(log_path)
            _warm(headers)
            quiet = measure_page(headers, seconds)
            log(f"  Webhook burst: {PAGE['name']} quiet {quiet}")

            publisher = subprocess.Popen(
                [sys.executable, "-m", "bench.webhooks", "publish", str(events)],
                cwd=ROOT,
                env=WORKER_ENV,
                stdout=subprocess.PIPE,
                text=True,
            )
            output = publisher.communicate(timeout=DELIVERY_TIMEOUT)[0]
            published = json.loads(output.strip().splitlines()[-1])
            # The page while the worker delivers what is still queued: the cost
            # of sending, apart from the writes that published the events.
            window_start = timezone.now()
            burst = measure_page(headers, seconds)
            window_end = timezone.now()
            complete = _wait(
                lambda: _delivered(endpoint.pk) >= published["events"], timeout=DELIVERY_TIMEOUT
            )
            log(f"  Webhook burst: {PAGE['name']} during the burst {burst}")
            times = Delivery.objects.filter(endpoint=endpoint).aggregate(
                start=Min("event__occurred_at"), end=Max("delivered_at")
            )
            deliver_seconds = (
                (times["end"] - times["start"]).total_seconds() if times["end"] else None
            )
            last = times["end"] or window_start
            covered = (last - window_start).total_seconds()
            during_window = Delivery.objects.filter(
                endpoint=endpoint, delivered_at__gte=window_start, delivered_at__lt=window_end
            ).count()
            result = {
                "page": PAGE["name"],
                "path": PAGE["path"],
                "event_type": EVENT_TYPE,
                "events": published["events"],
                "publish_seconds": published["seconds"],
                "delivered": _delivered(endpoint.pk),
                "complete": complete,
                "received": receiver.messages,
                "unique_ids": len(receiver.ids),
                "bad_signatures": receiver.bad_signatures,
                "deliver_seconds": round(deliver_seconds, 2) if deliver_seconds else None,
                "worker": f"prefork × {WORKER_CONCURRENCY}",
                "seconds": seconds,
                # The share of the measured window that deliveries filled.
                "delivered_during_window": during_window,
                "burst_coverage": round(min(1.0, covered / seconds), 2),
                "quiet": quiet,
                "burst": burst,
                "p95_ratio": round(burst["p95_ms"] / max(quiet["p95_ms"], 0.001), 2),
            }
        finally:
            if worker is not None:
                stop(worker)
            Event.objects.filter(pk__gt=first_event, type=EVENT_TYPE).delete()
            Endpoint.objects.filter(pk=endpoint.pk).delete()
    log(f"  Webhook burst: {json.dumps(result)}")
    return result


def publish(count: int) -> dict:
    """``count`` events through ``corridor.events``, each in its own transaction,
    as marking milestones done publishes them (the milestones stay as they are)."""
    import django

    django.setup()
    from django.db import transaction

    from corridor import events
    from interventions.models import Milestone

    milestones = list(
        Milestone.objects.filter(completed_on__isnull=False)
        .select_related("action_line")
        .order_by("pk")[:count]
    )
    started = time.perf_counter()
    for number in range(count):
        with transaction.atomic():
            events.publish(EVENT_TYPE, milestones[number % len(milestones)])
    return {"events": count, "seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    import django

    os.environ.update(ENV)
    django.setup()
    from bench.run import credentials
    from bench.server import start_gunicorn

    auth = credentials()
    server = start_gunicorn()
    try:
        result = measure(auth)
    finally:
        stop(server)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    if sys.argv[1:2] == ["publish"]:
        print(json.dumps(publish(int(sys.argv[2]))))
    else:
        main()
