"""The demo's year reads the same everywhere: in order, in the past, and
backdated in the history rows the feed, the record, the index and the digests read."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from coalitions.models import Membership
from corridor.accounts.models import User
from corridor.digests.models import Digest
from corridor.insight.index.history import CorridorHistory
from corridor.portal.dashboard import recent_activity
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo")
    return timezone.now()


def test_every_demo_use_case_has_its_history_in_order_and_in_the_past(demo):
    year_ago = demo - datetime.timedelta(days=366)
    for use_case in UseCase.objects.prefetch_related("status_changes", "assessments"):
        moves = list(use_case.status_changes.order_by("id"))
        times = [use_case.created] + [move.created for move in moves]
        assert times == sorted(times), use_case.title
        assert len(set(times)) == len(times), use_case.title
        assert year_ago < times[0] and times[-1] < demo, use_case.title
        assert use_case.updated == times[-1]
        submitted = [move.created for move in moves if move.to_status == "submitted"]
        assert use_case.submitted_at == (submitted[0] if submitted else None)
        # The history rows carry the same moments.
        history = list(use_case.history.order_by("history_id"))
        assert history[0].history_date == use_case.created
        assert {move.created for move in moves} <= {row.history_date for row in history}
        # Assessments were made while the use case was in review.
        review = [m.created for m in moves if m.to_status == "in_review"]
        after = [m.created for m in moves if m.from_status == "in_review"]
        for assessment in use_case.assessments.all():
            assert review[0] < assessment.created
            assert not after or assessment.created < after[0]
            assert assessment.history.get().history_date == assessment.created


def test_agendas_milestones_and_memberships_are_backdated_in_their_history(demo):
    today = timezone.localdate()
    for intervention in Intervention.objects.all():
        versions = list(intervention.history.order_by("history_id"))
        assert len(versions) >= 2
        dates = [version.history_date for version in versions]
        assert dates == sorted(dates) and dates[-1] < demo
        assert intervention.updated == dates[-1]
    done = Milestone.objects.filter(completed_on__isnull=False)
    assert done.exists()
    for milestone in done:
        record = milestone.history.filter(completed_on__isnull=False).earliest("history_id")
        assert timezone.localdate(record.history_date) == milestone.completed_on < today
    assert Milestone.objects.overdue(today).exists()
    assert Milestone.objects.filter(due_date__gt=today, completed_on__isnull=True).exists()
    for membership in Membership.objects.all():
        joined = membership.history.earliest("history_id")
        assert timezone.localdate(joined.history_date) == membership.joined < today
        if membership.left:
            left = membership.history.latest("history_id")
            assert timezone.localdate(left.history_date) == membership.left


def test_the_activity_feeds_first_page_spans_more_than_a_day(demo):
    board = User.objects.get(username="demo-bestuur")
    activity = recent_activity(board)
    assert len(activity) >= 10
    assert len({timezone.localdate(item.when) for item in activity}) > 1
    assert len({item.when for item in activity}) == len(activity)
    assert all(item.when < demo for item in activity)


def test_eight_weekly_digests_each_tell_a_week_of_work(demo):
    digests = list(Digest.objects.order_by("period_start"))
    assert len(digests) == 8
    assert len({digest.period_start for digest in digests}) == 8
    for earlier, later in zip(digests, digests[1:], strict=False):
        assert later.period_start == earlier.period_end
    for digest in digests:
        assert digest.frequency == "weekly"
        assert digest.data["quiet"] is False, digest
        assert digest.text.strip()
        assert digest.generated_at > digest.period_end
        assert digest.sent_at is not None
        assert not digest.deliveries.exists()  # sent to no one


def test_the_corridor_index_at_past_dates_follows_the_history(demo):
    today = timezone.localdate()
    history = CorridorHistory(today)

    def coalitions(days_ago):
        return history.at(today - datetime.timedelta(days=days_ago)).coalitions

    # 330 days ago only the Eindhoven coalition for care and defence was active.
    assert (coalitions(330).total, coalitions(330).corridor) == (1, 0)
    # 250 days ago six were active, four of them joining both poles.
    assert (coalitions(250).total, coalitions(250).corridor) == (6, 4)
    # 90 days ago the photonics chain lost its Brainport member.
    assert (coalitions(80).total, coalitions(80).corridor) == (6, 3)
    values = {history.at(today - datetime.timedelta(days=d)).value for d in (330, 250, 80)}
    assert len(values) == 3
