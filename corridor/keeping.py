"""Results kept in the cache until the rows they are read from change.

Counting or rendering over the whole corridor on every visit of a page costs
more than the rest of it. What is kept is keyed by ``newest_rows_signature``
of every table it is read from. Those are histories, where every write records
a row (a delete too), or tables that only grow, so a change is seen on the next
request and no reader sees a stale result. A write that bypasses the history
(``QuerySet.update``, ``bulk_create``) must record one itself, as the synthetic
loader does.
"""

import functools

from django.apps import apps
from django.core.cache import cache
from django.db import connection

KEEP_SECONDS = 24 * 60 * 60

# A paged list keeps its first few pages only (in the portal and the API):
# the pages most read, and a bound on what a visitor trying page numbers can
# make the cache hold. Later pages are computed on each request.
KEPT_PAGES = 5

# The transactions open in the cluster as the query's snapshot sees them, in
# order; the empty string when there are none.
IN_PROGRESS = (
    "(SELECT COALESCE(string_agg(xid::text, ',' ORDER BY xid), '')"
    " FROM pg_snapshot_xip(pg_current_snapshot()) AS xid)"
)


@functools.cache
def models_named(names: tuple[str, ...]) -> tuple:
    """The models named ``"app_label.ModelName"``, looked up once."""
    return tuple(apps.get_model(name) for name in names)


@functools.cache
def history_of(model):
    """``model.history.model``, looked up once: simple_history's descriptor
    builds a new manager class on every access, a third of a millisecond."""
    return model.history.model


def newest_rows_signature(sources) -> str:
    """The newest primary key of each model in ``sources``, in one query of
    index-only lookups. For a history (every write records a row, deletes too)
    or an insert-only table it changes iff the data has.

    A key is handed out at insert, not at commit: a write that commits after a
    later one already has adds a row below the newest. On PostgreSQL the
    signature therefore also names the transactions in progress (none, most of
    the time), so what was read while one of them was open is not the answer
    once it has committed."""
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})"
        for model in sources
    ]
    if connection.vendor == "postgresql":
        parts.append(IN_PROGRESS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # noqa: S608 - model names only
        return "-".join(str(value) for value in cursor.fetchone() if value != "")


def kept(name: str, sources, compute, *, vary=(), seconds: int = KEEP_SECONDS):
    """``compute()``, kept in the cache under ``name`` and ``vary`` (the
    language, the reader's kind, the day: whatever else it depends on) until
    the newest row of one of ``sources`` changes. One query when it is kept."""
    key = ":".join((name, *(str(part) for part in vary), newest_rows_signature(sources)))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def shared_audience(user) -> str | None:
    """Readers who all see the same: ``"public"`` (not logged in) or
    ``"board"`` (who see everything); ``None`` for anyone whose view depends on
    who they are. What such an audience sees may be kept for all of them."""
    if not (user and user.is_authenticated):
        return "public"
    if user.is_board:
        return "board"
    return None


def kept_for(user, name: str, sources, compute, *, vary=()):
    """``kept`` per audience for readers who all see the same
    (``shared_audience``); computed for anyone whose view depends on who they
    are."""
    audience = shared_audience(user)
    if audience is None:
        return compute()
    return kept(name, sources, compute, vary=(audience, *vary))
