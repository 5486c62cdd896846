"""Throughput and latency measured with ``wrk`` (Debian's package), a compiled
load generator: it costs the two cores the server shares with it far less
per request than the Python generator (``bench.loadgen``), which therefore
only checks statuses and queries per request.

``wrk`` runs ``connections`` keep-alive connections on two threads for a
fixed time; ``bench/wrk_report.lua`` prints its summary as one JSON line.
"""

import json
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    connections: int,
    seconds: int,
    threads: int = 2,
) -> dict:
    assert host in ("127.0.0.1", "localhost", "::1"), "wrk only targets loopback here"
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(SCRIPT),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{host}:{port}{path}")
    completed = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    line = next(text for text in completed.stdout.splitlines() if text.startswith("WRK_JSON "))
    summary = json.loads(line.removeprefix("WRK_JSON "))
    requests, duration = summary["requests"], summary["seconds"]
    return {
        "requests": requests,
        "seconds": round(duration, 3),
        "throughput_rps": round(requests / duration, 1) if duration else 0.0,
        "p50_ms": round(summary["p50_us"] / 1000, 2),
        "p95_ms": round(summary["p95_us"] / 1000, 2),
        "p99_ms": round(summary["p99_us"] / 1000, 2),
        "non_2xx": summary["status_errors"],
        "socket_errors": summary["socket_errors"],
    }
