from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "corridor.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self):
        from interventions import sections

        from . import panels

        # The results the interventions' and use cases' pages show: this app
        # sits above both, so it fills their sections.
        sections.provide(sections.INTERVENTION_RESULTS, panels.intervention_panel)
        sections.provide(sections.ACTION_LINE_RESULTS, panels.action_line_panel)
        sections.provide(sections.USE_CASE_RESULTS, panels.use_case_panel)
