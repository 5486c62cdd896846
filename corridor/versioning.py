"""Versions of rows, so that a save over someone else's newer change is refused.

The version of a row is a short hash of its stored field values. The API sends
it as the ``ETag`` and checks ``If-Match``; portal edit forms carry it in a
hidden field. ``check_version`` locks the row and compares, inside the caller's
transaction, so two saves cannot both pass.
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionConflict(Exception):
    """The row changed since the client loaded it. ``current`` is the row now."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(str(_("Someone else saved this in the meantime.")))


def version_of(obj: models.Model) -> str:
    parts = []
    for field in obj._meta.concrete_fields:
        parts.append(f"{field.attname}={field.value_to_string(obj)}")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def check_version(obj: models.Model, expected: str | None) -> models.Model:
    """Lock ``obj``'s row (call inside ``transaction.atomic``) and return it fresh.

    Raises ``VersionConflict`` when ``expected`` is given and no longer matches.
    """
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if expected and expected.strip('"').removeprefix("W/").strip('"') != version_of(current):
        raise VersionConflict(current)
    return current
