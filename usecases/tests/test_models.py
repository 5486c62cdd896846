import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import ProtectedError

from corridor.accounts.tests.factories import reviewer_user
from usecases.models import Assessment
from usecases.models import CriterionWeights
from usecases.models import UseCase
from usecases.services import record_assessment
from usecases.services import save_criterion_weights
from usecases.services import transition_use_case
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import assigned

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def use_case(org_a, partner_a, intervention):
    return UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)


def in_review(use_case, partner, board):
    transition_use_case(use_case=use_case, to="submitted", actor=partner)
    transition_use_case(use_case=use_case, to="in_review", actor=board)
    return use_case


@pytest.mark.parametrize("criterion", ["complementarity", "feasibility"])
@pytest.mark.parametrize("score", [0, 6])
def test_scores_outside_1_to_5_are_refused_by_the_database(use_case, reviewer, criterion, score):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(use_case=use_case, reviewer=reviewer, **{criterion: score})


def test_score_of_6_is_a_validation_error_naming_the_criterion(use_case, reviewer):
    assessment = AssessmentFactory.build(use_case=use_case, reviewer=reviewer, scalability=6)
    with pytest.raises(ValidationError) as excinfo:
        assessment.full_clean()
    assert "scalability" in excinfo.value.message_dict


def test_one_assessment_per_reviewer_per_use_case(use_case, reviewer):
    AssessmentFactory(use_case=use_case, reviewer=reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(use_case=use_case, reviewer=reviewer)


def test_planned_end_before_start_is_refused_by_the_database(use_case):
    use_case.planned_start = datetime.date(2026, 5, 1)
    use_case.planned_end = datetime.date(2026, 4, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        use_case.save()


def test_unknown_sector_code_is_refused_naming_the_field(use_case):
    use_case.sectors = ["health", "space"]
    with pytest.raises(ValidationError) as excinfo:
        use_case.full_clean()
    assert "space" in excinfo.value.message_dict["sectors"][0]


def test_status_outside_the_known_codes_is_refused_by_the_database(use_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        UseCase.objects.filter(pk=use_case.pk).update(status="approved")


def test_action_line_of_another_intervention_is_refused(use_case):
    from interventions.tests.factories import ActionLineFactory

    use_case.action_line = ActionLineFactory()
    with pytest.raises(ValidationError) as excinfo:
        use_case.full_clean()
    assert "action_line" in excinfo.value.message_dict


def test_weights_cannot_be_negative_or_all_zero():
    weights = CriterionWeights.current()
    weights.feasibility = Decimal("-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        weights.save()
    zero = {name: Decimal("0") for name in weights.as_dict()}
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionWeights.objects.filter(pk=weights.pk).update(**zero)


def test_deleting_a_use_case_with_history_is_refused(use_case, partner_a):
    transition_use_case(use_case=use_case, to="submitted", actor=partner_a)
    with pytest.raises(ProtectedError):
        use_case.delete()


def test_weighted_scores_spread_and_consensus(use_case, partner_a, board):
    in_review(use_case, partner_a, board)
    first, second = reviewer_user(), reviewer_user()
    assigned(use_case, first, second)
    record_assessment(
        use_case=use_case,
        reviewer=first,
        complementarity=5,
        existing_strengths=4,
        feasibility=3,
        scalability=2,
        recommendation="select",
    )
    record_assessment(
        use_case=use_case,
        reviewer=second,
        complementarity=3,
        existing_strengths=4,
        feasibility=1,
        scalability=2,
        recommendation="select",
    )
    weights = CriterionWeights.current()
    weights.complementarity = Decimal("2")
    weights.existing_strengths = Decimal("1")
    weights.feasibility = Decimal("1")
    weights.scalability = Decimal("0")
    save_criterion_weights(weights=weights)

    row = UseCase.objects.with_scores().get(pk=use_case.pk)
    assert row.score_complementarity == 4.0
    assert row.score_existing_strengths == 4.0
    assert row.score_feasibility == 2.0
    assert row.score_scalability == 2.0
    # (2*4 + 1*4 + 1*2 + 0*2) / 4
    assert row.score == pytest.approx(3.5)
    # reviewer overall: (10+4+3)/4 = 4.25 and (6+4+1)/4 = 2.75
    assert row.spread == pytest.approx(1.5)
    assert row.consensus == "select"
    assert row.assessment_count == 2


def test_consensus_is_split_when_recommendations_differ(use_case, partner_a, board):
    in_review(use_case, partner_a, board)
    AssessmentFactory(use_case=use_case, reviewer=reviewer_user(), recommendation="select")
    AssessmentFactory(use_case=use_case, reviewer=reviewer_user(), recommendation="decline")
    row = UseCase.objects.with_scores().get(pk=use_case.pk)
    assert row.consensus == "split"


def test_without_assessments_scores_are_empty(use_case):
    row = UseCase.objects.with_scores().get(pk=use_case.pk)
    assert (row.score, row.spread, row.consensus, row.assessment_count) == (None, None, None, None)


def test_scores_cost_one_query_for_many_use_cases(
    org_a, partner_a, intervention, django_assert_num_queries
):
    reviewer = reviewer_user()
    for _ in range(40):
        case = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
        AssessmentFactory(use_case=case, reviewer=reviewer)
    with django_assert_num_queries(1):
        rows = list(UseCase.objects.with_scores())
    assert len(rows) == 40
    assert {row.score for row in rows} == {3.5}


def test_assessment_only_while_in_review_and_only_by_reviewers(use_case, partner_a, board):
    reviewer = reviewer_user()
    scores = {
        "complementarity": 4,
        "existing_strengths": 4,
        "feasibility": 4,
        "scalability": 4,
        "recommendation": "select",
    }
    with pytest.raises(ValidationError):
        record_assessment(use_case=use_case, reviewer=reviewer, **scores)
    in_review(use_case, partner_a, board)
    with pytest.raises(PermissionDenied):
        record_assessment(use_case=use_case, reviewer=partner_a, **scores)
    assigned(use_case, reviewer)
    record_assessment(use_case=use_case, reviewer=reviewer, **scores)
    record_assessment(use_case=use_case, reviewer=reviewer, **{**scores, "feasibility": 2})
    assert Assessment.objects.get(use_case=use_case, reviewer=reviewer).feasibility == 2


def test_visibility_per_role(org_a, org_b, partner_a, partner_b, board, intervention):
    reviewer = reviewer_user()
    cases = {}
    for status in ("draft", "submitted", "in_review", "selected"):
        case = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
        path = {
            "draft": [],
            "submitted": ["submitted"],
            "in_review": ["submitted", "in_review"],
            "selected": ["submitted", "in_review", "selected"],
        }[status]
        for target in path:
            actor = partner_a if target == "submitted" else board
            transition_use_case(use_case=case, to=target, actor=actor, reason="r")
        cases[status] = case

    def visible(user):
        return {c.status for c in UseCase.objects.visible_to(user)}

    assert visible(AnonymousUser()) == {"selected"}
    assert visible(partner_b) == {"selected"}
    assert visible(partner_a) == {"draft", "submitted", "in_review", "selected"}
    assert visible(reviewer) == {"submitted", "in_review", "selected"}
    assert visible(board) == {"draft", "submitted", "in_review", "selected"}


def test_reviewer_sees_others_assessments_only_after_their_own(use_case, partner_a, board):
    in_review(use_case, partner_a, board)
    first, second = reviewer_user(), reviewer_user()
    theirs = AssessmentFactory(use_case=use_case, reviewer=first)
    assert list(Assessment.objects.visible_to(second)) == []
    mine = AssessmentFactory(use_case=use_case, reviewer=second)
    assert set(Assessment.objects.visible_to(second)) == {theirs, mine}
    assert list(Assessment.objects.visible_to(partner_a)) == []
    assert set(Assessment.objects.visible_to(board)) == {theirs, mine}
