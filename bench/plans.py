"""The query plans of the lists whose speed depends most on them: search and
filtered lists, read with ``EXPLAIN (ANALYZE, BUFFERS)`` on the loaded corridor."""

from bench.server import log


def explain_plans() -> dict:
    """EXPLAIN ANALYZE the main query of search and filtered lists."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from corridor.accounts.models import User

    # The benchmark's ALLOWED_HOSTS are the loopback names, not "testserver".
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username="synthetic-board"))
    plans = {}
    for name, path in [
        ("search", "/api/v1/use-cases/?page_size=50&search=gemeenten"),
        # A word in no synthetic use case: the count is read from the GIN index.
        ("search, a rare word", "/api/v1/use-cases/?page_size=50&search=waterstof"),
        (
            "filtered",
            "/api/v1/use-cases/?page_size=50&intervention=ai-semicon&status=in_review&region=mra",
        ),
        ("overdue milestones", "/api/v1/milestones/?overdue=true&page_size=50"),
    ]:
        with CaptureQueriesContext(connection) as captured:
            client.get(path, HTTP_ACCEPT="application/json")
        # Every query of the list itself (the count, the page's keys, its rows),
        # not the session, user or lookup of a filter value.
        listing = [
            q["sql"]
            for q in captured.captured_queries
            if "LIMIT" in q["sql"] and "ORDER BY" in q["sql"] or "LIMIT 1001" in q["sql"]
        ]
        if not listing:
            continue
        parts = []
        with connection.cursor() as cursor:
            for sql in listing:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                parts.append(f"-- {sql[:160]}…\n" + "\n".join(row[0] for row in cursor.fetchall()))
        plan = "\n\n".join(parts)
        plans[name] = plan
        log(f"\nEXPLAIN {name}: {path}\n{plan}\n")
    return plans
