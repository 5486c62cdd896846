from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def assessment_changed(sender, instance, raw=False, **kwargs):
    from . import scoring

    if not raw:
        scoring.refresh([instance.use_case_id])


class UsecasesConfig(AppConfig):
    name = "usecases"
    verbose_name = _("Use cases")

    def ready(self):
        # The review summaries follow every write of an assessment, however it
        # is made (services, admin, fixtures, tests). New weights rescore every
        # use case in ``services.save_criterion_weights``, which all callers use.
        post_save.connect(assessment_changed, sender="usecases.Assessment")
        post_delete.connect(assessment_changed, sender="usecases.Assessment")
