"""The review round as the Board runs it: conflicts of interest on crafted
organisations, the queue and its ages (paused while the partner holds a use
case), notifications written once through the outbox, blind review with
assignments, and the override of the required number of assessments."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalitions.tests.factories import CoalitionFactory
from coalitions.tests.factories import MembershipFactory
from coalitions.tests.factories import OrganisationFactory
from corridor.accounts.tests.factories import reviewer_user
from corridor.digests.models import Notification
from usecases.models import Assessment
from usecases.models import Comment
from usecases.models import DeclaredConflict
from usecases.models import ReviewAssignment
from usecases.models import SelectionOverride
from usecases.models import UseCase
from usecases.policies import UseCasePolicy
from usecases.review import services as review
from usecases.review.conflicts import conflicts_of
from usecases.review.queue import ANSWER
from usecases.review.queue import ASSESSMENTS
from usecases.review.queue import ASSIGNMENT
from usecases.review.queue import DECISION
from usecases.review.queue import board_queue
from usecases.review.queue import reviewer_queue
from usecases.services import TransitionError
from usecases.services import record_assessment
from usecases.services import transition_use_case
from usecases.tests.helpers import use_case_in

pytestmark = pytest.mark.django_db

S = UseCase.Status
SCORES = {
    "complementarity": 4,
    "existing_strengths": 4,
    "feasibility": 3,
    "scalability": 5,
    "recommendation": "select",
    "rationale": "Verbindt beide polen.",
}
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def day(n, hour=9):
    return START + datetime.timedelta(days=n, hours=hour - 9)


@pytest.fixture
def in_review(partner_a, board, intervention):
    return use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)


# -- conflicts of interest ------------------------------------------------------


@pytest.fixture
def crafted(in_review, org_a, region_brainport):
    """A use case of organisation A with partner P in coalition C (member M),
    and one reviewer from each of A, P, M, and an independent one."""
    partner = OrganisationFactory(name="Partner BV", slug="partner-bv", region=region_brainport)
    member = OrganisationFactory(name="Lid NV", slug="lid-nv", region=region_brainport)
    coalition = CoalitionFactory(name="Chips", slug="chips", status="active")
    MembershipFactory(coalition=coalition, organisation=member, joined=datetime.date(2025, 1, 1))
    in_review.partners.set([partner])
    UseCase.objects.filter(pk=in_review.pk).update(coalition=coalition)
    in_review.refresh_from_db()
    return {
        "use_case": in_review,
        "submitter": reviewer_user(username="rev-indiener", organisation=org_a),
        "partner": reviewer_user(username="rev-partner", organisation=partner),
        "coalition": reviewer_user(username="rev-coalitie", organisation=member),
        "free": reviewer_user(username="rev-vrij"),
    }


@pytest.mark.parametrize("kind", ["submitter", "partner", "coalition"])
def test_a_reviewer_of_an_involved_organisation_can_neither_be_assigned_nor_assess(
    crafted, board, kind
):
    use_case, reviewer = crafted["use_case"], crafted[kind]
    with pytest.raises(ValidationError) as refused:
        review.assign_reviewer(use_case=use_case, reviewer=reviewer, actor=board)
    assert set(refused.value.message_dict) == {"reviewer"}
    assert not ReviewAssignment.objects.filter(reviewer=reviewer).exists()
    review.set_open_to_all_reviewers(use_case=use_case, open_=True, actor=board)
    with pytest.raises(PermissionDenied):
        record_assessment(use_case=use_case, reviewer=reviewer, **SCORES)
    assert not review.may_assess(use_case=use_case, user=reviewer)
    assert conflicts_of(use_case, [reviewer])[reviewer.pk].kind == kind


def test_a_declared_conflict_removes_the_assignment_and_is_on_the_record(crafted, board):
    use_case, reviewer = crafted["use_case"], crafted["free"]
    review.assign_reviewer(use_case=use_case, reviewer=reviewer, actor=board)
    with pytest.raises(ValidationError):
        review.declare_conflict(use_case=use_case, reviewer=reviewer, reason="  ")
    review.declare_conflict(use_case=use_case, reviewer=reviewer, reason="Mijn zus werkt er.")
    assert not ReviewAssignment.objects.filter(use_case=use_case, reviewer=reviewer).exists()
    assert ReviewAssignment.history.filter(reviewer=reviewer, history_type="-").exists()
    assert DeclaredConflict.objects.get(use_case=use_case).reason == "Mijn zus werkt er."
    with pytest.raises(PermissionDenied):
        record_assessment(use_case=use_case, reviewer=reviewer, **SCORES)
    with pytest.raises(ValidationError):
        review.assign_reviewer(use_case=use_case, reviewer=reviewer, actor=board)
    # The Board sees every conflict, derived and declared.
    found = conflicts_of(use_case, [crafted[k] for k in ("submitter", "partner", "free")])
    assert {c.kind for c in found.values()} == {"submitter", "partner", "declared"}
    assert UseCasePolicy(board).sees_conflicts(use_case)
    assert not UseCasePolicy(reviewer).sees_conflicts(use_case)


def test_suggested_reviewers_have_no_conflict_fewest_open_and_matching_expertise_first(
    crafted, board, partner_a, intervention
):
    use_case = crafted["use_case"]
    busy, expert = reviewer_user(username="rev-druk"), reviewer_user(username="rev-expert")
    other = use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)
    review.assign_reviewer(use_case=other, reviewer=busy, actor=board)
    review.assign_reviewer(use_case=other, reviewer=expert, actor=board)
    review.save_expertise(reviewer=expert, capabilities=["ai"], actor=expert)
    names = [r.username for r in review.suggested_reviewers(use_case=use_case, limit=5)]
    assert names[0] == "rev-expert"  # the use case needs "ai"
    assert names.index("rev-vrij") < names.index("rev-druk")  # fewer open assignments
    assert not {"rev-indiener", "rev-partner", "rev-coalitie"} & set(names)


# -- the queue and its ages --------------------------------------------------------


def test_queue_ages_pause_while_the_partner_holds_a_use_case(partner_a, board, intervention):
    with time_machine.travel(day(0), tick=False):
        first = use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)
    with time_machine.travel(day(2), tick=False):
        second = use_case_in("in_review", partner=partner_a, board=board, intervention=intervention)
    with time_machine.travel(day(5), tick=False):
        review.ask_question(use_case=first, text="Wie betaalt?", actor=board)
    with time_machine.travel(day(7), tick=False):
        rows = {row.use_case.pk: row for row in board_queue()}
        assert (rows[first.pk].age_days, rows[first.pk].paused) == (5, True)
        assert rows[first.pk].waits_for == ANSWER
        # The partner may edit it while it waits.
        assert UseCase.objects.get(pk=first.pk).is_editable
    with time_machine.travel(day(9), tick=False):
        review.answer_question(use_case=first, answer="De gemeente.", actor=partner_a)
    with time_machine.travel(day(12), tick=False):
        rows = board_queue()
        ages = {row.use_case.pk: (row.age_days, row.paused) for row in rows}
        assert ages[first.pk] == (8, False)  # 12 days, 4 of them with the partner
        assert ages[second.pk] == (10, False)
        assert [row.use_case.pk for row in rows] == [second.pk, first.pk]  # oldest first
        assert [r.use_case.pk for r in board_queue(order="title")]
    assert first.questions.get().answer == "De gemeente."


def test_queue_says_what_each_use_case_waits_for(in_review, board, settings):
    settings.CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED = 1
    row = board_queue()[0]
    assert (row.waits_for, row.required) == (ASSIGNMENT, 1)
    reviewer = reviewer_user()
    review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
    assert board_queue()[0].waits_for == ASSESSMENTS
    assert [a.use_case for a in reviewer_queue(reviewer)] == [in_review]
    record_assessment(use_case=in_review, reviewer=reviewer, **SCORES)
    assert board_queue()[0].waits_for == DECISION
    assert list(reviewer_queue(reviewer)) == []
    assert board_queue(waits_for=ASSIGNMENT) == []


def test_a_use_case_waiting_longer_than_the_setting_is_flagged(in_review, settings):
    settings.CORRIDOR_REVIEW_WAIT_DAYS = 3
    assert not board_queue()[0].overdue
    with time_machine.travel(timezone.now() + datetime.timedelta(days=5)):
        assert board_queue()[0].overdue
        assert len(board_queue(overdue=True)) == 1


# -- notifications, once ----------------------------------------------------------


def _notified(kind, user):
    return Notification.objects.filter(notice__kind=kind, recipient=user).count()


def test_each_review_event_is_notified_exactly_once(
    partner_a, board, intervention, django_capture_on_commit_callbacks
):
    second_board = type(board).objects.get(pk=board.pk)
    draft = use_case_in("draft", partner=partner_a, board=board, intervention=intervention)
    transition_use_case(use_case=draft, to=S.SUBMITTED, actor=partner_a)
    assert _notified("submitted", board) == 1
    transition_use_case(use_case=draft, to=S.IN_REVIEW, actor=second_board)

    first, second = reviewer_user(), reviewer_user()
    for _ in range(2):  # assigning again tells nobody twice
        review.assign_reviewer(use_case=draft, reviewer=first, actor=board)
    review.assign_reviewer(use_case=draft, reviewer=second, actor=board)
    assert (_notified("assigned", first), _notified("assigned", second)) == (1, 1)

    record_assessment(use_case=draft, reviewer=first, **SCORES)
    assert _notified("assessed", board) == 0
    record_assessment(use_case=draft, reviewer=second, **SCORES)
    record_assessment(use_case=draft, reviewer=second, **{**SCORES, "feasibility": 2})
    assert _notified("assessed", board) == 1

    review.ask_question(use_case=draft, text="Wanneer start u?", actor=board)
    review.answer_question(use_case=draft, answer="In april.", actor=partner_a)
    assert _notified("answered", board) == 1

    comment = review.post_comment(
        use_case=draft,
        author=board,
        kind="internal",
        body=f"@{first.username} @{partner_a.username}",
    )
    review.edit_comment(comment=comment, actor=board, body=f"@{first.username}, graag snel.")
    # The partner may not read an internal comment: not told of it.
    assert (_notified("mentioned", first), _notified("mentioned", partner_a)) == (1, 0)
    assert Comment.history.filter(id=comment.pk).count() == 2
    # Every notification is an outbox row sent by the sweep, once.
    assert Notification.objects.filter(notice__isnull=False).values(
        "notice"
    ).distinct().count() == (Notification.objects.filter(notice__isnull=False).count())


def test_nothing_is_notified_when_the_write_rolls_back(in_review, board):
    from django.db import transaction

    reviewer = reviewer_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
        raise RuntimeError
    assert Notification.objects.filter(recipient=reviewer).count() == 0


# -- blind review with assignments ----------------------------------------------------


def test_only_assigned_reviewers_assess_and_see_others_only_after_their_own(in_review, board):
    assigned, late, stranger = reviewer_user(), reviewer_user(), reviewer_user()
    review.assign_reviewer(use_case=in_review, reviewer=assigned, actor=board)
    review.assign_reviewer(use_case=in_review, reviewer=late, actor=board)
    with pytest.raises(PermissionDenied):
        record_assessment(use_case=in_review, reviewer=stranger, **SCORES)
    record_assessment(use_case=in_review, reviewer=assigned, **SCORES)
    assert not Assessment.objects.visible_to(late).filter(use_case=in_review).exists()
    assert not UseCasePolicy(late).sees_review(in_review)
    record_assessment(use_case=in_review, reviewer=late, **SCORES)
    assert Assessment.objects.visible_to(late).filter(use_case=in_review).count() == 2
    # The Board opens it to all reviewers: the stranger may assess too.
    review.set_open_to_all_reviewers(use_case=in_review, open_=True, actor=board)
    in_review.refresh_from_db()
    record_assessment(use_case=in_review, reviewer=stranger, **SCORES)


def test_a_draft_assessment_is_kept_for_its_reviewer_until_submitted(in_review, board):
    reviewer = reviewer_user()
    review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
    review.save_draft_assessment(
        use_case=in_review, reviewer=reviewer, values={"complementarity": "4", "rationale": ""}
    )
    assert not Assessment.objects.filter(use_case=in_review).exists()
    review.submit_assessment(use_case=in_review, reviewer=reviewer, **SCORES)
    assert Assessment.objects.filter(use_case=in_review, reviewer=reviewer).exists()
    from usecases.models import AssessmentDraft

    assert not AssessmentDraft.objects.exists()


# -- the override -------------------------------------------------------------------------


def test_selecting_on_fewer_assessments_than_required_needs_a_confirmed_override(in_review, board):
    reviewer = reviewer_user()
    review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
    record_assessment(use_case=in_review, reviewer=reviewer, **SCORES)
    with pytest.raises(TransitionError) as refused:
        transition_use_case(
            use_case=in_review, to=S.SELECTED, actor=board, reason="Sterk", confirm_override=False
        )
    assert "override_reason" in refused.value.message_dict
    assert UseCase.objects.get(pk=in_review.pk).status == S.IN_REVIEW
    change = transition_use_case(
        use_case=in_review,
        to=S.SELECTED,
        actor=board,
        reason="Sterk",
        override_reason="De subsidieronde sluit.",
    )
    override = SelectionOverride.objects.get()
    assert (override.status_change, override.assessments, override.required) == (change, 1, 2)
    assert (override.reason, override.actor) == ("De subsidieronde sluit.", board)


def test_selecting_with_enough_assessments_records_no_override(in_review, board):
    for reviewer in (reviewer_user(), reviewer_user()):
        review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
        record_assessment(use_case=in_review, reviewer=reviewer, **SCORES)
    transition_use_case(
        use_case=in_review, to=S.SELECTED, actor=board, reason="Sterk", confirm_override=False
    )
    assert not SelectionOverride.objects.exists()


# -- comments -------------------------------------------------------------------------------


def test_comments_are_seen_by_kind(in_review, board, partner_a, partner_b):
    internal = review.post_comment(use_case=in_review, author=board, kind="internal", body="x")
    shared = review.post_comment(use_case=in_review, author=partner_a, kind="shared", body="y")
    with pytest.raises(PermissionDenied):
        review.post_comment(use_case=in_review, author=partner_a, kind="internal", body="z")
    assert list(Comment.objects.visible_to(partner_a)) == [shared]
    assert list(Comment.objects.visible_to(partner_b)) == []
    reviewer = reviewer_user()
    assert list(Comment.objects.visible_to(reviewer)) == []
    review.assign_reviewer(use_case=in_review, reviewer=reviewer, actor=board)
    assert set(Comment.objects.visible_to(reviewer)) == {internal, shared}
    with pytest.raises(PermissionDenied):
        review.edit_comment(comment=shared, actor=board, body="anders")
