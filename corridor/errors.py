"""The portal's own answers for 403, 404, 500, a refused CSRF check, and a
database that went away (503).

A page in the portal's layout and the visitor's language (the
LocaleMiddleware has already chosen it), with a way back; under ``/api/``, or
for a caller that asks for JSON, the API's shape: ``{"detail": "..."}``.
``wants_json`` is that one rule, shared with the 503 below and the API's own
catch-all 404.

Wired in ``corridor/urls.py`` (``handler403``/``handler404``/``handler500``)
and ``CSRF_FAILURE_VIEW`` in settings.
"""

import logging

from django.db import InterfaceError
from django.db import OperationalError
from django.db import connections
from django.http import HttpResponse
from django.http import HttpResponseServerError
from django.http import JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def wants_json(request) -> bool:
    """An API caller: a path under ``/api/``, or a client asking for JSON."""
    return request.path.startswith(API_PREFIX) or "application/json" in request.headers.get(
        "Accept", ""
    )


def json_error(detail, *, status: int) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=status)


@requires_csrf_token
def permission_denied(request, exception=None):
    """403. A ``PermissionDenied`` raised with a message (the services' own
    words, already translated) shows it; a bare one shows the general text."""
    message = str(exception or "")
    if wants_json(request):
        return json_error(
            message or _("You do not have permission to perform this action."), status=403
        )
    return render(request, "403.html", {"message": message}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    """404. Never says what was looked for: a hidden row answers as a missing one."""
    if wants_json(request):
        return json_error(_("Not found."), status=404)
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """403 for a form sent without a valid CSRF token (usually an old tab)."""
    if wants_json(request):
        return json_error(
            _("The request was refused: its CSRF token is missing or out of date."), status=403
        )
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """500. Renders without the database, the session or context processors:
    whatever failed may be any of them."""
    if wants_json(request):
        return json_error(_("Something went wrong on our side."), status=500)
    try:
        home_url = reverse("portal:dashboard")
    except NoReverseMatch:
        home_url = "/"
    try:
        stylesheet = static("css/corridor.css")
    except ValueError:  # not collected: the page stays readable without it
        logger.warning("The stylesheet is missing while answering a 500")
        stylesheet = ""
    template = loader.get_template("500.html")
    context = {
        "home_url": home_url,
        "stylesheet": stylesheet,
        "LANGUAGE_CODE": get_language() or "nl",
    }
    return HttpResponseServerError(template.render(context))


class DatabaseUnavailableMiddleware:
    """Turn a database that went away mid-request into a 503 the user can read.

    The broken connection is closed so the next request opens a fresh one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable during %s %s: %s", request.method, request.path, exception
        )
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - already broken; closing is best effort
                logger.debug("Closing a broken connection failed", exc_info=True)
        message = _("The portal cannot reach its database right now. Please try again shortly.")
        if wants_json(request):
            response = JsonResponse({"detail": message, "code": "database_unavailable"}, status=503)
        else:
            response = HttpResponse(
                render_to_string("503.html", {"message": message, "LANGUAGE_CODE": get_language()}),
                status=503,
            )
        response["Retry-After"] = "10"
        return response
