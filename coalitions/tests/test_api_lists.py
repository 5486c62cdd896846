"""The API list of organisations: each row as the generic field machinery would
give it, and a page costs the same queries for 1 row as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIClient
from rest_framework.test import APIRequestFactory

from coalitions.api.serializers import OrganisationListSerializer
from coalitions.models import Organisation
from corridor.accounts.tokens import create_token


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/organisations/?format=csv"])
def test_organisation_rows_are_what_the_declared_fields_give(org_a, org_b, board, path):
    Organisation.objects.create(name="Zonder", slug="zonder", kind="company", region=org_a.region)
    request = Request(APIRequestFactory().get(path))
    context = {"request": request}
    generic = OrganisationListSerializer(context=context)
    expected = [
        serializers.ModelSerializer.to_representation(generic, row)
        for row in Organisation.objects.all()
    ]
    values = Organisation.objects.values(*OrganisationListSerializer.value_columns)
    fast = OrganisationListSerializer(values, many=True, context=context).data
    assert fast == expected
    assert [list(row) for row in fast] == [list(row) for row in expected]
    assert [] in [row["capabilities"] for row in fast]
    if "csv" not in path:
        client = APIClient()
        client.force_login(board)
        assert client.get(path).json()["results"] == expected


def test_a_page_costs_the_same_queries_for_1_and_200_rows(
    region_mra, board, django_assert_max_num_queries
):
    Organisation.objects.bulk_create(
        Organisation(name=f"Org {n}", slug=f"org-{n}", kind="company", region=region_mra)
        for n in range(1_100)
    )
    _token, plaintext = create_token(board)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get("/api/v1/organisations/").status_code == 200
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/organisations/", {"page_size": 1}).status_code == 200
    # 199: computed as page_size=1 is (200 rows a page are kept for the Board).
    with django_assert_max_num_queries(len(one)):
        response = client.get("/api/v1/organisations/", {"page_size": 199, "page": 3})
    assert len(response.json()["results"]) == 199
