"""Timestamps read by psycopg's compiled loader.

Django reads every ``timestamptz`` through a Python subclass of psycopg's
loader, so that values arrive in the connection's time zone whatever the
session's own is. With ``USE_TZ`` Django sets every session to UTC when it
connects, so psycopg's own loader, compiled when ``psycopg[binary]`` is
installed, returns the same aware UTC datetimes. A page of 50 use cases reads
150 timestamps, and a CSV export of 10,000 rows 30,000: parsing them in Python
cost a tenth of the page.
"""

import datetime

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import Format

TIMESTAMPTZ = psycopg.adapters.types["timestamptz"].oid
# psycopg's loader: the compiled one when psycopg[binary] is installed.
PsycopgTimestamptzLoader = psycopg.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)


class UtcTimestamptzLoader(Loader):
    """psycopg's loader for a session in UTC. ``timezone`` is what Django
    compares before putting its own loader on a cursor: they agree, so it
    does not. (The compiled loader cannot be subclassed, so it is wrapped.)"""

    timezone = datetime.UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._load = PsycopgTimestamptzLoader(oid, context).load

    def load(self, data):
        return self._load(data)


def use_compiled_loader(sender, connection, **kwargs):
    """On a new PostgreSQL connection whose session Django has set to UTC."""
    if connection.vendor != "postgresql" or connection.timezone != datetime.UTC:
        return
    if connection.connection.info.parameter_status("TimeZone") == "UTC":
        connection.connection.adapters.register_loader("timestamptz", UtcTimestamptzLoader)
