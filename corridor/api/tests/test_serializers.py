"""Model serializers get DRF's own fields, with ``url`` read-only: right for the
active language, and new for every serializer."""

import pytest
from django.utils import translation

import corridor.urls  # noqa: F401 - every API serializer is imported with the URLs
from corridor.api.serializers import CorridorModelSerializer
from usecases.models import UseCase

pytestmark = pytest.mark.django_db


def _every_subclass(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _every_subclass(sub)


SERIALIZERS = sorted(set(_every_subclass(CorridorModelSerializer)), key=lambda c: c.__qualname__)


def test_every_api_model_serializer_is_covered():
    names = {cls.__name__ for cls in SERIALIZERS}
    assert {"UseCaseSerializer", "ActionLineSerializer", "OrganisationSerializer"} <= names


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda c: c.__qualname__)
def test_the_url_is_read_only_and_each_serializer_has_fields_of_its_own(serializer_class):
    made = [serializer_class().fields for _ in range(2)]
    if "url" in made[0]:
        assert made[0]["url"].read_only
    for name, field in made[0].items():
        other = made[1][name]
        assert field is not other
        for part in ("child", "child_relation"):
            if hasattr(field, part):
                assert getattr(field, part) is not getattr(other, part)


def test_labels_and_help_texts_follow_the_active_language():
    from usecases.api.serializers import UseCaseSerializer

    with translation.override("en"):
        english = UseCaseSerializer().fields
        english_texts = (str(english["title"].label), str(english["score"].help_text))
    with translation.override("nl"):
        dutch = UseCaseSerializer().fields
        dutch_texts = (str(dutch["title"].label), str(dutch["score"].help_text))
    assert english_texts[1] == "Board-weighted mean score."
    assert dutch_texts[1] != english_texts[1]
    assert english_texts[0] != dutch_texts[0]


def test_what_a_serializer_changes_in_its_fields_stays_its_own():
    from usecases.api.serializers import UseCaseSerializer

    # The organisation is fixed once a use case is made: read-only on an update.
    updating = UseCaseSerializer(instance=UseCase(pk=1))
    assert updating.fields["organisation"].read_only is True
    assert UseCaseSerializer().fields["organisation"].read_only is False
    assert UseCaseSerializer(instance=UseCase(pk=2)).fields["organisation"].read_only is True
