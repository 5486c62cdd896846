import datetime

import pytest

from corridor.insight.index import corridor_index
from corridor.insight.index import corridor_index_by_intervention
from corridor.insight.index import corridor_index_series
from corridor.insight.index import month_points

d = datetime.date


def counts(index):
    return (
        index.coalitions.total,
        index.coalitions.corridor,
        index.use_cases.total,
        index.use_cases.corridor,
    )


def test_before_anything_existed_the_index_has_no_value(corridor):
    index = corridor_index(on=d(2024, 12, 31))
    assert counts(index) == (0, 0, 0, 0)
    assert index.value is None


def test_index_at_end_of_march_matches_hand_count(corridor):
    # Active: c1 (m1 + b1) and c2 (m2 + b2), both corridor; c3 forming; c4 not
    # founded. Selected: u1 (m1 + b1, corridor) and u4 (Utrecht + MRA).
    index = corridor_index(on=d(2025, 3, 31))
    assert counts(index) == (2, 2, 2, 1)
    assert index.value == pytest.approx(3 / 4)
    assert index.percent == 75


def test_coalition_whose_brainport_member_left_no_longer_counts_as_corridor(corridor):
    # The day before b1 leaves c1 the coalition still joins both poles.
    assert counts(corridor_index(on=d(2025, 6, 14), intervention=corridor["interventions"][0]))[
        :2
    ] == (3, 1)
    # After: c1 is MRA only, c3 (active since May) MRA + Utrecht, c4 Brainport only;
    # only c2 joins both poles. Use cases u1, u2 and u4 are selected.
    index = corridor_index(on=d(2025, 7, 31))
    assert counts(index) == (4, 1, 3, 1)
    assert index.value == pytest.approx(2 / 7)


def test_index_per_intervention_counts_only_that_interventions_work(corridor):
    first, second = corridor["interventions"]
    on = d(2025, 7, 31)
    per = corridor_index_by_intervention(on=on, interventions=[first, second])
    # Intervention 1: c1, c3, c4 (none corridor); u1 (corridor) and u4.
    assert counts(per[first.pk]) == (3, 0, 2, 1)
    assert per[first.pk].value == pytest.approx(1 / 5)
    # Intervention 2: c2 (corridor) and u2 (Brainport only).
    assert counts(per[second.pk]) == (1, 1, 1, 0)
    assert counts(corridor_index(on=on, intervention=second.pk)) == (1, 1, 1, 0)


def test_status_at_a_past_date_comes_from_the_history_not_todays_row(corridor, board):
    c2 = corridor["coalitions"]["c2"]
    c2.status = "closed"
    c2.save()  # closed today: the past is unchanged
    assert counts(corridor_index(on=d(2025, 3, 31))) == (2, 2, 2, 1)
    assert corridor_index().coalitions.total == 3


def test_partners_at_a_past_date_come_from_the_history(corridor):
    from .conftest import moment

    u4 = corridor["use_cases"]["u4"]
    u4.partners.add(corridor["orgs"]["b2"])  # today Utrecht, MRA and Brainport
    latest = type(u4).history.model.objects.filter(id=u4.pk).latest("history_date")
    # Noon in the portal's time zone: a UTC evening would fall on the next local day.
    type(u4).history.model.objects.filter(pk=latest.pk).update(history_date=moment(d(2025, 9, 1)))
    assert corridor_index(on=d(2025, 8, 31)).use_cases.corridor == 1
    assert corridor_index(on=d(2025, 9, 1)).use_cases.corridor == 2


def test_monthly_series_costs_a_fixed_number_of_queries(corridor, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        series = corridor_index_series(start=d(2025, 1, 1), end=d(2025, 7, 20))
    assert [point.on for point in series] == [
        d(2025, 1, 31),
        d(2025, 2, 28),
        d(2025, 3, 31),
        d(2025, 4, 30),
        d(2025, 5, 31),
        d(2025, 6, 30),
        d(2025, 7, 20),
    ]
    # January: c1 (m1 only until b1 joins in February) and c2; no use case selected.
    assert counts(series[0]) == (2, 1, 0, 0)
    assert counts(series[2]) == (2, 2, 2, 1)
    # April: c4 founded; u2 selected.
    assert counts(series[3]) == (3, 2, 3, 1)
    assert counts(series[6]) == (4, 1, 3, 1)


def test_series_queries_stay_flat_as_months_grow(corridor, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        corridor_index_series(start=d(2016, 1, 1), end=d(2025, 12, 31))


def test_month_points_cross_the_year():
    assert month_points(d(2024, 11, 15), d(2025, 2, 3)) == [
        d(2024, 11, 30),
        d(2024, 12, 31),
        d(2025, 1, 31),
        d(2025, 2, 3),
    ]


def test_a_deleted_coalition_stops_counting(corridor):
    c2 = corridor["coalitions"]["c2"]
    c2.memberships.all().delete()
    c2.delete()
    assert corridor_index(on=d(2025, 3, 31)).coalitions.total == 2
    assert corridor_index().coalitions.total == 3


def test_workflow_dated_before_the_rows_uses_the_state_right_after_creation(corridor, board):
    from usecases.tests.factories import UseCaseFactory

    from .conftest import move

    orgs = corridor["orgs"]
    # Created today with its partner, its workflow recorded as of March 2025.
    late = UseCaseFactory(title="Laat vastgelegd", organisation=orgs["m2"], partners=[orgs["b2"]])
    move(late, "selected", d(2025, 3, 1), board=board)
    assert counts(corridor_index(on=d(2025, 3, 31))) == (2, 2, 3, 2)


def test_cached_series_is_recomputed_after_any_change(corridor, django_assert_max_num_queries):
    from django.core.cache import cache

    from corridor.insight.index import cached_corridor_index_series

    cache.clear()
    start, end = d(2025, 1, 1), datetime.date.today()
    first = cached_corridor_index_series(start=start, end=end)
    with django_assert_max_num_queries(1):  # the data version only
        assert cached_corridor_index_series(start=start, end=end) == first
    c2 = corridor["coalitions"]["c2"]
    c2.status = "closed"
    c2.save()
    after = cached_corridor_index_series(start=start, end=end)
    assert after[-1].coalitions.total == first[-1].coalitions.total - 1
    assert after == corridor_index_series(start=start, end=end)


@pytest.mark.django_db
def test_a_series_in_one_sweep_equals_each_day_on_its_own():
    """Many days answered in one sweep over the history give what each day
    gives alone, overall and per intervention, on a year of synthetic work."""
    from corridor.demo.synthetic import SyntheticCorridor
    from corridor.insight.index import CorridorHistory
    from interventions.models import Intervention

    now = datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.UTC)
    SyntheticCorridor(scale="small", seed=3, now=now, log=lambda *_: None).load()
    today = now.date()
    days = month_points(datetime.date(2025, 11, 1), today)
    history = CorridorHistory(today)
    assert history.series(days)[-1].use_cases.total > 0
    for intervention in [None, *Intervention.objects.all()]:
        swept = history.series(days, intervention)
        assert swept == [history.series([day], intervention)[0] for day in days]
