"""Timestamps come back from PostgreSQL through psycopg's own loader
(``corridor.timestamps``), as the same aware UTC datetimes Django's gave."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from psycopg.pq import Format

from corridor.timestamps import TIMESTAMPTZ
from corridor.timestamps import UtcTimestamptzLoader

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def test_a_connection_in_utc_reads_timestamps_with_psycopgs_loader():
    connection.ensure_connection()
    assert connection.connection.info.parameter_status("TimeZone") == "UTC"
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert loader is UtcTimestamptzLoader


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 3, 29, 1, 59, 59, 999999, tzinfo=datetime.UTC),
        datetime.datetime(2026, 7, 1, 14, 30, tzinfo=AMSTERDAM),
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC),
    ],
)
def test_timestamps_come_back_as_the_same_instant_in_utc(moment):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz, now()", [moment])
        read, now = cursor.fetchone()
    assert read == moment
    assert read.tzinfo is datetime.UTC
    assert now.tzinfo is datetime.UTC


def test_model_rows_read_back_what_was_written(partner_a):
    from usecases.tests.factories import UseCaseFactory

    written = UseCaseFactory(organisation=partner_a.organisation)
    read = type(written).objects.values("created", "updated").get(pk=written.pk)
    assert read == {"created": written.created, "updated": written.updated}
    assert read["created"].tzinfo is datetime.UTC
