"""Model serializers make their fields from what was worked out once per class
(``corridor.api.serializers.CorridorModelSerializer``): the same fields DRF
builds, new for every serializer."""

import pytest
from django.utils import translation
from rest_framework import serializers

import corridor.urls  # noqa: F401 - every API serializer is imported with the URLs
from corridor.api.serializers import CorridorModelSerializer

pytestmark = pytest.mark.django_db


def _every_subclass(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _every_subclass(sub)


SERIALIZERS = sorted(set(_every_subclass(CorridorModelSerializer)), key=lambda c: c.__qualname__)


def test_every_api_model_serializer_is_covered():
    names = {cls.__name__ for cls in SERIALIZERS}
    assert {"UseCaseSerializer", "ActionLineSerializer", "OrganisationSerializer"} <= names


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda c: c.__qualname__)
def test_fields_are_those_drf_builds_and_new_for_each_serializer(serializer_class, language):
    with translation.override(language):
        first = serializer_class()
        drf = serializers.ModelSerializer.get_fields(first)
        if "url" in drf:
            drf["url"].read_only = True
        made = [serializer_class().get_fields() for _ in range(2)]
        first_fields = dict(first.fields)
        for fields in made:
            assert list(fields) == list(drf)
            for name, field in fields.items():
                assert repr(field) == repr(drf[name]), name
                assert type(field) is type(drf[name])
                assert field is not first_fields[name]
        # Two serializers never share a field, or a field's child.
        for name, field in made[0].items():
            other = made[1][name]
            assert field is not other
            for part in ("child", "child_relation"):
                if hasattr(field, part):
                    assert getattr(field, part) is not getattr(other, part)


def test_what_a_serializer_changes_in_its_fields_stays_its_own():
    from usecases.api.serializers import UseCaseSerializer
    from usecases.models import UseCase

    # The organisation is fixed once a use case is made: read-only on an update.
    updating = UseCaseSerializer(instance=UseCase(pk=1))
    assert updating.fields["organisation"].read_only is True
    assert UseCaseSerializer().fields["organisation"].read_only is False
    assert UseCaseSerializer(instance=UseCase(pk=2)).fields["organisation"].read_only is True
