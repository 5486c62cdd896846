"""A bounded load generator: a fixed number of requests at a fixed concurrency.

Each worker thread keeps one HTTP/1.1 connection open, as a browser or API
client would. Nothing here runs longer than its request count allows, and it
only ever talks to the loopback address it is given.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from dataclasses import field


@dataclass
class Result:
    name: str
    path: str
    requests: int
    concurrency: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    statuses: dict[int, int]
    queries: list[int]
    bytes: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    def summary(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "requests": self.requests,
            "concurrency": self.concurrency,
            "seconds": round(self.seconds, 3),
            "throughput_rps": round(self.throughput, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p95_ms": round(self.percentile(95), 2),
            "p99_ms": round(self.percentile(99), 2),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 2) if self.latencies_ms else 0,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "queries_per_request": sorted(set(self.queries)),
            "bytes_per_response": self.bytes // max(1, self.requests),
        }


def _fetch(conn, path, headers):
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return response.status, body, response.getheader("X-Query-Count")


def _drive(host, port, path, headers, requests, concurrency, timeout, max_seconds):
    """Send up to ``requests`` requests from ``concurrency`` threads."""
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queries: list[int] = []
    total_bytes = 0
    remaining = requests
    deadline = time.perf_counter() + max_seconds

    def take() -> bool:
        nonlocal remaining
        with lock:
            if remaining <= 0 or time.perf_counter() > deadline:
                return False
            remaining -= 1
            return True

    def worker():
        nonlocal total_bytes
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            while take():
                started = time.perf_counter()
                try:
                    status, body, count = _fetch(conn, path, headers)
                except (http.client.HTTPException, OSError):
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
                    status, body, count = 599, b"", None
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                    total_bytes += len(body)
                    if count is not None:
                        queries.append(int(count))
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, queries, total_bytes, time.perf_counter() - started


def run(
    *,
    name: str,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    requests: int,
    concurrency: int,
    warmup: int = 20,
    timeout: float = 30.0,
    max_seconds: float = 90.0,
) -> Result:
    """Send ``requests`` requests (fewer if ``max_seconds`` runs out first)."""
    assert host in ("127.0.0.1", "localhost", "::1"), "the load generator only targets loopback"
    warm = _drive(
        host,
        port,
        path,
        headers,
        max(warmup, concurrency * 4),
        concurrency,
        timeout,
        max_seconds / 3,
    )
    del warm
    latencies, statuses, queries, total_bytes, seconds = _drive(
        host, port, path, headers, requests, concurrency, timeout, max_seconds
    )
    return Result(
        name=name,
        path=path,
        requests=len(latencies),
        concurrency=concurrency,
        seconds=seconds,
        latencies_ms=latencies,
        statuses=statuses,
        queries=queries,
        bytes=total_bytes,
    )
