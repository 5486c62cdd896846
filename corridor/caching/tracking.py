"""Every table is tracked: a commit that writes one moves the data version.

On PostgreSQL each table of the database (but ``UNTRACKED``) carries a
deferred constraint trigger that, once per transaction and at its commit,
adds one to ``caching_dataversion.value``. The version therefore moves in the
same commit as the data, whatever wrote it — the ORM, ``QuerySet.update``,
``bulk_create``, ``loaddata``, raw SQL or a restore script — and a reader
never sees new data under an old version. The counter's row is the last lock
a writing transaction takes, so writers queue at commit but never deadlock.

Tables are found, not listed: ``track_every_table`` runs after every
``migrate``, gives each table without the trigger its trigger and takes it
from a table named in ``UNTRACKED``.
"""

import functools

from django.db import connections

# Tables whose rows no kept result may read, and whose writes must not move
# the version: sessions, the login lockout's log, API token bookkeeping (when
# a token was used; not the tokens themselves), the outboxes' sending
# bookkeeping (every claim, attempt and outcome of an email or a webhook
# delivery: a burst of them would otherwise empty every kept page at each
# step), and the version itself. What is announced is written in the
# announcing transaction, which moves the version through its own tables.
UNTRACKED = frozenset(
    {
        "caching_dataversion",
        "accounts_apitokenuse",
        "accounts_apitokenevent",
        "digests_delivery",
        "digests_notification",
        "digests_invitationnotification",
        "digests_proposalnotification",
        "webhooks_event",
        "webhooks_delivery",
        "webhooks_attempt",
        "django_migrations",
        "django_session",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
)

FUNCTION = """
CREATE OR REPLACE FUNCTION corridor_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    stamp text;
BEGIN
    -- Once per statement of a transaction: at commit, the deferred events of
    -- all its writes fire in the one COMMIT statement, so once per commit.
    stamp := txid_current()::text || '@' || statement_timestamp()::text;
    IF current_setting('corridor.data_changed', true) IS DISTINCT FROM stamp THEN
        PERFORM set_config('corridor.data_changed', stamp, true);
        UPDATE caching_dataversion SET value = value + 1;
    END IF;
    RETURN NULL;
END
$$
"""

TRIGGERS = """
CREATE CONSTRAINT TRIGGER corridor_data_changed
    AFTER INSERT OR UPDATE OR DELETE ON {table}
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION corridor_data_changed();
CREATE TRIGGER corridor_data_truncated
    AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION corridor_data_changed();
"""

UNTRIGGER = """
DROP TRIGGER IF EXISTS corridor_data_changed ON {table};
DROP TRIGGER IF EXISTS corridor_data_truncated ON {table};
"""

TRACKED_QUERY = """
SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE t.tgname = 'corridor_data_changed' AND c.relnamespace = 'public'::regnamespace
"""


def track_every_table(*, using="default", **kwargs):
    """Give every table of ``using`` (but ``UNTRACKED``) its trigger; idempotent."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        tables = {
            info.name
            for info in connection.introspection.get_table_list(cursor)
            if info.type == "t"
        }
        if "caching_dataversion" not in tables:
            return  # this app's migration has not run yet
        cursor.execute(FUNCTION)
        cursor.execute(
            "INSERT INTO caching_dataversion (value, epoch) "
            "SELECT 0, gen_random_uuid() WHERE NOT EXISTS (SELECT 1 FROM caching_dataversion)"
        )
        cursor.execute(TRACKED_QUERY)
        tracked = {row[0] for row in cursor.fetchall()}
        for table in sorted(tables - tracked - UNTRACKED):
            cursor.execute(TRIGGERS.format(table=connection.ops.quote_name(table)))
        for table in sorted(tracked & UNTRACKED):
            cursor.execute(UNTRIGGER.format(table=connection.ops.quote_name(table)))
    tracked_tables.cache_clear()


@functools.cache
def tracked_tables(using="default") -> frozenset[str]:
    """The tables whose writes move the data version (looked up once per process)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(TRACKED_QUERY)
        return frozenset(row[0] for row in cursor.fetchall())


@functools.cache
def all_tables(using="default") -> frozenset[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return frozenset(connection.introspection.table_names(cursor))


def move_at_each_statement(using="default") -> None:
    """Within this transaction, move the version at each writing statement
    rather than at commit: for tests, whose transaction never commits."""
    with connections[using].cursor() as cursor:
        cursor.execute("SET CONSTRAINTS corridor_data_changed IMMEDIATE")


def start_again(using="default") -> None:
    """A new epoch: after a restore the values count a history of their own."""
    with connections[using].cursor() as cursor:
        cursor.execute("UPDATE caching_dataversion SET epoch = gen_random_uuid()")
