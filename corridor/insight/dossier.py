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
import io
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.shared import Pt

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region
from coalitions.selectors import current_membership_q
from interventions.models import Intervention
from interventions.models import Milestone
from usecases.models import UseCase

from .charts import index_chart_png
from .index import CorridorHistory
from .index import CorridorIndex
from .index import default_series_range
from .index import month_points
from .matchmaking import region_name

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

_MARKDOWN_INLINE = re.compile(r"(\*\*|__|\*|_|`)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _plain(text: str) -> str:
    return _MARKDOWN_INLINE.sub("", _MARKDOWN_LINK.sub(r"\1", text)).strip()


def _markdown_to_docx(document, text: str) -> None:
    """The agenda's Markdown as Word paragraphs: headings, bullets and text."""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level = min(4, len(heading.group(1)) + 2)
            document.add_heading(_plain(heading.group(2)), level=level)
        elif re.match(r"^[-*+]\s+", line):
            document.add_paragraph(_plain(line[2:]), style="List Bullet")
        elif re.match(r"^\d+[.)]\s+", line):
            document.add_paragraph(_plain(re.sub(r"^\d+[.)]\s+", "", line)), style="List Number")
        else:
            document.add_paragraph(_plain(line))


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return table


def _page_number_footer(section) -> None:
    """ "Page N of M" in the footer, as Word fields so it stays right after edits."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def field(instruction: str):
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(text)
        run._r.append(end)

    paragraph.add_run(_("Page") + " ")
    field("PAGE")
    paragraph.add_run(" " + _("of") + " ")
    field("NUMPAGES")


def _day(value) -> str:
    return date_format(value, "j M Y") if value else "–"


def dossier_docx(dossier: Dossier) -> bytes:
    """The dossier as a Word document Board staff can edit further."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    document.styles["Normal"].font.size = Pt(10.5)
    _page_number_footer(section)

    document.core_properties.title = _("Positioning dossier: %(title)s") % {"title": dossier.title}
    document.core_properties.author = _("Amsterdam Economic Board")
    document.add_heading(_("Positioning dossier"), level=0)
    document.add_paragraph(dossier.title).runs[0].bold = True
    document.add_paragraph(
        _("Tech Corridor MRA – Brainport, as of %(date)s") % {"date": _day(dossier.on)}
    )

    document.add_heading(_("Key figures"), level=1)
    _table(document, [_("Figure"), _("Value")], [list(row) for row in dossier.figures])

    titles = dossier.section_titles
    document.add_heading(titles[0], level=1)
    for intervention in dossier.interventions:
        document.add_heading(str(intervention), level=2)
        if intervention.description:
            document.add_paragraph(intervention.description)
        _markdown_to_docx(document, intervention.agenda)

    document.add_heading(titles[1], level=1)
    document.add_paragraph(
        _(
            "Organisations taking part, per pole, and the capabilities they bring. "
            "Capabilities present in both columns are where the regions can build on "
            "each other; those in one column are what each brings to the other."
        )
    )
    for pole in dossier.poles:
        kinds = ", ".join(f"{label} ({count})" for label, count in pole.kinds) or "–"
        document.add_paragraph(f"{pole.name}: {pole.organisations} — {kinds}")
    _table(
        document,
        [_("Capability"), dossier.poles[0].name, dossier.poles[1].name],
        [[label, mra, brainport] for label, mra, brainport in dossier.capability_rows],
    )

    document.add_heading(titles[2], level=1)
    if not dossier.coalitions:
        document.add_paragraph(_("No active coalitions yet."))
    for entry in dossier.coalitions:
        document.add_heading(f"{entry.coalition.name} ({entry.scope_label})", level=2)
        if entry.coalition.purpose:
            document.add_paragraph(_plain(entry.coalition.purpose))
        for region, names in entry.members_by_region:
            document.add_paragraph(f"{region}: {', '.join(names)}", style="List Bullet")

    document.add_heading(titles[3], level=1)
    if dossier.use_cases:
        _table(
            document,
            [_("Use case"), _("Submitted by"), _("Partners"), _("Status"), _("Timeline")],
            [
                [
                    use_case.title,
                    use_case.organisation.name,
                    ", ".join(p.name for p in use_case.partners.all()) or "–",
                    use_case.get_status_display(),
                    f"{_day(use_case.planned_start)} – {_day(use_case.planned_end)}",
                ]
                for use_case in dossier.use_cases
            ],
        )
    else:
        document.add_paragraph(_("No selected use cases yet."))

    document.add_heading(titles[4], level=1)
    if dossier.milestones:
        _table(
            document,
            [_("Due"), _("Milestone"), _("Action line"), _("Lead")],
            [
                [
                    _day(m.due_date),
                    m.title,
                    m.action_line.title,
                    m.action_line.lead_organisation.name
                    if m.action_line.lead_organisation
                    else "–",
                ]
                for m in dossier.milestones
            ],
        )
    else:
        document.add_paragraph(_("No milestones in the coming year."))

    document.add_heading(titles[5], level=1)
    document.add_paragraph(
        _(
            "The share of active coalitions and selected use cases that join at least "
            "one MRA and one Brainport organisation."
        )
    )
    figure = document.add_paragraph()
    figure.add_run().add_picture(io.BytesIO(index_chart_png(dossier.trend)), width=Cm(16))
    caption = _("Figure: the corridor index by month, %(first)s – %(last)s (0–100%%).") % {
        "first": date_format(dossier.trend[0].on, "M Y"),
        "last": date_format(dossier.trend[-1].on, "M Y"),
    }
    document.add_paragraph(caption).runs[0].italic = True
    _table(
        document,
        [
            _("Month"),
            _("Index"),
            _("Coalitions (both poles / active)"),
            _("Use cases (both poles / selected)"),
        ],
        [
            [
                date_format(point.on, "M Y"),
                "–" if point.percent is None else f"{point.percent}%",
                f"{point.coalitions.corridor} / {point.coalitions.total}",
                f"{point.use_cases.corridor} / {point.use_cases.total}",
            ]
            for point in dossier.trend
        ],
    )

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
