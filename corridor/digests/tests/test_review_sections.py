"""The digest reports the review round: assignments waiting too long for an
assessment, questions unanswered at the end of the period, and selections
made on fewer assessments than required."""

import datetime

import pytest
import time_machine

from corridor.accounts.tests.factories import reviewer_user
from corridor.digests.periods import period_starting
from corridor.digests.services import build_digest
from usecases.review import services as review
from usecases.services import transition_use_case
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 3, 2)


def moment(day, hour=10):
    return datetime.datetime(2026, 2, 1, hour, tzinfo=datetime.UTC) + datetime.timedelta(days=day)


def test_the_digest_reports_overdue_assignments_open_questions_and_overrides(
    partner_a, board, intervention
):
    late, quick = reviewer_user(username="traag"), reviewer_user(username="snel")
    with time_machine.travel(moment(0), tick=False):
        waiting = use_case_in(
            "in_review", partner=partner_a, board=board, intervention=intervention, title="Wachtend"
        )
        chosen = use_case_in(
            "in_review", partner=partner_a, board=board, intervention=intervention, title="Gekozen"
        )
        asked = use_case_in(
            "in_review", partner=partner_a, board=board, intervention=intervention, title="Gevraagd"
        )
        review.assign_reviewer(use_case=waiting, reviewer=late, actor=board)
        review.assign_reviewer(use_case=chosen, reviewer=quick, actor=board)
    with time_machine.travel(moment(30), tick=False):  # in the week of 2 March
        review.ask_question(use_case=asked, text="Wie betaalt?", actor=board)
        transition_use_case(
            use_case=chosen, to="selected", actor=board, reason="Sterk", override_reason="Haast."
        )
    with time_machine.travel(datetime.datetime(2026, 3, 9, 8, tzinfo=datetime.UTC), tick=False):
        digest = build_digest(period=period_starting("weekly", WEEK))
    text = digest.text
    assert "Beoordelingsopdrachten die te lang op een beoordeling wachten" in text
    assert "Wachtend: traag" in text
    assert "snel" not in text.split("Gekozen met minder")[0].split("te lang op een")[-1]
    assert "Vragen aan partners die nog niet beantwoord zijn" in text
    assert "Gevraagd (" in text
    assert "Gekozen met minder beoordelingen dan vereist" in text
    assert "0 van 2 beoordelingen — Haast." in text
