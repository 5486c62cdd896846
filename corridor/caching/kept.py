"""The one cache: a result kept until the data it was computed from changes.

``kept(name, compute, vary=…)`` keys what ``compute()`` returns by ``name``,
``vary`` (whatever else it depends on: the language, the audience, the day,
a page number) and the database's data version: its name, its epoch and the
value every commit to a tracked table moves (``corridor.caching.tracking``).
So nobody lists what a result depends on, and no reader is served a result
older than the last commit.

What a computation reads is watched: if it reads a table that is not tracked,
its result is not kept (and, with ``CACHING_STRICT`` on, as in the tests,
``UntrackedRead`` is raised), since a write there would not move the version.

A value missing at a version is computed by one reader at a time: the others
wait for it (at most ``WAIT_SECONDS``, then compute it themselves), so the
readers who arrive right after a commit do not each compute the same result.

Only PostgreSQL carries the version; elsewhere (the SQLite demo) nothing is
kept. Readers whose view depends on who they are get theirs computed
(``kept_for``); ``vary`` must only take values from a bounded set (lists
keep pages 1 to ``KEPT_PAGES``), so what a visitor can add is bounded.
"""

import logging
import re
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .tracking import all_tables
from .tracking import tracked_tables

KEEP_SECONDS = 24 * 60 * 60
# How long a reader waits for another's computation of the same value, and how
# long a computation may claim it (a reader that died frees it then).
WAIT_SECONDS = 10
CLAIM_SECONDS = 60
POLL_SECONDS = 0.05
# Pages past this one are computed, not kept: a visitor cannot fill the cache
# with every page number.
KEPT_PAGES = 5

logger = logging.getLogger(__name__)
_IDENTIFIER = re.compile(r'"([^"]+)"')


class UntrackedRead(RuntimeError):
    """A kept computation read a table whose writes do not move the version."""


def data_version() -> str | None:
    """``database:epoch:value``, or ``None`` where nothing is kept."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT epoch, value FROM caching_dataversion LIMIT 1")
        row = cursor.fetchone()
    if row is None:
        return None
    return f"{connection.settings_dict['NAME']}:{row[0]}:{row[1]}"


@contextmanager
def _watching(read: set):
    tables = all_tables()

    def watch(execute, sql, params, many, context):
        read.update(name for name in _IDENTIFIER.findall(sql) if name in tables)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield


def version_key(name: str, *vary) -> str | None:
    """The cache key of ``name`` and ``vary`` at the current data version, or
    ``None`` where nothing is kept. ``kept`` keys by it; so does what remembers
    a value without computing it (where a deep page starts)."""
    version = data_version()
    if version is None:
        return None
    return ":".join(("kept", name, *(str(part) for part in vary), version))


def kept(name: str, compute, *, vary=(), seconds: int = KEEP_SECONDS):
    """``compute()``, kept under ``name`` and ``vary`` until the data changes.
    ``None`` (nothing found) is not kept."""
    key = version_key(name, *vary)
    if key is None:
        return compute()
    value = cache.get(key)
    if value is not None:
        return value
    claim = f"{key}:computing"
    if not cache.add(claim, 1, CLAIM_SECONDS):
        value = _awaited(key, claim)
        if value is not None:
            return value
        return _computed(name, key, compute, seconds)
    try:
        # Kept meanwhile by a reader who had claimed it before.
        value = cache.get(key)
        return value if value is not None else _computed(name, key, compute, seconds)
    finally:
        cache.delete(claim)


def _awaited(key: str, claim: str):
    """The value another reader is computing, once kept; ``None`` when they
    gave up (nothing to keep, an error) or it takes longer than ``WAIT_SECONDS``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None or not cache.has_key(claim):
            return value
    return None


def _computed(name: str, key: str, compute, seconds: int):
    read: set[str] = set()
    with _watching(read):
        value = compute()
    if value is None:
        return value  # nothing found is never kept
    untracked = read - tracked_tables()
    if untracked:
        message = f"{name} reads untracked tables {sorted(untracked)}: not kept"
        if getattr(settings, "CACHING_STRICT", False):
            raise UntrackedRead(message)
        logger.error(message)
        return value
    cache.set(key, value, seconds)
    return value


def shared_audience(user) -> str | None:
    """Readers who all see the same: ``"public"`` (not logged in) or
    ``"board"`` (who see everything); ``None`` for anyone whose view depends on
    who they are."""
    if not (user and user.is_authenticated):
        return "public"
    if user.is_board:
        return "board"
    return None


def kept_for(user, name: str, compute, *, vary=()):
    """``kept`` per audience for readers who all see the same
    (``shared_audience``); computed for anyone whose view depends on who they are."""
    audience = shared_audience(user)
    if audience is None:
        return compute()
    return kept(name, compute, vary=(audience, *vary))


def keeps_page(number: int) -> bool:
    """Whether a page number is one a kept list keeps (a bounded set)."""
    return 1 <= number <= KEPT_PAGES
