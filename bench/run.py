"""`make bench`: the portal at national scale, measured against the framework floor.

1. Loads the `large` synthetic corridor into a dedicated PostgreSQL database
   (reused when it is already loaded).
2. Starts gunicorn on loopback with the production settings (plus the
   benchmark's two baseline views and a query-count header).
3. Measures every endpoint at concurrency 8, the baselines in the same run:
   ``wrk`` for throughput and latency (a few seconds each, after a warm-up),
   the Python generator for statuses and queries per request (and for the
   throughput where ``wrk`` is missing).
4. Measures the CSV export's worker memory, a burst of 1,000 webhook events
   delivered by a Celery worker while a page is measured (``bench.webhooks``),
   the weekly digest build, and prints the query plans of search and filtered
   lists.
5. Writes bench/results/latest.{json,md,svg} and the table in docs/performance.md.
"""

import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.plans import explain_plans
from bench.server import ENV
from bench.server import HOST
from bench.server import PORT
from bench.server import ROOT
from bench.server import THREADS
from bench.server import WORKERS
from bench.server import ensure_database
from bench.server import log
from bench.server import manage
from bench.server import reset_peak
from bench.server import rss_kb
from bench.server import start_gunicorn
from bench.server import stop
from bench.server import worker_pids

RESULTS = ROOT / "bench" / "results"
CONCURRENCY = 8
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
# With wrk: the Python generator's check of statuses and queries, then wrk
# for this many seconds per endpoint.
CHECK_REQUESTS = 80
WRK_SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
LARGE_USE_CASES = 100_000


def ensure_loaded() -> dict:
    import django

    os.environ.update(ENV)
    django.setup()
    from usecases.models import UseCase

    count = UseCase.objects.count()
    if count == LARGE_USE_CASES:
        log(f"Reusing the loaded large corridor ({count} use cases).")
        return {"loaded": False, "seconds": None}
    if count:
        log(f"Database holds {count} use cases, not the large corridor; reloading.")
        manage("flush", "--noinput")
        manage("migrate", "--noinput", "-v0")
    log("Loading the large synthetic corridor…")
    started = time.monotonic()
    manage("load_synthetic", "--scale", "large", "--seed", "1")
    return {"loaded": True, "seconds": round(time.monotonic() - started, 1)}


def credentials() -> dict[str, str]:
    """A board user's API token and portal session, made in-process."""
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.auth import HASH_SESSION_KEY
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from corridor.accounts import roles
    from corridor.accounts.models import User
    from corridor.accounts.tokens import create_token

    board = User.objects.get(username="synthetic-board")
    _row, token = create_token(board, expires_days=1, name="benchmark")
    # A reviewer's pages depend on who they are: never kept, always computed.
    reviewer, made = User.objects.get_or_create(username="bench-reviewer")
    if made:
        reviewer.groups.add(roles.group(roles.REVIEWER))
    _row, reviewer_token = create_token(reviewer, expires_days=1, name="benchmark")
    session = SessionStore()
    session[SESSION_KEY] = str(board.pk)
    session[BACKEND_SESSION_KEY] = "corridor.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = board.get_session_auth_hash()
    session.create()
    return {"token": token, "reviewer_token": reviewer_token, "session": session.session_key}


def endpoints() -> list[dict]:
    from django.urls import reverse
    from django.utils import translation

    from usecases.models import UseCase

    detail_id = UseCase.objects.order_by("-created").values_list("pk", flat=True)[17]
    with translation.override("nl"):
        dashboard = reverse("portal:dashboard")
        intervention_page = reverse(
            "interventions:intervention-detail", kwargs={"slug": "ai-semicon"}
        )
        use_case_list = reverse("usecases:use-case-list")
        organisation_list = reverse("coalitions:organisation-list")
    api = "/api/v1"
    return [
        {"name": "baseline: pre-encoded JSON", "path": "/bench/pre-encoded/", "kind": "baseline"},
        {"name": "baseline: .values() + json", "path": "/bench/values/", "kind": "baseline"},
        {"name": "API use cases", "path": f"{api}/use-cases/?page_size=50", "kind": "api"},
        {
            "name": "API use cases filtered",
            "path": f"{api}/use-cases/?page_size=50&intervention=ai-semicon"
            "&status=in_review&region=mra",
            "kind": "filtered",
        },
        {
            "name": "API use cases search",
            "path": f"{api}/use-cases/?page_size=50&search=gemeenten",
            "kind": "filtered",
        },
        {
            "name": "API use cases page 1000",
            "path": f"{api}/use-cases/?page_size=50&page=1000",
            "kind": "api",
        },
        {"name": "API use case detail", "path": f"{api}/use-cases/{detail_id}/", "kind": "api"},
        {"name": "API action lines", "path": f"{api}/action-lines/?page_size=50", "kind": "api"},
        {
            "name": "API milestones overdue",
            "path": f"{api}/milestones/?overdue=true&page_size=50",
            "kind": "filtered",
        },
        {"name": "API organisations", "path": f"{api}/organisations/?page_size=50", "kind": "api"},
        # The same list and detail as a reviewer: computed on every request (the
        # public's and the Board's are kept); held to the computed pages' target.
        {
            "name": "API use cases, computed (reviewer)",
            "path": f"{api}/use-cases/?page_size=50",
            "kind": "computed",
            "as": "reviewer",
        },
        {
            "name": "API use case detail, computed (reviewer)",
            "path": f"{api}/use-cases/{detail_id}/",
            "kind": "computed",
            "as": "reviewer",
        },
        {"name": "Portal dashboard", "path": dashboard, "kind": "portal"},
        {"name": "Portal intervention page", "path": intervention_page, "kind": "portal"},
        {"name": "Portal use case list", "path": use_case_list, "kind": "portal"},
        {"name": "Portal organisation directory", "path": organisation_list, "kind": "portal"},
    ]


def measure_endpoints(auth: dict) -> list[dict]:
    """Each endpoint: statuses and queries per request from the Python
    generator (``bench.loadgen``); throughput and latency from ``wrk`` when it
    is installed (``bench.wrk``), else from the Python generator too."""
    from bench import loadgen
    from bench import wrk

    headers = {
        "Authorization": f"Bearer {auth['token']}",
        "Accept": "application/json",
    }
    portal_headers = {"Cookie": f"sessionid={auth['session']}", "Accept": "text/html"}
    reviewer_headers = {**headers, "Authorization": f"Bearer {auth['reviewer_token']}"}
    use_wrk = wrk.available()
    results = []
    for endpoint in endpoints():
        if endpoint["kind"] == "portal":
            chosen = portal_headers
        elif endpoint.get("as") == "reviewer":
            chosen = reviewer_headers
        else:
            chosen = headers
        checked = loadgen.run(
            name=endpoint["name"],
            host=HOST,
            port=PORT,
            path=endpoint["path"],
            headers=chosen,
            requests=CHECK_REQUESTS if use_wrk else REQUESTS,
            concurrency=CONCURRENCY,
        )
        summary = {**checked.summary(), "kind": endpoint["kind"], "generator": "python"}
        if use_wrk:
            measured = wrk.run(
                host=HOST,
                port=PORT,
                path=endpoint["path"],
                headers=chosen,
                connections=CONCURRENCY,
                seconds=WRK_SECONDS,
            )
            summary["python_generator_rps"] = summary["throughput_rps"]
            summary.update(
                {key: measured[key] for key in ("throughput_rps", "p50_ms", "p95_ms", "p99_ms")},
                requests=measured["requests"],
                generator="wrk",
            )
            if measured["non_2xx"] or measured["socket_errors"]:
                summary["statuses"] = {
                    **summary["statuses"],
                    "wrk non-2xx": measured["non_2xx"],
                    "wrk socket errors": measured["socket_errors"],
                }
        results.append(summary)
        log(
            f"  {summary['name']:<40} {summary['throughput_rps']:>8.1f} req/s  "
            f"p50 {summary['p50_ms']:>7.1f}  p95 {summary['p95_ms']:>7.1f}  "
            f"p99 {summary['p99_ms']:>7.1f} ms  queries {summary['queries_per_request']}  "
            f"status {summary['statuses']}"
        )
    return results


def csv_since() -> str:
    """The submission date after which about 10,000 use cases were submitted."""
    from usecases.models import UseCase

    moment = (
        UseCase.objects.filter(submitted_at__isnull=False)
        .order_by("-submitted_at")
        .values_list("submitted_at", flat=True)[10_000]
    )
    return moment.date().isoformat()


def measure_csv(auth: dict, master: int) -> dict:
    """Export 10,000 use cases as CSV; the worker's peak memory growth."""
    import http.client

    pids = worker_pids(master)
    before = {pid: rss_kb(pid) for pid in pids}
    for pid in pids:
        reset_peak(pid)
    path = f"/api/v1/use-cases/?format=csv&submitted_after={csv_since()}"
    conn = http.client.HTTPConnection(HOST, PORT, timeout=300)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Authorization": f"Bearer {auth['token']}"})
    response = conn.getresponse()
    first_byte = time.perf_counter() - started
    size = 0
    rows = 0
    while chunk := response.read(65536):
        size += len(chunk)
        rows += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    queries = response.getheader("X-Query-Count")
    conn.close()
    growth = max((rss_kb(pid, "VmHWM") - before[pid] for pid in pids), default=0)
    result = {
        "path": path,
        "status": response.status,
        "rows": rows - 1,
        "bytes": size,
        "seconds": round(seconds, 2),
        "first_byte_ms": round(first_byte * 1000, 1),
        "peak_worker_growth_mb": round(growth / 1024, 1),
        "queries": queries,
    }
    log(f"  CSV export: {result}")
    return result


def measure_digest() -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.digest"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:
        log(completed.stdout + completed.stderr)
        return {"error": completed.stderr.strip().splitlines()[-1:] or ["failed"]}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    log(f"  Digest: {result}")
    return result


def measure_webhooks(auth: dict) -> dict:
    from bench import webhooks

    try:
        return webhooks.measure(auth, seconds=WRK_SECONDS)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - Redis missing: the rest still runs
        log(f"  Webhook burst not measured: {exc}")
        return {"error": str(exc)}


def wrk_available() -> bool:
    from bench import wrk

    return wrk.available()


def machine() -> dict:
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "gunicorn": f"{WORKERS} workers × {THREADS} threads (gthread)",
        "concurrency": CONCURRENCY,
        "requests_per_endpoint": REQUESTS,
        "generator": "wrk" if wrk_available() else "python",
        "seconds_per_endpoint": WRK_SECONDS,
    }


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    ensure_database()
    load = ensure_loaded()
    auth = credentials()
    log(f"Starting gunicorn: {WORKERS} workers × {THREADS} threads on {HOST}:{PORT}")
    process = start_gunicorn()
    try:
        endpoints_results = measure_endpoints(auth)
        csv_result = measure_csv(auth, process.pid)
        webhooks_result = measure_webhooks(auth)
    finally:
        stop(process)
    digest_result = measure_digest()
    plans = explain_plans()

    from bench.report import write_reports

    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load": load,
        "endpoints": endpoints_results,
        "csv_export": csv_result,
        "digest": digest_result,
        "webhooks": webhooks_result,
        "plans": plans,
    }
    write_reports(results)
    log(f"\nResults written to {RESULTS.relative_to(ROOT)}/ and docs/performance.md")


if __name__ == "__main__":
    main()
