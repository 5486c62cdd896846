"""One shape for every error the API answers.

- 400: ``{"field": ["message", ...], ...}`` (``non_field_errors`` when no field
  is to blame), from serializers, filters and the services' ``ValidationError``.
- 401/403/404/405/406/415: ``{"detail": "..."}``.
- 409: ``{"detail": "...", "dependents": [...]}`` when a row other rows depend
  on cannot be deleted, or a write collides with a unique row.
- 412: ``{"detail": "...", "current_version": "..."}`` when ``If-Match`` no
  longer matches.

Messages follow ``Accept-Language`` (Dutch by default).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from corridor.versioning import VersionConflict
from corridor.versioning import version_of


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Someone else saved this in the meantime.")
    default_code = "precondition_failed"


def _dependents(objects) -> list[dict]:
    counts: dict = {}
    for obj in objects:
        meta = obj._meta
        key = meta.label_lower
        if key not in counts:
            counts[key] = {"type": key, "name": str(meta.verbose_name_plural), "count": 0}
        counts[key]["count"] += 1
    return sorted(counts.values(), key=lambda row: row["type"])


def corridor_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail.setdefault("non_field_errors", []).extend(detail.pop(NON_FIELD_ERRORS))
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()

    if isinstance(exc, VersionConflict):
        current = version_of(exc.current)
        response = Response(
            {"detail": str(PreconditionFailed.default_detail), "current_version": current},
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
        response["ETag"] = f'"{current}"'
        return response
    if isinstance(exc, ProtectedError | RestrictedError):
        objects = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        return Response(
            {
                "detail": str(_("This cannot be deleted: other records depend on it.")),
                "dependents": _dependents(objects),
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {
                "detail": str(_("This conflicts with another record. Reload and try again.")),
                "dependents": [],
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DataError):
        return Response(
            {"non_field_errors": [str(_("A value is out of range or not allowed here."))]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
