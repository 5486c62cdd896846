"""Faults answered calmly: a lost database connection gets a 503, not a traceback."""

import logging

from django.db import InterfaceError
from django.db import OperationalError
from django.db import connections
from django.http import HttpResponse
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.errors import wants_json

logger = logging.getLogger(__name__)


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
