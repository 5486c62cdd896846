"""What python-docx does not do by itself, for a document fit to send.

Package properties (core and app, no template leftovers, no blank
thumbnail), the document language, styles a recipient edits (fonts set on the
styles, not on runs), tables whose header row repeats and whose rows stay on
one page, Word fields for page numbers, and a picture's text alternative.
"""

from xml.sax.saxutils import escape

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.shared import RGBColor

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
APPLICATION = "Tech Corridor Portal"
SANS = "DejaVu Sans"
SERIF = "DejaVu Serif"
ACCENT = RGBColor(0x4C, 0x1D, 0x95)

APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>{application}</Application><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><Company>{company}</Company>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>"""


def set_properties(document, *, title, subject, author, language, keywords, category):
    """Core properties as the document's own, created and modified now."""
    now = timezone.now().replace(microsecond=0)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE_TAGS.get(language, language)
    properties.keywords = keywords
    properties.category = category
    properties.comments = ""
    properties.content_status = ""
    properties.created = now
    properties.modified = now
    properties.revision = 1
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.format(
                application=escape(APPLICATION), company=escape(author)
            ).encode("utf-8")
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:  # the template's blank thumbnail
            package.rels.pop(rel_id)


def set_language(document, language: str) -> None:
    """The language of the text (spelling, hyphenation, screen readers)."""
    tag = LANGUAGE_TAGS.get(language, language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    settings = document.settings.element
    theme_fonts = settings.find(qn("w:themeFontLang"))
    if theme_fonts is not None:
        theme_fonts.set(qn("w:val"), tag)


def set_styles(document) -> None:
    """Fonts, sizes and colours on the styles, so a recipient changes them in one place."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = SERIF
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    headings = (("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11), ("Heading 4", 10.5))
    for name, size in (("Title", 24), *headings):
        style = styles[name]
        style.font.name = SANS
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.paragraph_format.keep_with_next = True
    for name in ("Subtitle", "Caption", "List Bullet"):
        styles[name].font.name = SANS if name != "List Bullet" else SERIF
    styles["Caption"].font.size = Pt(9)


def _row_property(row, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(tag)) is None:
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def table(document, header: list[str], rows: list[list[str]], *, widths=None):
    """A table whose header row repeats on every page and whose rows never split."""
    result = document.add_table(rows=1, cols=len(header))
    result.style = "Light Grid Accent 1"
    _row_property(result.rows[0], "w:tblHeader")
    for cell, text in zip(result.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        added = result.add_row()
        for cell, text in zip(added.cells, row, strict=True):
            cell.text = str(text)
    for row in result.rows:
        _row_property(row, "w:cantSplit")
    if widths:
        for row in result.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width
    return result


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) with "1" shown until Word updates it."""
    run = paragraph.add_run()
    instruction_text = OxmlElement("w:instrText")
    instruction_text.set(qn("xml:space"), "preserve")
    instruction_text.text = f" {instruction} "
    shown = OxmlElement("w:t")
    shown.text = "1"
    for element in (
        _fld_char("begin"),
        instruction_text,
        _fld_char("separate"),
        shown,
        _fld_char("end"),
    ):
        run._r.append(element)


def page_footer(section, *, left: str, page: str, of: str) -> None:
    """``left`` and "Page N of M" (Word fields, right after edits), not on the title page."""
    section.different_first_page_header_footer = True
    title = section.footer.paragraphs[0]
    title.style = "Footer"
    title.text = left
    paragraph = section.footer.add_paragraph(style="Footer")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(page + " ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" " + of + " ")
    _field(paragraph, "NUMPAGES")


def page_header(section, text: str) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.style = "Header"
    paragraph.text = text
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def describe_picture(inline_shape, *, name: str, description: str) -> None:
    """The picture's text alternative (``descr``), read by screen readers and shown by Word."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("name", name)
    doc_pr.set("descr", description)
    doc_pr.set("title", name)


def page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
