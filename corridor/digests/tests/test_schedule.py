import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from corridor.digests.periods import PeriodError
from corridor.digests.periods import last_complete_period
from corridor.digests.periods import period_starting

from .scenario import AMS
from .scenario import at


def test_the_weekly_digest_runs_monday_at_seven_in_amsterdam():
    entry = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]
    schedule = entry["schedule"]
    assert entry["args"] == ("weekly",)
    assert schedule.hour == {7} and schedule.minute == {0}
    assert schedule.day_of_week == {1}  # crontab counts from Sunday
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


def test_the_daily_digest_runs_every_day_at_seven():
    entry = settings.CELERY_BEAT_SCHEDULE["daily-digest"]
    assert entry["args"] == ("daily",)
    assert entry["schedule"].hour == {7}
    assert entry["schedule"].day_of_week == set(range(7))


def test_every_periodic_entry_expires_before_its_next_run():
    weekly = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]["options"]["expires"]
    daily = settings.CELERY_BEAT_SCHEDULE["daily-digest"]["options"]["expires"]
    sweep = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert 0 < weekly < 7 * 24 * 3600
    assert 0 < daily < 24 * 3600
    assert 0 < sweep["options"]["expires"] < sweep["schedule"]


@pytest.mark.parametrize(
    ("now", "first_day"),
    [
        (at(2026, 3, 30, 7), datetime.date(2026, 3, 23)),  # Monday after the DST week
        (at(2026, 3, 29, 23, 59), datetime.date(2026, 3, 16)),  # still Sunday
        (at(2026, 3, 30, 0, 0), datetime.date(2026, 3, 23)),  # midnight belongs to the new week
        (datetime.datetime(2026, 3, 29, 22, 30, tzinfo=datetime.UTC), datetime.date(2026, 3, 23)),
    ],
)
def test_the_last_complete_week_is_counted_in_amsterdam(now, first_day):
    assert last_complete_period("weekly", now=now).first_day == first_day


def test_the_last_complete_day():
    period = last_complete_period("daily", now=at(2026, 10, 26, 7))
    assert period.start == datetime.datetime(2026, 10, 25, tzinfo=AMS)
    assert period.end == datetime.datetime(2026, 10, 26, tzinfo=AMS)


def test_the_digest_day_and_hour_come_from_the_environment(settings, monkeypatch):
    from corridor import env as project_settings

    monkeypatch.setenv("DIGEST_WEEKDAY", "wednesday")
    assert project_settings.env_weekday("DIGEST_WEEKDAY", "monday") == 2
    monkeypatch.setenv("DIGEST_WEEKDAY", "someday")
    with pytest.raises(ImproperlyConfigured):
        project_settings.env_weekday("DIGEST_WEEKDAY", "monday")
    monkeypatch.setenv("DIGEST_HOUR", "25")
    with pytest.raises(ImproperlyConfigured):
        project_settings.env_int_between("DIGEST_HOUR", 7, 0, 23)

    settings.CORRIDOR_DIGEST_WEEKDAY = 2
    assert last_complete_period("weekly", now=at(2026, 3, 30, 7)).first_day == datetime.date(
        2026, 3, 18
    )
    with pytest.raises(PeriodError):
        period_starting("weekly", datetime.date(2026, 3, 23))
