"""`make loadtest`: mixed reads and writes for 60 s at concurrency 16, nothing lost.

1. Loads the small synthetic corridor into its own PostgreSQL database
   (``LOAD_DATABASE_URL``, default ``corridor_load``), afresh each run.
2. Starts gunicorn on loopback port 8766 with the production settings
   (``corridor.settings``, ``DEBUG=false``, a random ``SECRET_KEY``, static files
   collected, rate limits counted in Redis — set high, so the limiter is
   exercised but the application is what is measured).
3. Sixteen clients, as the Board (4) and as partners of twelve organisations
   (12), each on one keep-alive connection: list and read use cases, create
   use cases and edit their own, mark their milestones done and reopen them,
   open portal pages.
4. Afterwards, from the database: every created use case is there, every write
   left exactly its history row, every edit's text is the one that stands;
   gunicorn's workers did not grow by 10 % or more (VmRSS from /proc, sampled
   every 2 s; growth from a third into the run to its end, see MemorySampler).
5. Writes ``docs/loadtest.json``; exits 1 when a check fails.

Reuses the benchmark's gunicorn and /proc helpers (``bench/server.py``) and its
load generator's approach (``bench/loadgen.py``): one thread per client,
bounded by time.
"""

import datetime
import json
import os
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

from bench import server
from bench.loadclient import HOST
from bench.loadclient import PORT
from bench.loadclient import Client

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
WARMUP_SECONDS = 10.0
CONCURRENCY = 16
BOARD_CLIENTS = 4
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/corridor_load"
)
OUTPUT = ROOT / "docs" / "loadtest.json"
UNLIMITED = "1000000/hour"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "corridor.settings",
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Loopback HTTP: no TLS terminator in front of gunicorn here.
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "CACHE_URL": os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/11"),
    "THROTTLE_USER_RATE": UNLIMITED,
    "THROTTLE_ANON_RATE": UNLIMITED,
    "THROTTLE_USE_CASE_CREATE_RATE": UNLIMITED,
    "THROTTLE_LOGIN_RATE": UNLIMITED,
    "CELERY_BROKER_URL": "",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}


def log(message: str) -> None:
    print(message, flush=True)


def load_corridor() -> None:
    import django

    os.environ.update(ENV)
    django.setup()
    from usecases.models import UseCase

    if UseCase.objects.exists():
        log("Flushing the previous run's corridor…")
        server.manage("flush", "--noinput")
        server.manage("migrate", "--noinput", "-v0")
    log("Loading the small synthetic corridor…")
    server.manage("load_synthetic", "--scale", "small", "--seed", "1")


def make_clients() -> list[dict]:
    """Tokens for the Board and twelve partners, each with milestones only it toggles."""
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.auth import HASH_SESSION_KEY
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from coalitions.models import Organisation
    from corridor.accounts.models import User
    from corridor.accounts.tokens import create_token
    from interventions.models import Milestone
    from usecases.models import UseCase

    board = User.objects.get(username="synthetic-board")
    session = SessionStore()
    session[SESSION_KEY] = str(board.pk)
    session[BACKEND_SESSION_KEY] = "corridor.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = board.get_session_auth_hash()
    session.create()

    leads = (
        Organisation.objects.annotate(n=Count("led_action_lines__milestones"))
        .filter(n__gt=0, users__isnull=False)
        .order_by("-n", "pk")
        .distinct()[: CONCURRENCY - BOARD_CLIENTS]
    )
    clients = []
    taken: set[int] = set()
    for org in leads:
        user = User.objects.get(username=f"partner-{org.slug}")
        _row, token = create_token(user, expires_days=1, name="loadtest")
        milestones = dict(
            Milestone.objects.filter(action_line__lead_organisation=org).values_list(
                "pk", "completed_on"
            )
        )
        taken |= set(milestones)
        clients.append({"role": "partner", "user": user.username, "token": token, "ms": milestones})
    rest = list(
        Milestone.objects.exclude(pk__in=taken).order_by("pk").values_list("pk", "completed_on")
    )
    for number in range(BOARD_CLIENTS):
        _row, token = create_token(board, expires_days=1, name=f"loadtest-{number}")
        clients.insert(
            number,
            {
                "role": "board",
                "user": board.username,
                "token": token,
                "ms": dict(rest[number::BOARD_CLIENTS][:40]),
            },
        )
    public_ids = list(
        UseCase.objects.filter(status__in=["selected", "in_execution", "completed"]).values_list(
            "pk", flat=True
        )[:200]
    )
    for client in clients:
        client["session"] = session.session_key
        client["public_ids"] = public_ids
    return clients


class MemorySampler(threading.Thread):
    """VmRSS of every gunicorn worker every two seconds while the load runs.

    A gthread worker that served nothing during the warm-up still has its size
    after the fork and grows to the others' plateau on its first requests
    (80 MB to 125 MB here); that is warming up, not a leak. So growth is read
    from the sample a third into the run, when every worker has served, to
    the last one.
    """

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.samples: list[dict] = []
        self.started = time.perf_counter()
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            pids = server.worker_pids(self.master)
            self.samples.append(
                {
                    "second": round(time.perf_counter() - self.started, 1),
                    **{str(pid): server.rss_kb(pid) for pid in pids},
                }
            )
            self.done.wait(2.0)

    def stop(self):
        self.done.set()
        self.join()

    def steady_state(self, pids) -> tuple[dict, dict]:
        base = next((s for s in self.samples if s["second"] >= SECONDS / 3), self.samples[0])
        last = self.samples[-1]
        keys = [str(pid) for pid in pids]
        return (
            {k: base[k] for k in keys if k in base},
            {k: last[k] for k in keys if k in last},
        )


def drive(clients_spec, seconds: float):
    lock = threading.Lock()
    results: dict[str, dict] = {}

    def record(op, status, ms):
        with lock:
            row = results.setdefault(op, {"statuses": {}, "latencies": []})
            row["statuses"][status] = row["statuses"].get(status, 0) + 1
            row["latencies"].append(ms)

    deadline = time.perf_counter() + seconds
    clients = [Client(n, spec, deadline, record) for n, spec in enumerate(clients_spec)]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return clients, results, time.perf_counter() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def verify(clients, started_at) -> dict:
    from interventions.models import Milestone
    from usecases.models import UseCase

    created = [pk for c in clients for pk in c.created]
    titles = [t for c in clients for t in c.titles]
    edits = [s for c in clients for s in c.edits]
    toggles = sum(c.toggles for c in clients)
    milestone_ids = [pk for c in clients for pk in c.milestones]
    present = UseCase.objects.filter(pk__in=created).count()
    creation_rows = UseCase.history.filter(title__in=titles, history_type="+").count()
    edit_rows = UseCase.history.filter(summary__in=edits).values("summary").distinct().count()
    standing = dict(
        UseCase.objects.filter(pk__in=[pk for c in clients for pk in c.summaries]).values_list(
            "pk", "summary"
        )
    )
    expected = {pk: s for c in clients for pk, s in c.summaries.items()}
    toggle_rows = Milestone.history.filter(
        id__in=milestone_ids, history_date__gte=started_at
    ).count()
    return {
        "use_cases_created": len(created),
        "use_cases_present": present,
        "creation_history_rows": creation_rows,
        "edits_saved": len(edits),
        "edit_history_rows": edit_rows,
        "edits_standing_as_last_saved": sum(standing.get(pk) == s for pk, s in expected.items()),
        "use_cases_edited": len(expected),
        "milestone_marks": toggles,
        "milestone_history_rows": toggle_rows,
    }


def main() -> int:
    server.PORT, server.DATABASE_URL, server.ENV = PORT, DATABASE_URL, ENV
    server.ensure_database()
    load_corridor()
    clients_spec = make_clients()
    process = server.start_gunicorn()
    try:
        log(f"Warming up for {WARMUP_SECONDS:.0f} s…")
        warm, _results, _seconds = drive(clients_spec, WARMUP_SECONDS)
        for spec, client in zip(clients_spec, warm, strict=True):
            spec["ms"] = client.milestones  # the state the warm-up left
        pids = server.worker_pids(process.pid)
        from django.utils import timezone

        started_at = timezone.now()
        log(f"Load: {SECONDS:.0f} s at concurrency {len(clients_spec)} against {HOST}:{PORT}…")
        sampler = MemorySampler(process.pid)
        sampler.start()
        clients, results, elapsed = drive(clients_spec, SECONDS)
        sampler.stop()
        final_pids = server.worker_pids(process.pid)
    finally:
        server.stop(process)
    before, after = sampler.steady_state(pids)

    checks = verify(clients, started_at)
    statuses: dict[str, int] = {}
    operations = {}
    for op, row in sorted(results.items()):
        for status, count in row["statuses"].items():
            statuses[str(status)] = statuses.get(str(status), 0) + count
        operations[op] = {
            "requests": len(row["latencies"]),
            "statuses": {str(k): v for k, v in sorted(row["statuses"].items())},
            "p50_ms": round(percentile(row["latencies"], 50), 1),
            "p95_ms": round(percentile(row["latencies"], 95), 1),
            "mean_ms": round(statistics.fmean(row["latencies"]), 1),
        }
    total = sum(statuses.values())
    server_errors = sum(n for s, n in statuses.items() if int(s) >= 500)
    growth = {  # over the steady part of the run (see MemorySampler)
        str(pid): round(100 * (after[pid] - before[pid]) / before[pid], 2)
        for pid in before
        if pid in after and before[pid]
    }
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seconds": round(elapsed, 1),
        "concurrency": len(clients_spec),
        "clients": {"board": BOARD_CLIENTS, "partners": len(clients_spec) - BOARD_CLIENTS},
        "gunicorn": {"workers": server.WORKERS, "threads": server.THREADS},
        "requests": total,
        "throughput_rps": round(total / elapsed, 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": server_errors,
        "operations": operations,
        "writes": checks,
        "worker_rss_kb": {"before": before, "after": after},
        "worker_rss_samples_kb": sampler.samples,
        "worker_rss_growth_percent": growth,
        "max_worker_rss_growth_percent": max(growth.values(), default=0.0),
    }
    failures = []
    if server_errors:
        failures.append(f"{server_errors} server errors")
    if set(pids) != set(final_pids):
        failures.append("a gunicorn worker was replaced during the run")
    if report["max_worker_rss_growth_percent"] >= 10:
        failures.append(f"worker memory grew {report['max_worker_rss_growth_percent']} %")
    for made, found in [
        ("use_cases_created", "use_cases_present"),
        ("use_cases_created", "creation_history_rows"),
        ("edits_saved", "edit_history_rows"),
        ("use_cases_edited", "edits_standing_as_last_saved"),
        ("milestone_marks", "milestone_history_rows"),
    ]:
        if checks[made] != checks[found]:
            failures.append(f"{found}: {checks[found]} of {checks[made]}")
    report["failures"] = failures
    OUTPUT.write_text(json.dumps(report, indent=2) + "\n")
    log(json.dumps({k: v for k, v in report.items() if k != "worker_rss_kb"}, indent=2))
    log(f"Written to {OUTPUT.relative_to(ROOT)}.")
    if failures:
        log("FAILED: " + "; ".join(failures))
        return 1
    log("Held: no server errors, no lost writes, worker memory stable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
