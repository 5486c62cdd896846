import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import ProtectedError

from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from interventions.services import complete_milestone
from interventions.services import restore_agenda
from interventions.services import update_agenda
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from interventions.tests.factories import MilestoneFactory
from interventions.tests.factories import bulk_lines_of_2026

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = datetime.date(2026, 11, 27)


def test_intervention_number_and_slug_are_unique(intervention):
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(number=1, slug="other", title_nl="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(number=2, slug=intervention.slug, title_nl="X")


def test_action_line_end_before_start_is_refused_by_the_database(intervention):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLine.objects.create(
            intervention=intervention,
            title="Achterstevoren",
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 4, 1),
        )


def test_action_line_end_before_start_is_a_validation_error_on_end_date(intervention):
    line = ActionLine(
        intervention=intervention,
        title="Achterstevoren",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "end_date" in excinfo.value.message_dict


def test_unknown_status_and_kind_are_refused(intervention):
    line = ActionLineFactory.build(intervention=intervention, status="paused", kind="party")
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert {"status", "kind"} <= set(excinfo.value.message_dict)


def test_baseline_is_set_from_the_first_plan_and_shows_slippage(intervention):
    line = ActionLineFactory(
        intervention=intervention,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 6, 30),
    )
    line.end_date = datetime.date(2026, 8, 29)
    line.save()
    line.refresh_from_db()
    assert line.baseline_end == datetime.date(2026, 6, 30)
    assert line.slipped_days == 60


def test_deleting_an_intervention_with_action_lines_is_refused(intervention):
    ActionLineFactory(intervention=intervention)
    with pytest.raises(ProtectedError):
        intervention.delete()


def test_progress_is_the_share_of_completed_milestones(intervention):
    line = ActionLineFactory(intervention=intervention)
    MilestoneFactory(action_line=line, completed_on=datetime.date(2026, 2, 1))
    MilestoneFactory(action_line=line)
    MilestoneFactory(action_line=line)
    MilestoneFactory(action_line=line, completed_on=datetime.date(2026, 3, 1))
    empty = ActionLineFactory(intervention=intervention)
    rows = {row.pk: row for row in ActionLine.objects.with_progress()}
    assert rows[line.pk].progress == 0.5
    assert (rows[line.pk].milestone_count, rows[line.pk].milestones_done) == (4, 2)
    assert rows[empty.pk].progress is None


def test_overdue_milestone_is_past_due_and_not_completed(intervention):
    line = ActionLineFactory(intervention=intervention)
    late = MilestoneFactory(action_line=line, due_date=datetime.date(2026, 10, 1))
    done_late = MilestoneFactory(
        action_line=line,
        due_date=datetime.date(2026, 10, 1),
        completed_on=datetime.date(2026, 10, 5),
    )
    upcoming = MilestoneFactory(action_line=line, due_date=datetime.date(2026, 12, 24))
    flags = {m.pk: m.overdue for m in Milestone.objects.with_overdue(today=TODAY)}
    assert flags == {late.pk: True, done_late.pk: False, upcoming.pk: False}
    assert list(Milestone.objects.overdue(today=TODAY)) == [late]


def test_action_line_is_overdue_when_past_end_or_with_an_overdue_milestone(intervention):
    past_end = ActionLineFactory(
        intervention=intervention,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 6, 1),
    )
    closed = ActionLineFactory(
        intervention=intervention,
        status="done",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 6, 1),
    )
    late_milestone = ActionLineFactory(intervention=intervention)
    MilestoneFactory(action_line=late_milestone, due_date=datetime.date(2026, 11, 1))
    on_track = ActionLineFactory(intervention=intervention)
    overdue = set(ActionLine.objects.overdue(today=TODAY))
    assert overdue == {past_end, late_milestone}
    assert set(ActionLine.objects.not_overdue(today=TODAY)) == {closed, on_track}


def test_progress_costs_one_query_for_a_thousand_rows(intervention, django_assert_num_queries):
    lines = bulk_lines_of_2026(intervention, 1000)
    Milestone.objects.bulk_create(
        Milestone(action_line=line, title="M", due_date=datetime.date(2026, 6, 1)) for line in lines
    )
    with django_assert_num_queries(1):
        rows = list(ActionLine.objects.with_progress())
    assert len(rows) == 1000
    assert {row.progress for row in rows} == {0.0}


def test_agenda_versions_are_kept_and_restoring_adds_a_version(intervention, board):
    first_text = intervention.agenda
    update_agenda(intervention=intervention, text="## Tweede versie", actor=board)
    first = intervention.history.order_by("history_date").first()
    restore_agenda(intervention=intervention, history_id=first.history_id, actor=board)
    intervention.refresh_from_db()
    assert intervention.agenda == first_text
    texts = [h.agenda for h in intervention.history.order_by("history_date")]
    assert texts == [first_text, "## Tweede versie", first_text]


def test_only_the_board_edits_the_agenda(intervention, partner_a, reviewer):
    for user in (partner_a, reviewer):
        with pytest.raises(PermissionDenied):
            update_agenda(intervention=intervention, text="x", actor=user)


def test_lead_organisation_partner_may_complete_a_milestone_others_may_not(
    intervention, org_a, partner_a, partner_b, reviewer, board
):
    line = ActionLineFactory(intervention=intervention, lead_organisation=org_a)
    milestone = MilestoneFactory(action_line=line)
    for user in (partner_b, reviewer):
        with pytest.raises(PermissionDenied):
            complete_milestone(milestone=milestone, actor=user)
    complete_milestone(milestone=milestone, actor=partner_a, on=TODAY)
    milestone.refresh_from_db()
    assert milestone.completed_on == TODAY
    assert milestone.history.latest().history_user == partner_a


def test_title_falls_back_to_the_other_language():
    from django.utils import translation

    intervention = InterventionFactory(number=7, title_nl="Alleen Nederlands", title_en="")
    with translation.override("en"):
        assert intervention.title == "Alleen Nederlands"
    intervention.title_en = "English"
    with translation.override("en"):
        assert intervention.title == "English"
    with translation.override("nl"):
        assert intervention.title == "Alleen Nederlands"
