"""Build the weekly digest for the busiest-but-realistic week of the synthetic
corridor (the week whose changes come closest above 5,000) and a quiet week;
print time, peak memory and queries as one JSON line. Nothing is kept: the
builds run in a transaction that is rolled back."""

import datetime
import json
import resource
import time

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402
from django.db import transaction  # noqa: E402

from corridor.digests.periods import period_starting  # noqa: E402
from corridor.digests.services import build_digest  # noqa: E402
from usecases.models import StatusChange  # noqa: E402

TARGET = 5_000


class Rollback(Exception):
    pass


def changes_in(period) -> int:
    total = StatusChange.objects.filter(created__gte=period.start, created__lt=period.end).count()
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model") and model.__module__ != "__fake__":
            try:
                total += history.filter(
                    history_date__gte=period.start, history_date__lt=period.end
                ).count()
            except (AttributeError, TypeError):
                continue
    return total


def weeks(count: int):
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    for back in range(1, count + 1):
        yield period_starting("weekly", monday - datetime.timedelta(weeks=back))


def measure(period) -> dict:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    try:
        # Counted as they are run: Django's CaptureQueriesContext writes out
        # every query with its parameters, megabytes of them for a digest,
        # which cost the build half a second more than it costs in a worker.
        with transaction.atomic(), connection.execute_wrapper(count):
            digest = build_digest(period=period, force=True)
            size = len(digest.html)
            raise Rollback
    except Rollback:
        pass
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "period_start": period.first_day.isoformat(),
        "changes": changes_in(period),
        "seconds": round(seconds, 2),
        "queries": len(queries),
        "peak_mb": round(rss_after / 1024, 1),
        "growth_mb": round((rss_after - rss_before) / 1024, 1),
        "html_bytes": size,
    }


def main():
    candidates = [(changes_in(p), p) for p in weeks(40)]
    busy = min(
        (c for c in candidates if c[0] >= TARGET), default=max(candidates), key=lambda c: c[0]
    )
    quiet = min(candidates, key=lambda c: c[0])
    busy_result = measure(busy[1])
    quiet_result = measure(quiet[1])
    result = {
        **busy_result,
        "quiet_week": quiet_result,
        "queries_independent_of_changes": busy_result["queries"] == quiet_result["queries"],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
