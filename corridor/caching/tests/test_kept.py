"""The one cache: kept until any commit writes a tracked table, whatever wrote it."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db import transaction

from corridor.caching.kept import UntrackedRead
from corridor.caching.kept import data_version
from corridor.caching.kept import kept
from corridor.caching.kept import kept_for
from corridor.caching.tracking import UNTRACKED
from corridor.caching.tracking import start_again
from corridor.caching.tracking import tracked_tables
from interventions.models import Intervention
from interventions.tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value()

    return compute, calls


def test_kept_until_a_write_and_apart_per_variant(django_assert_num_queries):
    compute, calls = _counting(Intervention.objects.count)
    assert kept("test", compute, vary=("nl",)) == 0
    with django_assert_num_queries(1):  # the data version only
        assert kept("test", compute, vary=("nl",)) == 0
    assert kept("test", compute, vary=("en",)) == 0
    assert len(calls) == 2
    InterventionFactory()
    assert kept("test", compute, vary=("nl",)) == 1
    assert len(calls) == 3


@pytest.mark.parametrize(
    "write",
    [
        lambda: Intervention.objects.update(title_nl="Bijgewerkt"),
        lambda: Intervention.objects.bulk_create(
            [Intervention(number=9, slug="negen", title_nl="Negen", title_en="Nine")]
        ),
        lambda: connection.cursor().execute("UPDATE interventions_intervention SET number = 7"),
    ],
    ids=["queryset-update", "bulk-create", "raw-sql"],
)
def test_a_write_that_bypasses_the_history_still_moves_the_version(write):
    InterventionFactory(number=1)
    before = data_version()
    write()
    assert data_version() != before


def test_a_kept_computation_reading_an_untracked_table_is_refused():
    def reads_sessions():
        with connection.cursor() as cursor:
            cursor.execute('SELECT COUNT(*) FROM "django_session"')
            return cursor.fetchone()[0]

    with pytest.raises(UntrackedRead, match="django_session"):
        kept("test-untracked", reads_sessions)


def test_every_table_is_tracked_but_the_bookkeeping_ones():
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert tables - tracked_tables() == UNTRACKED & tables
    assert "usecases_usecase" in tracked_tables()


def test_a_table_named_untracked_loses_its_trigger_at_the_next_migrate():
    from corridor.caching.tracking import TRIGGERS
    from corridor.caching.tracking import track_every_table

    with connection.cursor() as cursor:
        cursor.execute(TRIGGERS.format(table='"webhooks_delivery"'))
    tracked_tables.cache_clear()
    assert "webhooks_delivery" in tracked_tables()
    track_every_table()
    assert "webhooks_delivery" not in tracked_tables()


def test_the_key_names_the_database_and_its_epoch():
    version = data_version()
    assert version.startswith(f"{connection.settings_dict['NAME']}:")
    start_again()  # a restore starts a new history
    assert data_version() != version


def test_kept_for_the_public_and_the_board_apart_and_computed_for_anyone_else(board, partner_a):
    compute, calls = _counting(lambda: len(calls))
    for reader in (AnonymousUser(), board):
        first = kept_for(reader, "test-audience", compute)
        assert kept_for(reader, "test-audience", compute) == first
    assert len(calls) == 2
    kept_for(partner_a, "test-audience", compute)
    kept_for(partner_a, "test-audience", compute)
    assert len(calls) == 4


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_at_commit_and_not_before():
    """A reader never sees new data under an old version: the version moves
    in the writer's own commit."""
    written, commit, done = threading.Event(), threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                InterventionFactory()
                written.set()
                commit.wait(10)
        finally:
            done.set()
            connection.close()

    thread = threading.Thread(target=writer)
    before = data_version()
    thread.start()
    try:
        assert written.wait(10)
        assert data_version() == before
        assert kept("test-commit", Intervention.objects.count) == 0
    finally:
        commit.set()
        thread.join(10)
    assert data_version() != before
    assert kept("test-commit", Intervention.objects.count) == 1


def test_a_value_another_reader_is_computing_is_awaited_not_computed_again():
    from django.core.cache import cache

    from corridor.caching.kept import version_key

    key = version_key("test-awaited")
    claim = f"{key}:computing"
    assert cache.add(claim, 1)

    def other_reader():
        cache.set(key, "theirs")
        cache.delete(claim)

    timer = threading.Timer(0.2, other_reader)
    timer.start()
    try:
        compute, calls = _counting(lambda: "mine")
        assert kept("test-awaited", compute) == "theirs"
    finally:
        timer.join(5)
    assert calls == []
    assert not cache.has_key(claim)


def test_a_reader_waits_a_bounded_time_then_computes_it_itself(monkeypatch):
    from django.core.cache import cache

    from corridor.caching import kept as keeping

    monkeypatch.setattr(keeping, "WAIT_SECONDS", 0.2)
    claim = f"{keeping.version_key('test-stuck')}:computing"
    assert cache.add(claim, 1)
    compute, calls = _counting(lambda: "mine")
    assert kept("test-stuck", compute) == "mine"
    assert calls == [1]
    cache.delete(claim)


def test_a_failed_computation_frees_its_claim():
    from django.core.cache import cache

    from corridor.caching.kept import version_key

    def broken():
        raise ValueError("no")

    with pytest.raises(ValueError):
        kept("test-broken", broken)
    assert not cache.has_key(f"{version_key('test-broken')}:computing")
    compute, calls = _counting(lambda: 7)
    assert kept("test-broken", compute) == 7
    assert calls == [1]
