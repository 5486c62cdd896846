"""The framework floor the product is measured against."""

import json

from django.http import HttpResponse

from usecases.models import UseCase

BODY = json.dumps(
    {"count": 1, "next": None, "previous": None, "results": [{"id": 1, "title": "x" * 40}] * 50}
).encode()

FIELDS = (
    "id",
    "title",
    "status",
    "intervention_id",
    "organisation_id",
    "submitted_at",
    "created",
    "updated",
)


def pre_encoded(request):
    """A bare view returning a pre-encoded JSON body."""
    return HttpResponse(BODY, content_type="application/json")


def values_baseline(request):
    """A bare view fetching the same 50 use cases with .values() and the json module."""
    rows = list(UseCase.objects.order_by("-created", "-id").values(*FIELDS)[:50])
    body = json.dumps({"results": rows}, default=str)
    return HttpResponse(body, content_type="application/json")
