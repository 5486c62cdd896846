"""The API lists of action lines and milestones: each row as the generic field
machinery would give it, and a page costs the same queries for 1 row as for 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIClient
from rest_framework.test import APIRequestFactory

from corridor.accounts.tokens import create_token
from interventions.api.serializers import ActionLineListSerializer
from interventions.api.serializers import MilestoneListSerializer
from interventions.api.views import ActionLineViewSet
from interventions.api.views import MilestoneViewSet
from interventions.models import ActionLine
from interventions.models import Milestone
from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import MilestoneFactory

TODAY = datetime.date.today()


@pytest.fixture
def lines(intervention, org_a):
    led = ActionLineFactory(
        intervention=intervention,
        lead_organisation=org_a,
        status=ActionLine.Status.AT_RISK,
        start_date=TODAY - datetime.timedelta(days=400),
        end_date=TODAY - datetime.timedelta(days=10),
        baseline_start=TODAY - datetime.timedelta(days=400),
        baseline_end=TODAY - datetime.timedelta(days=40),
    )
    MilestoneFactory(action_line=led, due_date=TODAY - datetime.timedelta(days=5))
    MilestoneFactory(
        action_line=led,
        due_date=TODAY - datetime.timedelta(days=50),
        completed_on=TODAY - datetime.timedelta(days=49),
    )
    MilestoneFactory(action_line=led, due_date=TODAY + datetime.timedelta(days=30))
    ActionLineFactory(intervention=intervention, kind=ActionLine.Kind.TALENT)
    closed = ActionLineFactory(
        intervention=intervention,
        status=ActionLine.Status.DONE,
        start_date=TODAY - datetime.timedelta(days=90),
        end_date=TODAY - datetime.timedelta(days=1),
    )
    MilestoneFactory(action_line=closed, due_date=TODAY - datetime.timedelta(days=3))
    MilestoneFactory(action_line=closed, due_date=TODAY, completed_on=TODAY)
    return ActionLine.objects.all()


def test_the_page_counts_milestones_as_the_selectors_do(lines):
    names = ["milestone_count", "milestones_done", "overdue_milestones", "progress", "overdue"]
    selectors = lines.with_progress().with_overdue().values("pk", *names)
    joined = lines.with_progress_grouped().values("pk", *names)
    assert list(joined.order_by("pk")) == list(selectors.order_by("pk"))
    assert {row["overdue"] for row in joined} == {True, False}


def generic_and_fast(serializer_class, instances, queryset, path):
    """Rows through the declared fields (from model instances), and rows as the
    list builds them (from ``values()`` of the list's queryset)."""
    request = Request(APIRequestFactory().get(path))
    context = {"request": request}
    generic = serializer_class(context=context)
    expected = [serializers.ModelSerializer.to_representation(generic, row) for row in instances]
    values = queryset.values(*serializer_class.value_columns, *queryset.query.annotation_select)
    fast = serializer_class(values, many=True, context=context).data
    return expected, fast


@pytest.mark.parametrize("path", ["/api/v1/action-lines/", "/api/v1/action-lines/?format=csv"])
def test_action_line_rows_are_what_the_declared_fields_give(lines, path):
    instances = lines.with_progress().with_overdue()
    queryset = ActionLineViewSet().list_queryset(lines)
    expected, fast = generic_and_fast(ActionLineListSerializer, instances, queryset, path)
    assert fast == expected
    assert [list(row) for row in fast] == [list(row) for row in expected]
    assert {row["lead_organisation"] for row in fast} == {"gemeente-almere", None}
    assert {row["progress"] for row in fast} == {1 / 3, 1 / 2, None}
    assert {row["overdue"] for row in fast} == {True, False}
    assert {row["slipped_days"] for row in fast} == {30, 0}


@pytest.mark.parametrize("path", ["/api/v1/milestones/", "/api/v1/milestones/?format=csv"])
def test_milestone_rows_are_what_the_declared_fields_give(lines, path):
    instances = Milestone.objects.with_overdue()
    queryset = MilestoneViewSet().list_queryset(Milestone.objects.all())
    expected, fast = generic_and_fast(MilestoneListSerializer, instances, queryset, path)
    assert fast == expected
    assert [list(row) for row in fast] == [list(row) for row in expected]
    assert {row["overdue"] for row in fast} == {True, False}
    assert None in {row["completed_on"] for row in fast}


@pytest.mark.parametrize(
    ("path", "serializer_class", "instances"),
    [
        (
            "/api/v1/action-lines/",
            ActionLineListSerializer,
            lambda: ActionLine.objects.with_progress().with_overdue(),
        ),
        ("/api/v1/milestones/", MilestoneListSerializer, lambda: Milestone.objects.with_overdue()),
    ],
)
def test_the_list_answers_what_the_declared_fields_give(
    lines, board, path, serializer_class, instances
):
    expected, _fast = generic_and_fast(serializer_class, instances(), instances().none(), path)
    client = APIClient()
    client.force_login(board)
    assert client.get(path).json()["results"] == expected


def bulk_lines(intervention, org, rows):
    created = ActionLine.objects.bulk_create(
        ActionLine(
            intervention=intervention,
            lead_organisation=org,
            title=f"Lijn {n}",
            start_date=TODAY - datetime.timedelta(days=100),
            end_date=TODAY + datetime.timedelta(days=n),
            baseline_start=TODAY - datetime.timedelta(days=100),
            baseline_end=TODAY,
        )
        for n in range(rows)
    )
    Milestone.objects.bulk_create(
        Milestone(action_line=line, title="M", due_date=TODAY - datetime.timedelta(days=1))
        for line in created
    )


@pytest.mark.parametrize(
    "path", ["/api/v1/action-lines/", "/api/v1/milestones/", "/api/v1/milestones/?overdue=true"]
)
def test_a_page_costs_the_same_queries_for_1_and_200_rows(
    path, intervention, org_a, board, django_assert_max_num_queries
):
    bulk_lines(intervention, org_a, 1_100)
    _token, plaintext = create_token(board)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get(path).status_code == 200  # the token's first use is recorded once
    separator = "&" if "?" in path else "?"
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"{path}{separator}page_size=1").status_code == 200
    # 199: computed as page_size=1 is (200 rows a page are kept for the Board).
    with django_assert_max_num_queries(len(one)):
        response = client.get(f"{path}{separator}page_size=199&page=3")
    assert len(response.json()["results"]) == 199


def test_the_export_lists_action_lines_in_the_lists_order(lines, board, client):
    from interventions.tests.factories import InterventionFactory

    second = InterventionFactory(number=2, slug="tweede")
    ActionLineFactory(intervention=second, start_date=TODAY - datetime.timedelta(days=999))
    ActionLineFactory(intervention=lines.first().intervention, start_date=TODAY)
    client.force_login(board)
    response = client.get("/api/v1/action-lines/", {"format": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()[1:]
    ids = [int(row.split(",")[1]) for row in rows]
    assert ids == list(ActionLine.objects.values_list("pk", flat=True))
    assert len(ids) == 5
