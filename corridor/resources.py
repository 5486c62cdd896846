"""The bases of the admin's bulk import and export (CSV and XLSX), for every app.

django-import-export does the work: the admin shows a dry-run preview with
each row's errors first, and only an import without any error can be
confirmed. Here every import is also all-or-nothing at the resource itself
(``rollback_on_validation_errors``), so a row that fails on confirmation
still imports nothing. Every saved row is a history entry with the importing
user as its author.

Exports (CSV and XLSX) pass every cell through ``corridor.csvsafe.safe_cell``,
so text a spreadsheet would run as a formula arrives quoted; an import takes
that quote off again, so an export imported back changes nothing. The library's own
``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` is left off: it only drops one
leading ``=`` (``==1+1`` still runs) and ignores ``+``, ``-``, ``@``, tab and
carriage return. Every resource builds on ``FormulaSafeResource``.

Each app's resources live beside its models (``coalitions/resources.py``,
``usecases/resources.py``).
"""

import re

from django.utils.translation import gettext as _
from import_export import resources
from import_export import widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.formats.base_formats import XLSX

from corridor import csvsafe

LIST_SPLIT = re.compile(r"[;,|]")


def _split(value) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in LIST_SPLIT.split(str(value)) if part.strip()]


class CodeListWidget(widgets.Widget):
    """A code list cell: ``ai;data`` (or commas) to ``["ai", "data"]`` and back.

    The codes themselves are checked by the model field on validation, which
    names the unknown ones.
    """

    def clean(self, value, row=None, **kwargs):
        return _split(value)

    def render(self, value, obj=None, **kwargs):
        return ";".join(value or [])


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key given by slug (or another field); an unknown one is a row error."""

    def __init__(self, model, field="slug", label=""):
        super().__init__(model, field=field)
        self.label = label

    def clean(self, value, row=None, **kwargs):
        value = (str(value).strip() if value is not None else "")[:200]
        if not value:
            return None
        found = self.get_queryset(value, row, **kwargs).filter(**{self.field: value}).first()
        if found is None:
            raise ValueError(
                _("Unknown %(what)s “%(value)s”.") % {"what": self.label, "value": value}
            )
        return found


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Several slugs in one cell; any unknown slug is a row error, never dropped."""

    def clean(self, value, row=None, **kwargs):
        slugs = _split(value)
        if not slugs:
            return self.model.objects.none()
        found = self.model.objects.filter(**{f"{self.field}__in": slugs})
        unknown = sorted(set(slugs) - {getattr(obj, self.field) for obj in found})
        if unknown:
            raise ValueError(
                _("Unknown organisation(s): %(slugs)s.") % {"slugs": ", ".join(unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ";".join(getattr(related, self.field) for related in value.all())


class FormulaSafeResource(resources.ModelResource):
    """Every exported cell goes through the portal's one CSV rule (``corridor.csvsafe``)."""

    def export_field(self, field, instance, **kwargs):
        return csvsafe.safe_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            row[column] = csvsafe.unquote_cell(value)


class AllOrNothingResource(FormulaSafeResource):
    """An import with any error, or any invalid row, saves nothing at all."""

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user


class CorridorImportMixin(ImportExportMixin):
    """Import and export in the admin for the Board: CSV and XLSX."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]

    def has_import_permission(self, request):
        user = request.user
        return bool(user.is_active and (user.is_superuser or user.is_board))
