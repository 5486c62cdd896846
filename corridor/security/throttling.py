"""Rate limits for the API and for the portal's login and use case forms.

One set of rates (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, read from the
environment in settings) and one cache (``CACHES["default"]``: Redis in
production, so every gunicorn worker counts the same requests):

- ``user``: an authenticated API caller, counted per user (token or session);
- ``anon``: an anonymous API caller, counted per client IP (``client_ip``);
- ``use_case_create``: creating a use case, in the API and the portal form, per user;
- ``login``: posting the portal's or the admin's login form — one count for
  both — per client IP (django-axes still locks a username+IP after repeated
  failures; this limits guessing across usernames);
- ``password_reset``: password reset emails, per email address (``within_rate``).

Too many requests answer 429 with ``Retry-After``: JSON in the API, a readable
page in the portal; so does a django-axes lockout (``locked_out``). A cache
that cannot be reached lets the request through — the portal keeps working
when Redis is down, only the limit is not counted.
"""

import hashlib
import logging
import math
from functools import wraps

from axes.helpers import get_client_username
from axes.helpers import get_cool_off
from axes.helpers import get_failure_limit
from django.conf import settings
from django.shortcuts import render
from rest_framework import throttling
from rest_framework.settings import api_settings

from .client_ip import client_ip

logger = logging.getLogger(__name__)


class CorridorThrottle(throttling.SimpleRateThrottle):
    """DRF's counter with three changes: rates are read when used (so settings
    changes apply), the client IP comes from ``client_ip``, and a cache that
    fails lets the request through."""

    def __init__(self):
        # DRF resolves the rate in __init__ from a dict bound at import time;
        # resolve it from the current settings instead.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # noqa: BLE001 - a cache outage must not take the site down
            logger.warning("Throttle %s not counted, cache unavailable: %s", self.scope, exc)
            return True

    def wait(self):
        # Whole seconds, at least one: Retry-After is an integer.
        remaining = super().wait()
        return None if remaining is None else max(1, math.ceil(remaining))


class UserRateThrottle(CorridorThrottle):
    """Authenticated API callers, per user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonRateThrottle(CorridorThrottle):
    """Anonymous API callers, per client IP."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ActionRateThrottle(CorridorThrottle):
    """A tighter limit on the viewset actions named in ``view.throttle_actions``
    (``{"create": "use_case_create"}``), per user or else per client IP."""

    scope = None
    rate = None

    def __init__(self):
        pass  # the scope is known per request

    def allow_request(self, request, view):
        scope = getattr(view, "throttle_actions", {}).get(getattr(view, "action", None))
        if scope is None:
            return True
        self.scope = scope
        CorridorThrottle.__init__(self)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class _PortalThrottle(CorridorThrottle):
    def __init__(self, scope):
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if self.scope != "login" and user is not None and user.is_authenticated:
            ident = user.pk
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class _KeyedThrottle(CorridorThrottle):
    """Counts under a key the caller gives (an email address, say), whoever asks."""

    def __init__(self, scope, key):
        self.scope = scope
        self.key = key
        super().__init__()

    def get_cache_key(self, request, view):
        digest = hashlib.sha256(self.key.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


def within_rate(request, scope: str, key: str) -> bool:
    """Count one event for ``key`` under the rate of ``scope``; False once the
    key is over it. The key is stored hashed, never as given."""
    throttle = _KeyedThrottle(scope, key)
    return not throttle.rate or throttle.allow_request(request, None)


def too_many_requests(request, wait: int | None):
    response = render(request, "429.html", status=429)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


def rate_limited(scope: str, methods=("POST",)):
    """Limit a portal view's ``methods`` to the rate of ``scope``: per client IP
    for ``login``, otherwise per user (or IP when anonymous). Over the limit,
    the view is not called: a 429 page with ``Retry-After`` answers instead."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                throttle = _PortalThrottle(scope)
                if throttle.rate and not throttle.allow_request(request, None):
                    return too_many_requests(request, throttle.wait())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout (``AXES_LOCKOUT_CALLABLE``): the lockout page, 429,
    with ``Retry-After`` the cool-off in seconds. Every attempt while locked out
    restarts the cool-off (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``), so
    the lockout ends a full cool-off after this one."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(max(1, math.ceil(cool_off.total_seconds())))
    return response
