"""Use-case list rows built from ``values()`` (``corridor.api.rows``), and a use
case built from the instance the detail view loads, are what
the declared fields give for the same use cases, with the fields the reader may
not see left out, in either language and time zone."""

import pytest
from django.utils import timezone
from django.utils import translation
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from usecases.api.serializers import UseCaseListSerializer
from usecases.api.serializers import UseCaseSerializer
from usecases.api.views import UseCaseViewSet
from usecases.models import UseCase


def rows_both_ways(user):
    request = Request(APIRequestFactory().get("/api/v1/use-cases/"))
    request.user = user
    context = {"request": request}
    view = UseCaseViewSet()
    view.request = request
    queryset = view.list_queryset(UseCase.objects.visible_to(user).order_by("pk"))
    generic = UseCaseListSerializer(context=context)
    expected = []
    for instance in queryset:
        data = serializers.ModelSerializer.to_representation(generic, instance)
        for name in generic.policy().hidden_fields(instance):
            data.pop(name, None)
        expected.append(data)
    values = queryset.values(
        *UseCaseListSerializer.value_columns, *queryset.query.annotation_select
    )
    built = UseCaseListSerializer(values, many=True, context=context).data
    return expected, built


@pytest.mark.parametrize("who", ["board", "reviewer", "partner_a", "partner_b", None])
@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC"])
def test_use_case_rows_are_what_the_declared_fields_give(world, who, zone):
    user = getattr(world, who) if who else None
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    with timezone.override(zone), translation.override("en"):
        expected, built = rows_both_ways(user)
    assert built == expected
    assert [list(row) for row in built] == [list(row) for row in expected]
    assert built, "the reader sees some use cases"


def details_both_ways(user):
    request = Request(APIRequestFactory().get("/api/v1/use-cases/"))
    request.user = user
    context = {"request": request}
    view = UseCaseViewSet()
    view.request = request
    queryset = view.detail_queryset(UseCase.objects.visible_to(user).order_by("pk"))
    expected, built = [], []
    for instance in queryset:
        generic = UseCaseSerializer(instance, context=context)
        data = serializers.ModelSerializer.to_representation(generic, instance)
        for name in generic.policy().hidden_fields(instance):
            data.pop(name, None)
        expected.append(data)
        built.append(UseCaseSerializer(instance, context=context).data)
    return expected, built


@pytest.mark.parametrize("who", ["board", "reviewer", "partner_a", "partner_b", None])
@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC"])
def test_a_use_case_built_from_its_row_is_what_the_declared_fields_give(world, who, zone):
    user = getattr(world, who) if who else None
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    # Partners in two orders of naming: the row lists them by name.
    for use_case in UseCase.objects.all():
        use_case.partners.add(world.org_b, world.org_a)
    with timezone.override(zone), translation.override("en"):
        expected, built = details_both_ways(user)
    assert built == expected
    assert [list(row) for row in built] == [list(row) for row in expected]
    assert built, "the reader sees some use cases"
    assert all(len(row["partners"]) == 2 for row in built)
