"""The dossier's files opened with other tools: the PDF parsed by pypdf, the
DOCX converted by LibreOffice, as a ministry's clerk would open them."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from .documents import docx_to_pdf
from .test_dossier import ENGLISH_AGENDA
from .test_dossier import ahead  # noqa: F401  (a fixture)

PAGES = range(4, 16)  # the test corridor's dossier; a few pages either way is still right


def url(name, language):
    with translation.override(language):
        return reverse(f"insight:{name}")


@pytest.fixture
def english_agenda(ahead, corridor):  # noqa: F811
    first = corridor["interventions"][0]
    first.agenda_en = ENGLISH_AGENDA
    first.save()
    return first


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pdf_has_title_language_tags_and_the_text(client, board, english_agenda, language):
    client.force_login(board)
    response = client.get(url("dossier-pdf", language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'-{language}.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    title = {"nl": "Positioneringsdossier", "en": "Positioning dossier"}[language]
    assert reader.metadata.title == f"{title}: Tech Corridor MRA – Brainport"
    assert reader.metadata.author == "Amsterdam Economic Board"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == language
    assert "/StructTreeRoot" in catalog  # tagged
    assert catalog["/MarkInfo"]["/Marked"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp  # PDF/UA-1
    assert len(reader.pages) in PAGES
    text = "\n".join(page.extract_text() for page in reader.pages)
    sections = {
        "nl": ["Samenvatting", "De interventies", "Bijlage: organisaties", "Corridorindex"],
        "en": ["Executive summary", "The interventions", "Appendix: organisations"],
    }[language]
    for section in sections:
        assert section in text
    assert "Cofinanciering van het testlab" in text  # the asks
    if language == "en":
        assert "Test environment in Almere" in text and "Testomgeving" not in text
    else:
        assert "Testomgeving in Almere" in text and "Test environment" not in text


def test_pdf_fetches_nothing_but_static_files(client, board, corridor, settings, caplog):
    import logging

    caplog.set_level(logging.WARNING, logger="weasyprint")
    settings.CORRIDOR_PUBLISHER_LOGO = "corridor/board-logo.png"
    client.force_login(board)
    response = client.get(url("dossier-pdf", "en"))
    reader = PdfReader(io.BytesIO(response.content))
    images = [image for page in reader.pages[:1] for image in page.images]
    assert images  # the logo, read from disk
    assert "Failed to load" not in caplog.text
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_libreoffice_opens_the_docx_without_warnings(
    client, board, english_agenda, tmp_path, language
):
    client.force_login(board)
    response = client.get(url("dossier-docx", language))
    docx = tmp_path / f"dossier-{language}.docx"
    docx.write_bytes(response.content)
    pdf, warnings = docx_to_pdf(docx, tmp_path)
    assert warnings == []
    reader = PdfReader(pdf)
    assert len(reader.pages) in PAGES
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Amsterdam Economic Board" in text
    heading = {"nl": "Bijlage: organisaties", "en": "Appendix: organisations"}[language]
    assert heading in text
    assert ("Page 2 of" if language == "en" else "Pagina 2 van") in text
    assert not Path(tmp_path / "lo-profile").is_file()


def test_without_weasyprints_libraries_the_pdf_is_a_clear_503(client, board, corridor, monkeypatch):
    from corridor.insight.dossier import pdf

    def missing():
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    client.force_login(board)
    response = client.get(url("dossier-pdf", "en"))
    assert response.status_code == 503
    assert "Word document" in response.content.decode()
