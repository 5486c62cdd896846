"""Positioning dossiers for national government (Rijk) and the EU.

For one intervention or the whole corridor: a title page with the publisher's
letterhead, an executive summary from the data (``summary``), each
intervention with its agenda, action lines, coalitions, use cases and what it
asks of the Rijk and the EU, the complementarity of the two poles, the
milestones ahead, the corridor index with its trend, and an appendix of the
organisations. Only what is public goes in: the dossier is written to be
handed to outsiders.

``build_dossier`` gathers the content once; the print page renders it as HTML
(and WeasyPrint as PDF), and ``dossier_docx`` writes the same content as DOCX.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from coalitions.selectors import current_membership_q
from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

from ..index import CorridorHistory
from ..index import CorridorIndex
from ..index import default_series_range
from ..index import month_points
from ..matchmaking import region_name
from .publisher import Publisher
from .publisher import publisher
from .summary import SummaryPart
from .summary import summary_parts

MILESTONE_HORIZON_DAYS = 365
TREND_MONTHS = 12


@dataclass
class PoleProfile:
    slug: str
    name: str
    organisations: int
    kinds: list[tuple[str, int]]


@dataclass
class CoalitionEntry:
    coalition: Coalition
    members_by_region: list[tuple[str, list[str]]]
    scope_label: str


@dataclass
class Progress:
    """Milestones reached in the past year, those overdue, and lines that slip."""

    done: int
    overdue: list[Milestone]
    slipping: list[ActionLine]


@dataclass
class InterventionEntry:
    """One intervention as the dossier tells it."""

    intervention: Intervention
    action_lines: list[ActionLine]
    coalitions: list[CoalitionEntry]
    use_cases: list[UseCase]

    @property
    def agenda(self) -> str:
        return self.intervention.agenda_text

    @property
    def agenda_language(self) -> str:
        return self.intervention.agenda_language

    @property
    def asks(self):
        return self.intervention.ask_rows


@dataclass
class Dossier:
    on: datetime.date
    intervention: Intervention | None
    interventions: list[Intervention]
    entries: list[InterventionEntry]
    poles: list[PoleProfile]
    capability_rows: list[tuple[str, int, int]]
    coalitions: list[CoalitionEntry]
    use_cases: list[UseCase]
    action_lines: list[ActionLine]
    milestones: list[Milestone]
    progress: Progress
    organisations: list[Organisation]
    index: CorridorIndex
    trend: list[CorridorIndex]
    publisher: Publisher

    @property
    def title(self) -> str:
        if self.intervention is not None:
            return self.intervention.title
        return _("Tech Corridor MRA – Brainport")

    @property
    def document_title(self) -> str:
        return _("Positioning dossier: %(title)s") % {"title": self.title}

    @property
    def summary(self) -> list[SummaryPart]:
        return summary_parts(self)

    @property
    def figures(self) -> list[tuple[str, str]]:
        """The key figures, as (label, value) in the reader's language; each label once."""
        mra, brainport = self.poles
        return [
            (
                _("Corridor index"),
                "–" if self.index.percent is None else f"{self.index.percent}%",
            ),
            (_("Organisations in %(region)s") % {"region": mra.name}, str(mra.organisations)),
            (
                _("Organisations in %(region)s") % {"region": brainport.name},
                str(brainport.organisations),
            ),
            (_("Active coalitions"), str(self.index.coalitions.total)),
            (_("Active coalitions joining both poles"), str(self.index.coalitions.corridor)),
            (_("Selected use cases"), str(self.index.use_cases.total)),
            (_("Selected use cases joining both poles"), str(self.index.use_cases.corridor)),
            (_("Milestones ahead"), str(len(self.milestones))),
        ]

    @property
    def section_titles(self) -> dict[str, str]:
        return {
            "summary": _("Executive summary"),
            "interventions": _("The interventions"),
            "complementarity": _("Complementarity of the two regions"),
            "milestones": _("Milestones ahead"),
            "index": _("Corridor index"),
            "organisations": _("Appendix: organisations"),
        }


def _organisations_in_scope(intervention, coalitions, use_cases):
    """All organisations for the corridor; for an intervention, those taking part in it."""
    organisations = Organisation.objects.visible_to(None).select_related("region")
    if intervention is None:
        return list(organisations)
    involved = {m.organisation_id for entry in coalitions for m in entry.coalition.current}
    for use_case in use_cases:
        involved.add(use_case.organisation_id)
        involved.update(p.pk for p in use_case.partners.all())
    return list(organisations.filter(pk__in=involved))


def build_dossier(*, intervention: Intervention | None = None, on=None) -> Dossier:
    on = on or timezone.localdate()
    interventions = [intervention] if intervention else list(Intervention.objects.all())

    coalition_qs = (
        Coalition.objects.visible_to(None)
        .filter(status=Coalition.Status.ACTIVE)
        .with_scope(on=on)
        .prefetch_related(
            "interventions",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(current_membership_q(on))
                .select_related("organisation__region")
                .order_by("organisation__name"),
                to_attr="current",
            ),
        )
        .order_by("name")
    )
    use_case_qs = (
        UseCase.objects.visible_to(None)
        .select_related("organisation__region", "intervention", "coalition")
        .prefetch_related("partners__region")
        .order_by("intervention__number", "planned_start", "title")
    )
    milestone_qs = (
        Milestone.objects.visible_to(None)
        .filter(
            completed_on__isnull=True,
            due_date__gte=on,
            due_date__lte=on + datetime.timedelta(days=MILESTONE_HORIZON_DAYS),
        )
        .select_related("action_line__intervention", "action_line__lead_organisation")
        .order_by("due_date", "id")
    )
    line_qs = (
        ActionLine.objects.visible_to(None)
        .with_progress()
        .select_related("intervention", "lead_organisation")
        .order_by("intervention__number", "start_date", "title", "pk")
    )
    overdue_qs = (
        Milestone.objects.visible_to(None)
        .filter(completed_on__isnull=True, due_date__lt=on)
        .select_related("action_line")
        .order_by("due_date", "id")
    )
    done_qs = Milestone.objects.visible_to(None).filter(
        completed_on__gt=on - datetime.timedelta(days=365), completed_on__lte=on
    )
    if intervention is not None:
        coalition_qs = coalition_qs.filter(interventions=intervention)
        use_case_qs = use_case_qs.filter(intervention=intervention)
        milestone_qs = milestone_qs.filter(action_line__intervention=intervention)
        line_qs = line_qs.filter(intervention=intervention)
        overdue_qs = overdue_qs.filter(action_line__intervention=intervention)
        done_qs = done_qs.filter(action_line__intervention=intervention)
    action_lines = list(line_qs)
    progress = Progress(
        done=done_qs.count(),
        overdue=list(overdue_qs),
        slipping=sorted(
            (
                line
                for line in action_lines
                if line.slipped_days and line.status != ActionLine.Status.CANCELLED
            ),
            key=lambda line: -line.slipped_days,
        ),
    )

    scopes = dict(Coalition.Scope.choices)
    coalitions = []
    for coalition in coalition_qs:
        by_region: dict[str, list[str]] = {}
        for membership in coalition.current:
            by_region.setdefault(region_name(membership.organisation.region), []).append(
                membership.organisation.name
            )
        coalitions.append(
            CoalitionEntry(
                coalition=coalition,
                members_by_region=sorted(by_region.items()),
                scope_label=str(scopes.get(coalition.scope, "–")),
            )
        )
    use_cases = list(use_case_qs)

    organisations = _organisations_in_scope(intervention, coalitions, use_cases)
    regions = {r.slug: r for r in Region.objects.filter(slug__in=Region.POLES)}
    kinds = dict(Organisation.Kind.choices)
    poles = []
    for slug in Region.POLES:
        members = [o for o in organisations if o.region.slug == slug]
        kind_counts: dict[str, int] = {}
        for organisation in members:
            label = str(kinds.get(organisation.kind, organisation.kind))
            kind_counts[label] = kind_counts.get(label, 0) + 1
        poles.append(
            PoleProfile(
                slug=slug,
                name=region_name(regions[slug]) if slug in regions else slug,
                organisations=len(members),
                kinds=sorted(kind_counts.items(), key=lambda item: (-item[1], item[0])),
            )
        )
    capability_rows = []
    for code, label in Capability.choices:
        counts = [
            sum(
                1 for o in organisations if o.region.slug == slug and code in (o.capabilities or ())
            )
            for slug in Region.POLES
        ]
        if any(counts):
            capability_rows.append((str(label), counts[0], counts[1]))

    start, _end = default_series_range(on, TREND_MONTHS)
    history = CorridorHistory(on)
    trend = history.series(month_points(start, on), intervention)
    entries = [
        InterventionEntry(
            intervention=item,
            action_lines=[line for line in action_lines if line.intervention_id == item.pk],
            coalitions=[
                entry
                for entry in coalitions
                if any(i.pk == item.pk for i in entry.coalition.interventions.all())
            ],
            use_cases=[u for u in use_cases if u.intervention_id == item.pk],
        )
        for item in interventions
    ]
    return Dossier(
        on=on,
        intervention=intervention,
        interventions=interventions,
        entries=entries,
        poles=poles,
        capability_rows=capability_rows,
        coalitions=coalitions,
        use_cases=use_cases,
        action_lines=action_lines,
        milestones=list(milestone_qs),
        progress=progress,
        organisations=sorted(organisations, key=lambda o: o.name.casefold()),
        index=trend[-1],
        trend=trend,
        publisher=publisher(),
    )
