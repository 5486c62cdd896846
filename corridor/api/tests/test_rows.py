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


def view_for(user):
    """The use case viewset and a serializer context, as a request by ``user`` sets them."""
    request = Request(APIRequestFactory().get("/api/v1/use-cases/"))
    request.user = user
    view = UseCaseViewSet()
    view.request = request
    return view, {"request": request}


def rows_both_ways(user):
    view, context = view_for(user)
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


def details_both_ways(user):
    view, context = view_for(user)
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


@pytest.mark.parametrize("both_ways", [rows_both_ways, details_both_ways], ids=["list", "detail"])
@pytest.mark.parametrize("who", ["board", "reviewer", "partner_a", "partner_b", None])
@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC"])
def test_use_cases_built_from_rows_are_what_the_declared_fields_give(world, both_ways, who, zone):
    user = getattr(world, who) if who else None
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    # Partners added out of order: the detail lists them by name.
    for use_case in UseCase.objects.all():
        use_case.partners.add(world.org_b, world.org_a)
    with timezone.override(zone), translation.override("en"):
        expected, built = both_ways(user)
    assert built == expected
    assert [list(row) for row in built] == [list(row) for row in expected]
    assert built, "the reader sees some use cases"
    if both_ways is details_both_ways:
        by_name = sorted((world.org_a, world.org_b), key=lambda organisation: organisation.name)
        assert {tuple(row["partners"]) for row in built} == {tuple(o.slug for o in by_name)}
