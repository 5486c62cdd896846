"""Strict readers of the environment for ``corridor.settings``.

Each parses one variable and fails at start with ``ImproperlyConfigured``
naming the variable and the value it refused, rather than running with a
misread setting (Healthchecks' ``envbool`` refuses anything but true/false).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()
# A ``.env`` file beside ``manage.py`` is read first; the environment wins over it.
ENV_FILE = Path(__file__).resolve().parent.parent / ".env"
if ENV_FILE.is_file():
    environ.Env.read_env(ENV_FILE)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RATE_PERIODS = ("second", "minute", "hour", "day", "s", "m", "h", "d")


def env_bool(name: str, default: bool) -> bool:
    """A strict boolean: only true/false/1/0/yes/no/on/off are accepted."""
    raw = env.str(name, default=None)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int_between(name: str, default: int, low: int, high: int) -> int:
    raw = env.str(name, default=str(default)).strip()
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {low} to {high}, not {raw!r}."
        )
    return int(raw)


def env_weekday(name: str, default: str) -> int:
    """A weekday by English name (monday … sunday, or mon … sun): 0 is Monday."""
    raw = env.str(name, default=default).strip().lower()
    for number, day in enumerate(WEEKDAYS):
        if raw in (day, day[:3]):
            return number
    raise ImproperlyConfigured(f"{name} must be a weekday such as monday, not {raw!r}.")


def env_rate(name: str, default: str) -> str:
    """A rate such as ``30/hour``: a whole number, a slash, second/minute/hour/day."""
    raw = env.str(name, default=default).strip().lower()
    number, _slash, period = raw.partition("/")
    if not number.isdigit() or period not in RATE_PERIODS:
        raise ImproperlyConfigured(f"{name} must look like 30/hour or 10/minute, not {raw!r}.")
    return raw


def env_client_ip_header(name: str, default: str, *, trusted_proxies: int) -> str:
    """The header trusted proxies write the client's address to. Setting it
    without ``TRUSTED_PROXY_COUNT`` is refused: with no proxy the client
    writes the header itself."""
    raw = env.str(name, default="").strip()
    if raw and not trusted_proxies:
        raise ImproperlyConfigured(
            f"{name} is read only behind trusted proxies: set TRUSTED_PROXY_COUNT "
            "to the number of proxies in front of the portal (usually 1), or unset the header."
        )
    if raw and not raw.replace("-", "").isalnum():
        raise ImproperlyConfigured(
            f"{name} must be a header name such as X-Forwarded-For, not {raw!r}."
        )
    return raw or default


def env_proxy_ssl_header(name: str, default: str) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER`` from a header name such as ``X-Forwarded-Proto``
    (its value ``https`` marks a secure request); empty: no proxy sets one."""
    header = env.str(name, default=default)
    return ("HTTP_" + header.upper().replace("-", "_"), "https") if header else None


def env_database(
    name: str, default: str, *, conn_max_age: int, prepare_threshold: int, jit: bool
) -> dict:
    """The database of ``DATABASE_URL``, with persistent, health-checked connections.

    On PostgreSQL, parameters are bound by the server and a statement run
    ``prepare_threshold`` times on a connection is prepared there: the hot
    queries (a token, a page of use cases) are then planned once per
    connection, not on every request (0 turns preparing off). Without ``jit``
    plans are not JIT-compiled: that pays off for long analytical queries, and
    the portal's are short; the few whose estimate passes the threshold (the
    digest's windows over every organisation) spent their time compiling.
    With ``jit`` the server's setting stands.
    """
    database = env.db(name, default=default)
    database["ATOMIC_REQUESTS"] = False
    database["CONN_MAX_AGE"] = conn_max_age
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options.update(server_side_binding=True, prepare_threshold=prepare_threshold or None)
        if not jit:
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database
