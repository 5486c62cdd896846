"""Each event's object as the API shows it to the endpoint's owner.

The payload is the API's own answer: the object's detail view is called in
process, as the owner, so the same policy and serializers decide which rows
and fields appear (a hidden object is a 404, and then no delivery is made).
"""

import json

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.urls import resolve
from django.urls import reverse
from django.utils import timezone

# model label → (the API's detail route, the URL keyword, the attribute it reads)
OBJECTS = {
    "usecases.usecase": ("api:use-case-detail", "pk", "pk"),
    "interventions.milestone": ("api:milestone-detail", "pk", "pk"),
    "interventions.actionline": ("api:action-line-detail", "pk", "pk"),
    "interventions.intervention": ("api:intervention-detail", "slug", "slug"),
    "coalitions.membership": ("api:membership-detail", "pk", "pk"),
    "digests.digest": ("api:digest-detail", "pk", "pk"),
}


def organisations_of(instance) -> set[int]:
    """The organisations an event about ``instance`` concerns: a partner's
    endpoint receives the events of its own organisation only."""
    label = instance._meta.label_lower
    if label == "usecases.usecase":
        return {instance.organisation_id}
    if label == "interventions.milestone":
        return {instance.action_line.lead_organisation_id}
    if label == "interventions.actionline":
        return {instance.lead_organisation_id}
    if label == "coalitions.membership":
        return {instance.organisation_id}
    return set()  # the agenda, digests: the Board's


def _request(path: str, owner) -> HttpRequest:
    base = settings.PORTAL_URL.rstrip("/")
    scheme, _sep, host = base.partition("://")
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    name, _colon, port = host.partition(":")
    request.META = {
        "SERVER_NAME": name,
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "application/json",
        "HTTP_ACCEPT_LANGUAGE": "en",
        "REQUEST_METHOD": "GET",
        "wsgi.url_scheme": scheme,
    }
    if scheme == "https":
        request.META["HTTPS"] = "on"
    # DRF's Request authenticates this user (rest_framework.test does the same).
    request._force_auth_user = owner
    return request


def render_object(label: str, instance_key, owner) -> dict | None:
    """``label``'s object as ``owner`` reads it through the API; ``None`` when hidden."""
    route, keyword, _attribute = OBJECTS[label]
    try:
        path = reverse(route, kwargs={keyword: instance_key})
    except NoReverseMatch:
        return None
    match = resolve(path)
    view = match.func
    # The same view without rate limits: an event is not the owner's request.
    unthrottled = view.cls.as_view(view.actions, **{**view.initkwargs, "throttle_classes": []})
    response = unthrottled(_request(path, owner), *match.args, **match.kwargs)
    if response.status_code != 200:
        return None
    if hasattr(response, "render"):
        response.render()  # a DRF Response; a kept page is plain HTTP already
    return json.loads(response.content)


def key_of(instance):
    _route, _keyword, attribute = OBJECTS[instance._meta.label_lower]
    return getattr(instance, attribute)


def body(event_type: str, data: dict, *, occurred_at=None) -> str:
    """The message: Standard Webhooks' ``type``, ``timestamp`` and ``data``."""
    return json.dumps(
        {
            "type": event_type,
            "timestamp": (occurred_at or timezone.now()).isoformat(),
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
