"""Bulk import of organisations and use cases from CSV or XLSX in the admin.

Each resource lives beside its models and builds on the shared bases in
``corridor.resources`` (``FormulaSafeResource``: the one CSV rule of
``corridor.csvsafe`` on every cell). This names them together: what the
admin imports and exports.
"""

from coalitions.resources import OrganisationResource
from corridor.resources import FormulaSafeResource
from usecases.resources import UseCaseResource

RESOURCES = (OrganisationResource, UseCaseResource)

__all__ = ["RESOURCES", "FormulaSafeResource", "OrganisationResource", "UseCaseResource"]
