"""Bulk import and export of organisations in the admin.

Organisations are matched on their slug (a known slug updates the row).
"""

from django.utils.translation import gettext as _
from import_export import fields

from corridor.resources import AllOrNothingResource
from corridor.resources import CodeListWidget
from corridor.resources import CorridorImportMixin
from corridor.resources import SlugForeignKeyWidget

from .models import Organisation
from .models import Region


class OrganisationResource(AllOrNothingResource):
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=SlugForeignKeyWidget(Region, label=_("region")),
    )
    capabilities = fields.Field(
        attribute="capabilities", column_name="capabilities", widget=CodeListWidget()
    )

    class Meta:
        model = Organisation
        fields = (
            "slug",
            "name",
            "kind",
            "region",
            "city",
            "website",
            "description",
            "capabilities",
        )
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class OrganisationImportMixin(CorridorImportMixin):
    resource_classes = [OrganisationResource]
