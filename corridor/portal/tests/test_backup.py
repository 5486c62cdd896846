"""Backup and restore round-trip the demo corridor: every row, every history record."""

import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts(dbname: str) -> dict[str, int]:
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname=dbname
    ) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture
def empty_database(settings):
    name = f"restore_{uuid.uuid4().hex[:10]}"
    params = connection.settings_dict
    admin = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    with psycopg.connect(**admin, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**admin, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_round_trip_the_demo_corridor(tmp_path, settings, empty_database):
    call_command("load_demo")
    source = connection.settings_dict["NAME"]
    before = table_counts(source)
    assert before["usecases_historicalusecase"] > 0
    assert before["interventions_historicalintervention"] > 0

    call_command("backup_db", "--directory", str(tmp_path))
    (archive,) = tmp_path.glob("corridor-*.dump")

    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = empty_database
    try:
        call_command("restore_db", str(archive))
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original

    assert table_counts(empty_database) == before


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("backup_db", "--directory", str(tmp_path))
    (archive,) = tmp_path.glob("corridor-*.dump")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_db", str(archive))


def test_restore_of_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No backup archive"):
        call_command("restore_db", str(tmp_path / "nope.dump"))
