"""The dossier as a Word document: the same content as the print page and the PDF.

A title page with the publisher's letterhead, the executive summary, each
intervention (agenda, action lines, coalitions, use cases, asks), the
complementarity of the poles, the milestones ahead, the corridor index (a chart
with axes and a text alternative, and its table), and the appendix of
organisations. Styles, properties, tables and fields: ``word``.
"""

import io
import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm

from . import dates
from . import word
from .build import Dossier
from .chart import chart_png
from .chart import index_chart

BITMAPS = (".png", ".jpg", ".jpeg", ".gif", ".bmp")  # what Word embeds; not SVG
SUBJECT = (
    "The Tech Corridor MRA – Brainport: its state, its interventions and what it "
    "asks of the Rijk and the EU."
)
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
            document.add_heading(_plain(heading.group(2)), level=4)  # below "Joint agenda"
        elif re.match(r"^[-*+]\s+", line):
            document.add_paragraph(_plain(line[2:]), style="List Bullet")
        elif re.match(r"^\d+[.)]\s+", line):
            document.add_paragraph(_plain(re.sub(r"^\d+[.)]\s+", "", line)), style="List Number")
        else:
            document.add_paragraph(_plain(line))


def _percent(value) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _title_page(document, dossier: Dossier) -> None:
    publisher = dossier.publisher
    if publisher.logo_file is not None and publisher.logo_file.suffix.lower() in BITMAPS:
        logo = (
            document.add_paragraph().add_run().add_picture(str(publisher.logo_file), width=Cm(2.4))
        )
        word.describe_picture(
            logo,
            name=_("Logo"),
            description=_("Logo of %(name)s") % {"name": publisher.name},
        )
    document.add_paragraph(publisher.name, style="Subtitle")
    document.add_paragraph(_("Positioning dossier"), style="Subtitle")
    document.add_paragraph(dossier.title, style="Title")
    document.add_paragraph(
        _("Tech Corridor MRA – Brainport: the case to the Rijk and the European Union")
    )
    for label, value in (
        (_("Issued on"), dates.day(dossier.on)),
        (_("Issued by"), publisher.name),
        (_("Address"), publisher.address),
        (_("Contact"), publisher.contact),
    ):
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    word.page_break(document)


def _summary(document, dossier: Dossier) -> None:
    document.add_heading(dossier.section_titles["summary"], level=1)
    document.add_paragraph(_("Key figures"), style="Caption")
    word.table(document, [_("Figure"), _("Value")], [list(row) for row in dossier.figures])
    for part in dossier.summary:
        document.add_heading(part.title, level=2)
        document.add_paragraph(part.text)
        for item in part.items:
            document.add_paragraph(item, style="List Bullet")


def _use_cases(document, use_cases) -> None:
    if not use_cases:
        document.add_paragraph(_("No selected use cases yet."))
        return
    word.table(
        document,
        [_("Use case"), _("Submitted by"), _("Partners"), _("Status"), _("Timeline")],
        [
            [
                u.title,
                u.organisation.name,
                ", ".join(p.name for p in u.partners.all()) or "–",
                u.get_status_display(),
                dates.period(u.planned_start, u.planned_end),
            ]
            for u in use_cases
        ],
    )


def _intervention(document, entry) -> None:
    intervention = entry.intervention
    document.add_heading(str(intervention), level=2)
    if intervention.description:
        document.add_paragraph(intervention.description)
    document.add_heading(_("Joint agenda"), level=3)
    if entry.agenda:
        _markdown_to_docx(document, entry.agenda)
    else:
        document.add_paragraph(_("The joint agenda has not been written yet."))
    document.add_heading(_("Action lines"), level=3)
    if entry.action_lines:
        word.table(
            document,
            [_("Action line"), _("Status"), _("Lead"), _("Period"), _("Progress")],
            [
                [
                    line.title
                    if line.kind == "content"
                    else f"{line.title} ({line.get_kind_display()})",
                    line.get_status_display(),
                    line.lead_organisation.name if line.lead_organisation else "–",
                    dates.period(line.start_date, line.end_date),
                    _percent(line.progress),
                ]
                for line in entry.action_lines
            ],
        )
    else:
        document.add_paragraph(_("No action lines yet."))
    document.add_heading(_("Coalitions"), level=3)
    if not entry.coalitions:
        document.add_paragraph(_("No active coalitions yet."))
    for coalition in entry.coalitions:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(coalition.coalition.name).bold = True
        members = "; ".join(
            f"{region}: {', '.join(names)}" for region, names in coalition.members_by_region
        )
        paragraph.add_run(f" ({coalition.scope_label}): {members}")
    document.add_heading(_("Use cases"), level=3)
    _use_cases(document, entry.use_cases)
    document.add_heading(_("Asks of the Rijk and the EU"), level=3)
    if entry.asks:
        word.table(
            document,
            [_("Asked of"), _("Ask")],
            [[str(addressee.label), ask] for addressee, ask in entry.asks],
            widths=[Cm(4.5), Cm(12.5)],
        )
    else:
        document.add_paragraph(_("No asks written yet."))


def _complementarity(document, dossier: Dossier) -> None:
    document.add_heading(dossier.section_titles["complementarity"], level=1)
    document.add_paragraph(
        _(
            "Organisations taking part, per pole, and the capabilities they bring. "
            "Capabilities present in both columns are where the regions can build on "
            "each other; those in one column are what each brings to the other."
        )
    )
    for pole in dossier.poles:
        kinds = ", ".join(f"{label}: {count}" for label, count in pole.kinds) or "–"
        document.add_paragraph(f"{pole.name} ({pole.organisations}): {kinds}", style="List Bullet")
    word.table(
        document,
        [_("Capability"), dossier.poles[0].name, dossier.poles[1].name],
        [[label, mra, brainport] for label, mra, brainport in dossier.capability_rows],
    )


def _milestones(document, dossier: Dossier) -> None:
    document.add_heading(dossier.section_titles["milestones"], level=1)
    if not dossier.milestones:
        document.add_paragraph(_("No milestones in the coming year."))
        return
    word.table(
        document,
        [_("Due"), _("Milestone"), _("Action line"), _("Lead")],
        [
            [
                dates.day(m.due_date),
                m.title,
                m.action_line.title,
                m.action_line.lead_organisation.name if m.action_line.lead_organisation else "–",
            ]
            for m in dossier.milestones
        ],
    )


def _index(document, dossier: Dossier) -> None:
    document.add_heading(dossier.section_titles["index"], level=1)
    document.add_paragraph(
        _(
            "The share of active coalitions and selected use cases that join at least "
            "one MRA and one Brainport organisation."
        )
    )
    chart = index_chart(dossier.trend)
    picture = (
        document.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    )
    word.describe_picture(picture, name=_("Corridor index by month"), description=chart.description)
    document.add_paragraph(
        _(
            "Figure: the corridor index by month, %(first)s – %(last)s (0–100%%). "
            "The table below gives every value."
        )
        % {"first": dates.month(dossier.trend[0].on), "last": dates.month(dossier.trend[-1].on)},
        style="Caption",
    )
    word.table(
        document,
        [
            _("Month"),
            _("Index"),
            _("Coalitions (both poles / active)"),
            _("Use cases (both poles / selected)"),
        ],
        [
            [
                dates.month(point.on),
                "–" if point.percent is None else f"{point.percent}%",
                f"{point.coalitions.corridor} / {point.coalitions.total}",
                f"{point.use_cases.corridor} / {point.use_cases.total}",
            ]
            for point in dossier.trend
        ],
    )


def _organisations(document, dossier: Dossier) -> None:
    from ..matchmaking import region_name

    document.add_heading(dossier.section_titles["organisations"], level=1)
    word.table(
        document,
        [_("Organisation"), _("Kind"), _("Region"), _("City"), _("Website")],
        [
            [
                o.name,
                o.get_kind_display(),
                region_name(o.region),
                o.city or "–",
                o.website or "–",
            ]
            for o in dossier.organisations
        ],
    )


def dossier_docx(dossier: Dossier) -> bytes:
    """The dossier as a Word document Board staff can edit further and send."""
    language = (get_language() or "nl")[:2]
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    word.set_properties(
        document,
        title=dossier.document_title,
        subject=_(SUBJECT),
        author=dossier.publisher.name,
        language=language,
        keywords="Tech Corridor; MRA; Brainport",
        category=_("Positioning dossier"),
    )
    word.set_language(document, language)
    word.set_styles(document)
    word.page_header(section, dossier.publisher.name)
    word.page_footer(section, left=dossier.document_title, page=_("Page"), of=_("of"))

    _title_page(document, dossier)
    _summary(document, dossier)
    word.page_break(document)
    document.add_heading(dossier.section_titles["interventions"], level=1)
    for entry in dossier.entries:
        _intervention(document, entry)
    _complementarity(document, dossier)
    _milestones(document, dossier)
    _index(document, dossier)
    _organisations(document, dossier)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
