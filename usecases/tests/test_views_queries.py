"""Use-case pages' query counts stay flat, and the kept list follows every change."""

import pytest
from django.urls import reverse

from usecases.models import Attachment
from usecases.models import UseCase
from usecases.tests.factories import AssessmentFactory
from usecases.tests.factories import UseCaseFactory
from usecases.tests.helpers import assigned


def _bulk_use_cases(count, *, organisation, submitter, intervention):
    UseCase.objects.bulk_create(
        UseCase(
            title=f"Bulk {n}",
            organisation=organisation,
            submitted_by=submitter,
            intervention=intervention,
            sectors=["industry"],
            needed_capabilities=["ai"],
        )
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["anonymous", "partner_a", "reviewer", "board"])
def test_list_query_count_is_flat_from_10_to_1000_rows(
    role, login, partner_a, intervention, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(role)
    url = reverse("usecases:use-case-list")
    counts = []
    for total in (10, 1000):
        _bulk_use_cases(
            total - UseCase.objects.count(),
            organisation=partner_a.organisation,
            submitter=partner_a,
            intervention=intervention,
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"status": ["draft"], "ordering": "-created"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(url, {"status": ["draft"], "ordering": "-created"})
    assert counts[0] <= 12


def test_board_list_counts_every_use_case_and_follows_changes(
    client, cases, board, partner_b, intervention
):
    client.force_login(board)
    url = reverse("usecases:use-case-list")
    first = client.get(url)
    assert first.context["page"].paginator.count == 4
    # Kept: the same listing, not counted again.
    assert client.get(url).context["listing"] == first.context["listing"]
    UseCaseFactory(intervention=intervention, organisation=partner_b.organisation)
    assert client.get(url).context["page"].paginator.count == 5
    cases["draft"].delete()
    assert client.get(url).context["page"].paginator.count == 4
    filtered = client.get(url, {"status": ["draft"]}).context["page"].paginator
    assert filtered.count == 1


def test_detail_query_count_does_not_grow_with_assessments_and_attachments(
    client, cases, board, django_assert_max_num_queries
):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    client.force_login(board)
    client.get(in_review.get_absolute_url())
    for n in range(8):
        AssessmentFactory(use_case=in_review, reviewer=reviewer_user(username=f"q{n}"))
        Attachment.objects.create(
            use_case=in_review,
            file=f"attachments/x{n}.pdf",
            original_name=f"x{n}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=board,
        )
    # The Board's page carries the review round too (assignments, suggested
    # reviewers, conflicts, questions, comments): a fixed number of queries more.
    with django_assert_max_num_queries(34):
        response = client.get(in_review.get_absolute_url())
    assert len(response.context["assessments"]) == 8


@pytest.mark.parametrize("audience", ["public", "board"])
def test_the_kept_unfiltered_list_follows_every_change(
    client, cases, board, partner_a, reviewer, audience, django_assert_max_num_queries
):
    from usecases.services import record_assessment
    from usecases.services import transition_use_case

    if audience == "board":
        client.force_login(board)
    url = reverse("usecases:use-case-list")

    def listing():
        return client.get(url).context["listing"]

    first = listing()
    with django_assert_max_num_queries(4 if audience == "board" else 2):
        assert listing() == first
    review = cases["in_review"]
    review.title = "Herzien voorstel"
    review.save()
    assert ("Herzien voorstel" in listing()) is (audience == "board")
    before = listing()
    assigned(review, reviewer)
    record_assessment(
        use_case=review,
        reviewer=reviewer,
        complementarity=5,
        existing_strengths=5,
        feasibility=5,
        scalability=5,
        rationale="",
        recommendation="select",
    )
    # The Board sees the new score; the public's page is read again, the same.
    assert (listing() != before) is (audience == "board")
    transition_use_case(use_case=review, to="selected", actor=board, reason="Sterk")
    assert "Herzien voorstel" in listing()
