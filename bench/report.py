"""Benchmark reports: JSON, a Markdown table, an SVG chart of the ratios, and
the table in docs/performance.md."""

import json
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Shared pages (the public's and the Board's, kept), pages computed per
# reader (a reviewer's), filtered lists and search, and portal pages.
TARGETS = {
    "api": {"ratio": 0.8, "p95_ms": 100},
    "computed": {"ratio": 0.35, "p95_ms": 100},
    "filtered": {"ratio": 0.35, "p95_ms": 120},
    "portal": {"p95_ms": 200},
}
# A burst of webhook events delivered while a page is measured: every event
# delivered (verified, once each), and the page's p95 during the burst at most
# this many times its p95 without one.
WEBHOOK_TARGETS = {"events": 1000, "p95_ratio": 1.5}


def ratio_base(results: dict) -> float:
    for row in results["endpoints"]:
        if row["path"] == "/bench/values/":
            return row["throughput_rps"] or 1.0
    return 1.0


def verdicts(results: dict) -> list[tuple[str, bool, str]]:
    base = ratio_base(results)
    rows = {row["name"]: row for row in results["endpoints"]}
    checks = []
    for row in results["endpoints"]:
        target = TARGETS.get(row["kind"])
        if not target:
            continue
        if "ratio" in target:
            ratio = row["throughput_rps"] / base
            checks.append(
                (
                    f"{row['name']}: throughput ≥ {target['ratio']}× baseline",
                    ratio >= target["ratio"],
                    f"{ratio:.2f}×",
                )
            )
        checks.append(
            (
                f"{row['name']}: p95 ≤ {target['p95_ms']} ms",
                row["p95_ms"] <= target["p95_ms"],
                f"{row['p95_ms']:.1f} ms",
            )
        )
        ok_status = set(row["statuses"]) == {"200"}
        checks.append((f"{row['name']}: every response 200", ok_status, str(row["statuses"])))
    first, deep = rows.get("API use cases"), rows.get("API use cases page 1000")
    if first and deep:
        factor = deep["p50_ms"] / max(first["p50_ms"], 0.001)
        checks.append(("Deep page within 1.5× of page 1 (p50)", factor <= 1.5, f"{factor:.2f}×"))
    csv = results.get("csv_export") or {}
    if "peak_worker_growth_mb" in csv:
        checks.append(
            (
                "CSV export of 10,000 rows: worker grows ≤ 50 MB",
                csv["peak_worker_growth_mb"] <= 50,
                f"{csv['peak_worker_growth_mb']} MB, {csv['rows']} rows in {csv['seconds']} s",
            )
        )
    digest = results.get("digest") or {}
    if "seconds" in digest:
        checks.append(("Digest builds in ≤ 4 s", digest["seconds"] <= 4, f"{digest['seconds']} s"))
        checks.append(
            ("Digest peak memory ≤ 200 MB", digest["peak_mb"] <= 200, f"{digest['peak_mb']} MB")
        )
    checks += webhook_verdicts(results.get("webhooks") or {})
    return checks


def webhook_verdicts(burst: dict) -> list[tuple[str, bool, str]]:
    if "p95_ratio" not in burst:
        return []
    events = WEBHOOK_TARGETS["events"]
    delivered = (
        burst["events"] >= events
        and burst["delivered"] == burst["unique_ids"] == burst["events"]
        and burst["bad_signatures"] == 0
    )
    ratio = WEBHOOK_TARGETS["p95_ratio"]
    return [
        (
            f"Webhook burst: {events:,} events delivered, each signature verified",
            delivered,
            f"{burst['unique_ids']} of {burst['events']} in {burst['deliver_seconds']} s, "
            f"{burst['bad_signatures']} bad signatures",
        ),
        (
            f"Webhook burst: {burst['page']} p95 ≤ {ratio}× quiet",
            burst["p95_ratio"] <= ratio,
            f"{burst['quiet']['p95_ms']:.1f} → {burst['burst']['p95_ms']:.1f} ms: "
            f"{burst['p95_ratio']:.2f}×",
        ),
    ]


def webhook_lines(burst: dict) -> list[str]:
    if "p95_ratio" not in burst:
        return []
    lines = [
        f"Webhook burst: {burst['events']:,} `{burst['event_type']}` events to one endpoint, "
        f"{burst['delivered']:,} delivered in {burst['deliver_seconds']} s (Celery worker "
        f"{burst['worker']}; published in {burst['publish_seconds']} s); {burst['page']} "
        f"measured {burst['seconds']} s without and {burst['seconds']} s while the rest was "
        f"delivered ({burst.get('delivered_during_window', '?')} deliveries in that window, "
        f"which they filled {burst['burst_coverage']:.0%} of).",
        "",
        "| webhook burst | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, key in (("quiet", "quiet"), ("during the burst", "burst")):
        row = burst[key]
        lines.append(
            f"| {burst['page']}, {label} | {row['throughput_rps']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p95_ms']:.1f} | {row['p99_ms']:.1f} |"
        )
    return [*lines, ""]


def markdown(results: dict) -> str:
    base = ratio_base(results)
    m = results["machine"]
    lines = [
        f"Run {results['when']} on {m['cpus']} cores ({m['cpu']}), {m['memory_gb']} GB, "
        f"Python {m['python']}; gunicorn {m['gunicorn']}; concurrency {m['concurrency']}; "
        + (
            f"`wrk` for {m['seconds_per_endpoint']} s per endpoint after a warm-up (the Python "
            "generator checks statuses and queries)."
            if m.get("generator") == "wrk"
            else f"{m['requests_per_endpoint']} requests per endpoint after a warm-up."
        ),
        "",
        "| endpoint | req/s | × `.values()` | p50 ms | p95 ms | p99 ms | queries/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results["endpoints"]:
        ratio = row["throughput_rps"] / base
        queries = ", ".join(str(q) for q in row["queries_per_request"]) or "—"
        lines.append(
            f"| {row['name']} | {row['throughput_rps']:.0f} | {ratio:.2f} | {row['p50_ms']:.1f} "
            f"| {row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {queries} |"
        )
    floor = next((row for row in results["endpoints"] if row["path"] == "/bench/values/"), None)
    if floor and "python_generator_rps" in floor:
        lines += [
            "",
            f"The generator's own cost: the floor measured {floor['python_generator_rps']:.0f} "
            f"req/s with the Python generator and {floor['throughput_rps']:.0f} with `wrk`.",
        ]
    csv = results.get("csv_export") or {}
    digest = results.get("digest") or {}
    lines += ["", f"CSV export: {json.dumps(csv)}", "", f"Digest: {json.dumps(digest)}", ""]
    lines += webhook_lines(results.get("webhooks") or {})
    lines += ["| target | met | measured |", "| --- | --- | --- |"]
    for name, ok, measured in verdicts(results):
        lines.append(f"| {name} | {'yes' if ok else '**no**'} | {measured} |")
    return "\n".join(lines) + "\n"


def svg(results: dict) -> str:
    base = ratio_base(results)
    rows = list(results["endpoints"])
    bar_h, gap, left, width = 18, 8, 250, 420
    height = len(rows) * (bar_h + gap) + 60
    top = max(1.0, max(r["throughput_rps"] / base for r in rows))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" '
        'font-family="sans-serif" font-size="12" role="img" '
        'aria-label="Throughput as a ratio of the .values() baseline">',
        "<title>Throughput as a ratio of the .values() baseline</title>",
    ]
    for i, row in enumerate(rows):
        y = 20 + i * (bar_h + gap)
        ratio = row["throughput_rps"] / base
        w = width * ratio / top
        fill = "#1f6f8b" if row["kind"] != "baseline" else "#9aa5b1"
        parts.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{escape(row["name"])}</text>'
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 13}">{ratio:.2f}×</text>'
        )
    x_half = left + width * 0.5 / top
    parts.append(
        f'<line x1="{x_half:.1f}" y1="10" x2="{x_half:.1f}" y2="{height - 30}" stroke="#b33" '
        'stroke-dasharray="4 3"/>'
        f'<text x="{x_half:.1f}" y="{height - 12}" text-anchor="middle" fill="#b33">'
        "0.5× target</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_reports(results: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    (RESULTS / "latest.md").write_text(table)
    (RESULTS / "ratios.svg").write_text(svg(results))
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{table}{END}{tail}")
