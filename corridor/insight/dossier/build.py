"""Positioning dossiers for national government (Rijk) and the EU.

For one intervention or the whole corridor: the ambition and joint agenda,
the complementarity of the two poles (organisations and capabilities per
pole), the active coalitions with their members by region, the selected use
cases with partners and timelines, the milestones ahead, and the corridor
index with its trend. Only what is public goes in: the dossier is written to
be handed to outsiders.

``build_dossier`` gathers the content once; the print page renders it as
HTML and ``dossier_docx`` writes the same content as an editable DOCX.
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
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

from ..index import CorridorHistory
from ..index import CorridorIndex
from ..index import default_series_range
from ..index import month_points
from ..matchmaking import region_name

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
class Dossier:
    on: datetime.date
    intervention: Intervention | None
    interventions: list[Intervention]
    poles: list[PoleProfile]
    capability_rows: list[tuple[str, int, int]]
    coalitions: list[CoalitionEntry]
    use_cases: list[UseCase]
    milestones: list[Milestone]
    index: CorridorIndex
    trend: list[CorridorIndex]

    @property
    def title(self) -> str:
        if self.intervention is not None:
            return self.intervention.title
        return _("Tech Corridor MRA – Brainport")

    @property
    def figures(self) -> list[tuple[str, str]]:
        """The key figures, as (label, value) in the reader's language."""
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
            (_("… joining both poles"), str(self.index.coalitions.corridor)),
            (_("Selected use cases"), str(self.index.use_cases.total)),
            (_("… joining both poles"), str(self.index.use_cases.corridor)),
            (_("Milestones ahead"), str(len(self.milestones))),
        ]

    @property
    def section_titles(self) -> list[str]:
        return [
            _("Ambition and agenda"),
            _("Complementarity of the two regions"),
            _("Coalitions"),
            _("Selected use cases"),
            _("Milestones ahead"),
            _("Corridor index"),
        ]


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
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(current_membership_q(on))
                .select_related("organisation__region")
                .order_by("organisation__name"),
                to_attr="current",
            )
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
    if intervention is not None:
        coalition_qs = coalition_qs.filter(interventions=intervention)
        use_case_qs = use_case_qs.filter(intervention=intervention)
        milestone_qs = milestone_qs.filter(action_line__intervention=intervention)

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
    trend = [history.at(point, intervention) for point in month_points(start, on)]
    return Dossier(
        on=on,
        intervention=intervention,
        interventions=interventions,
        poles=poles,
        capability_rows=capability_rows,
        coalitions=coalitions,
        use_cases=use_cases,
        milestones=list(milestone_qs),
        index=trend[-1],
        trend=trend,
    )


# The DOCX -----------------------------------------------------------------
