"""The review summaries follow the assessments and the weights."""

import threading

import pytest
from django.db import connection

from corridor.accounts.tests.factories import reviewer_user
from usecases import scoring
from usecases.models import Assessment
from usecases.models import CriterionWeights
from usecases.models import ReviewSummary
from usecases.models import UseCase
from usecases.services import delete_assessments
from usecases.services import record_assessment
from usecases.services import save_criterion_weights
from usecases.services import transition_use_case
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import assigned

pytestmark = pytest.mark.django_db

SCORES = {"complementarity": 4, "existing_strengths": 4, "feasibility": 2, "scalability": 2}


def in_review(org_a, partner_a, board, intervention):
    use_case = UseCaseFactory(organisation=org_a, submitted_by=partner_a, intervention=intervention)
    transition_use_case(use_case=use_case, to="submitted", actor=partner_a)
    transition_use_case(use_case=use_case, to="in_review", actor=board)
    return use_case


@pytest.fixture
def use_case(org_a, partner_a, board, intervention):
    return in_review(org_a, partner_a, board, intervention)


def summary(use_case):
    row = UseCase.objects.with_scores().get(pk=use_case.pk)
    return row.score, row.spread, row.consensus, row.assessment_count


def test_an_assessment_changed_through_the_service_changes_the_summary(use_case):
    reviewer = reviewer_user()
    assigned(use_case, reviewer)
    record_assessment(use_case=use_case, reviewer=reviewer, recommendation="select", **SCORES)
    assert summary(use_case) == (3.0, 0.0, "select", 1)

    record_assessment(
        use_case=use_case,
        reviewer=reviewer,
        recommendation="decline",
        **{**SCORES, "feasibility": 4, "scalability": 4},
    )
    assert summary(use_case) == (4.0, 0.0, "decline", 1)

    other = reviewer_user()
    assigned(use_case, other)
    record_assessment(use_case=use_case, reviewer=other, recommendation="select", **SCORES)
    assert summary(use_case) == (3.5, 1.0, "split", 2)


def test_deleting_the_last_assessment_removes_the_summary(use_case):
    assessment = AssessmentFactory(use_case=use_case, reviewer=reviewer_user())
    assert ReviewSummary.objects.filter(use_case=use_case).exists()
    delete_assessments(assessments=[assessment])
    assert not ReviewSummary.objects.exists()
    assert summary(use_case) == (None, None, None, None)


def test_new_weights_rescore_every_use_case(org_a, partner_a, intervention):
    cases = [UseCaseFactory(organisation=org_a, submitted_by=partner_a) for _ in range(3)]
    for case in cases:
        AssessmentFactory(use_case=case, reviewer=reviewer_user(), **SCORES)
    assert {summary(case)[0] for case in cases} == {3.0}

    weights = CriterionWeights.current()
    weights.feasibility = weights.scalability = 0
    save_criterion_weights(weights=weights)
    assert {summary(case)[0] for case in cases} == {4.0}


def test_a_full_refresh_rebuilds_what_bulk_inserts_left_out(org_a, partner_a, monkeypatch):
    """Bulk inserts (the synthetic corridor) pass the services by; ``refresh()``
    rebuilds every summary, batch by batch, and drops those without assessments."""
    monkeypatch.setattr(scoring, "BATCH_SIZE", 2)
    reviewers = [reviewer_user(), reviewer_user()]
    cases = [UseCaseFactory(organisation=org_a, submitted_by=partner_a) for _ in range(5)]
    Assessment.objects.bulk_create(
        Assessment(
            use_case=case,
            reviewer=reviewer,
            recommendation="maybe",
            **{**SCORES, "complementarity": 1 + index},
        )
        for index, case in enumerate(cases[:4])
        for reviewer in reviewers
    )
    stale = AssessmentFactory(use_case=cases[4], reviewer=reviewers[0])
    Assessment.objects.filter(pk=stale.pk).delete()  # past the services: its summary stays
    assert ReviewSummary.objects.filter(use_case=cases[4]).exists()

    assert scoring.refresh() == 4
    assert [summary(case)[0] for case in cases] == [2.25, 2.5, 2.75, 3.0, None]
    assert {summary(case)[3] for case in cases[:4]} == {2}


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_are_both_counted(org_a, partner_a, board, intervention):
    """Each assessment's transaction locks the use case before it counts, so the
    later one waits for the earlier one and counts both."""
    use_case = in_review(org_a, partner_a, board, intervention)
    reviewers = [reviewer_user(), reviewer_user()]
    assigned(use_case, *reviewers)
    barrier = threading.Barrier(2)
    errors = []

    def assess(reviewer):
        try:
            barrier.wait(timeout=10)
            record_assessment(
                use_case=use_case, reviewer=reviewer, recommendation="select", **SCORES
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=assess, args=(reviewer,)) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert summary(use_case)[3] == 2


def test_new_weights_saved_in_the_admin_rescore_every_use_case(client, org_a, partner_a):
    from django.urls import reverse

    from corridor.accounts.tests.factories import board_user

    cases = [UseCaseFactory(organisation=org_a, submitted_by=partner_a) for _ in range(2)]
    for case in cases:
        AssessmentFactory(use_case=case, reviewer=reviewer_user(), **SCORES)
    weights = CriterionWeights.current()
    weights.save()  # the one row, if no migration made it
    client.force_login(board_user(is_staff=True, is_superuser=True))
    url = reverse("admin:usecases_criterionweights_change", args=[weights.pk])
    new = {"complementarity": 1, "existing_strengths": 1, "feasibility": 0, "scalability": 0}
    response = client.post(url, new)
    assert response.status_code == 302 and "/login/" not in response["Location"]
    assert {summary(case)[0] for case in cases} == {4.0}
    assert CriterionWeights.history.latest().history_type == "~"


def test_saving_weights_past_the_service_sends_no_rescoring_signal(org_a, partner_a):
    """The rescoring is the service's work, not a signal's."""
    case = UseCaseFactory(organisation=org_a, submitted_by=partner_a)
    AssessmentFactory(use_case=case, reviewer=reviewer_user(), **SCORES)
    weights = CriterionWeights.current()
    weights.feasibility = weights.scalability = 0
    weights.save()
    assert summary(case)[0] == 3.0
    save_criterion_weights(weights=weights)
    assert summary(case)[0] == 4.0


def test_an_assessment_saved_past_the_services_leaves_the_summary_alone(use_case):
    """Writing the summary is the services' work (``record_assessment``,
    ``save_assessment``, ``delete_assessments``), not a signal's."""
    assessment = AssessmentFactory(use_case=use_case, reviewer=reviewer_user(), **SCORES)
    assert summary(use_case)[0] == 3.0
    Assessment.objects.filter(pk=assessment.pk).update(feasibility=4, scalability=4)
    assessment.refresh_from_db()
    assessment.save()
    assert summary(use_case)[0] == 3.0
    assessment.delete()
    assert summary(use_case)[0] == 3.0


def _admin_client(client):
    from corridor.accounts.tests.factories import board_user

    client.force_login(board_user(is_staff=True, is_superuser=True))
    return client


def test_an_assessment_moved_in_the_admin_rescores_both_use_cases(
    client, org_a, partner_a, board, intervention
):
    from django.urls import reverse

    first = in_review(org_a, partner_a, board, intervention)
    second = in_review(org_a, partner_a, board, intervention)
    reviewer = reviewer_user()
    assessment = AssessmentFactory(use_case=first, reviewer=reviewer, **SCORES)
    url = reverse("admin:usecases_assessment_change", args=[assessment.pk])
    response = _admin_client(client).post(
        url,
        {
            "use_case": second.pk,
            "reviewer": reviewer.pk,
            **{**SCORES, "feasibility": 4, "scalability": 4},
            "rationale": "",
            "recommendation": "select",
        },
    )
    assert response.status_code == 302 and "/login/" not in response["Location"]
    assert summary(first) == (None, None, None, None)
    assert summary(second) == (4.0, 0.0, "select", 1)


def test_assessments_deleted_in_the_admin_take_their_summaries_along(client, use_case):
    from django.contrib.admin import helpers
    from django.urls import reverse

    assessments = [AssessmentFactory(use_case=use_case, reviewer=reviewer_user()) for _ in range(2)]
    response = _admin_client(client).post(
        reverse("admin:usecases_assessment_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            helpers.ACTION_CHECKBOX_NAME: [a.pk for a in assessments],
        },
    )
    assert response.status_code == 302
    assert not Assessment.objects.exists()
    assert summary(use_case) == (None, None, None, None)
