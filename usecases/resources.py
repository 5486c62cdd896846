"""Bulk import and export of use cases in the admin.

Use cases are always created new, as drafts submitted by the importing user:
their status is never imported — it moves only through the workflow.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from coalitions.models import Organisation
from corridor.resources import AllOrNothingResource
from corridor.resources import CodeListWidget
from corridor.resources import CorridorImportMixin
from corridor.resources import SlugForeignKeyWidget
from corridor.resources import SlugManyToManyWidget
from interventions.models import Intervention

from .models import UseCase


class UseCaseResource(AllOrNothingResource):
    intervention = fields.Field(
        attribute="intervention",
        column_name="intervention",
        widget=SlugForeignKeyWidget(Intervention, label=_("intervention")),
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=SlugForeignKeyWidget(Organisation, label=_("organisation")),
    )
    partners = fields.Field(
        attribute="partners",
        column_name="partners",
        widget=SlugManyToManyWidget(Organisation, field="slug"),
    )
    sectors = fields.Field(attribute="sectors", column_name="sectors", widget=CodeListWidget())
    needed_capabilities = fields.Field(
        attribute="needed_capabilities",
        column_name="needed_capabilities",
        widget=CodeListWidget(),
    )

    class Meta:
        model = UseCase
        # ``status`` is deliberately absent: imported use cases start as drafts.
        fields = (
            "title",
            "summary",
            "problem",
            "expected_outcome",
            "intervention",
            "organisation",
            "partners",
            "sectors",
            "needed_capabilities",
            "location",
            "planned_start",
            "planned_end",
        )
        import_id_fields = ("title",)
        force_init_instance = True  # always a new use case, never an update
        clean_model_instances = True

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated and instance.submitted_by_id is None:
            instance.submitted_by = user
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        # Partners are saved after the row; check them now so an unknown one
        # is reported with the row's other errors in the preview.
        if "partners" in row:
            try:
                self.fields["partners"].clean(row, **kwargs)
            except ValueError as exc:
                errors.setdefault("partners", []).append(str(exc))
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.submitted_by_id is None:
            import_validation_errors = dict(import_validation_errors or {})
            import_validation_errors.setdefault(
                "submitted_by", [_("An import needs a logged-in user to submit the use cases.")]
            )
        super().validate_instance(instance, import_validation_errors, validate_unique)


class UseCaseImportMixin(CorridorImportMixin):
    resource_classes = [UseCaseResource]
