"""The dossier as a Word document."""

import io
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.shared import Pt

from ..index.charts import index_chart_png
from .build import Dossier

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
