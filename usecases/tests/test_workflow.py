import pytest
from django.core.exceptions import PermissionDenied

from usecases.models import StatusChange
from usecases.models import StatusFieldGuardError
from usecases.models import UseCase
from usecases.services import MOVES
from usecases.services import TransitionError
from usecases.services import allowed_moves
from usecases.services import transition_use_case
from usecases.tests import helpers
from usecases.tests.factories import UseCaseFactory

pytestmark = pytest.mark.usefixtures("english")

S = UseCase.Status


@pytest.fixture
def use_case(org_a, partner_a, intervention):
    return UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)


def bring_to(use_case, status, *, partner, board):
    moved = helpers.bring_to(use_case, status, partner=partner, board=board, reason="ok")
    assert moved.status == status
    return moved


LEGAL = [(m.source, m.target, m.by) for m in MOVES]


@pytest.mark.parametrize(("source", "target", "by"), LEGAL)
def test_every_legal_move_succeeds_for_its_role_and_records_a_status_change(
    source, target, by, use_case, partner_a, board
):
    bring_to(use_case, source, partner=partner_a, board=board)
    actor = board if by == "board" else partner_a
    change = transition_use_case(use_case=use_case, to=target, actor=actor, reason="Omdat het kan")
    use_case.refresh_from_db()
    assert use_case.status == target
    assert (change.from_status, change.to_status, change.actor) == (source, target, actor)
    assert change.reason == "Omdat het kan"
    assert StatusChange.objects.filter(use_case=use_case).last() == change


@pytest.mark.parametrize(("source", "target", "by"), LEGAL)
def test_every_legal_move_is_refused_for_the_wrong_role(
    source, target, by, use_case, partner_a, partner_b, board, reviewer
):
    bring_to(use_case, source, partner=partner_a, board=board)
    wrong = [reviewer, partner_b] + ([partner_a] if by == "board" else [board])
    for actor in wrong:
        with pytest.raises(PermissionDenied):
            transition_use_case(use_case=use_case, to=target, actor=actor, reason="x")
    use_case.refresh_from_db()
    assert use_case.status == source


ILLEGAL = [
    (source, target)
    for source in S
    for target in S
    if (source, target) not in {(m.source, m.target) for m in MOVES}
]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_illegal_moves_are_refused_with_a_reason_and_write_nothing(
    source, target, use_case, partner_a, board
):
    bring_to(use_case, source, partner=partner_a, board=board)
    before = StatusChange.objects.count()
    with pytest.raises(TransitionError) as excinfo:
        transition_use_case(use_case=use_case, to=target, actor=board, reason="x")
    assert "to" in excinfo.value.message_dict
    assert "cannot move" in excinfo.value.message_dict["to"][0]
    use_case.refresh_from_db()
    assert use_case.status == source
    assert StatusChange.objects.count() == before


def test_unknown_status_is_refused_naming_the_field(use_case, board):
    with pytest.raises(TransitionError) as excinfo:
        transition_use_case(use_case=use_case, to="approved", actor=board)
    assert "approved" in excinfo.value.message_dict["to"][0]


def test_decision_needs_a_rationale_which_the_use_case_keeps(use_case, partner_a, board):
    bring_to(use_case, S.IN_REVIEW, partner=partner_a, board=board)
    with pytest.raises(TransitionError) as excinfo:
        transition_use_case(use_case=use_case, to=S.SELECTED, actor=board, reason="  ")
    assert "reason" in excinfo.value.message_dict
    transition_use_case(use_case=use_case, to=S.SELECTED, actor=board, reason="Sterk en snel.")
    use_case.refresh_from_db()
    assert use_case.decision_rationale == "Sterk en snel."


def test_incomplete_use_case_cannot_be_submitted(use_case, partner_a):
    use_case.problem = ""
    use_case.sectors = []
    use_case.save()
    with pytest.raises(TransitionError) as excinfo:
        transition_use_case(use_case=use_case, to=S.SUBMITTED, actor=partner_a)
    assert set(excinfo.value.message_dict) == {"problem", "sectors"}
    use_case.refresh_from_db()
    assert use_case.status == S.DRAFT


def test_submitting_records_submitted_at(use_case, partner_a):
    transition_use_case(use_case=use_case, to=S.SUBMITTED, actor=partner_a)
    use_case.refresh_from_db()
    assert use_case.submitted_at is not None


def test_status_cannot_be_written_outside_the_workflow(use_case):
    use_case.status = S.SELECTED
    with pytest.raises(StatusFieldGuardError):
        use_case.save()
    use_case.refresh_from_db()
    assert use_case.status == S.DRAFT


def test_a_new_use_case_cannot_start_in_another_status(org_a, partner_a, intervention):
    with pytest.raises(StatusFieldGuardError):
        UseCaseFactory(
            organisation=org_a, submitted_by=partner_a, intervention=intervention, status="selected"
        )


def test_allowed_moves_per_role(use_case, partner_a, partner_b, board, reviewer):
    assert set(allowed_moves(use_case=use_case, user=partner_a)) == {S.SUBMITTED, S.WITHDRAWN}
    assert allowed_moves(use_case=use_case, user=partner_b) == []
    assert allowed_moves(use_case=use_case, user=reviewer) == []
    assert allowed_moves(use_case=use_case, user=board) == []
    bring_to(use_case, S.SUBMITTED, partner=partner_a, board=board)
    assert allowed_moves(use_case=use_case, user=board) == [S.IN_REVIEW]


def test_status_history_records_the_actor(use_case, partner_a):
    transition_use_case(use_case=use_case, to=S.SUBMITTED, actor=partner_a)
    record = use_case.history.order_by("-history_date").first()
    assert record.status == S.SUBMITTED
    assert record.history_user == partner_a
