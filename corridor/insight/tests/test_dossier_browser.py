"""In the system Chromium: a Board member opens the dossier, downloads the PDF
and the DOCX in both languages, and a picture of every page of both documents
is kept under ``var/screenshots/dossier/`` (out of git) for a person to look at.
The DOCX pages are LibreOffice's rendering, the PDF's are PDFium's."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from .documents import docx_to_pdf
from .documents import pages_to_png

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "dossier"
PAGES = {"nl": "/dossier/", "en": "/en/dossier/"}


def test_board_downloads_both_documents_in_both_languages(
    page, login_as, board, corridor, tmp_path
):
    first = corridor["interventions"][0]
    first.agenda = "## Gezamenlijke agenda\n\n- Testomgeving in Almere"
    first.agenda_en = "## Joint agenda\n\n- Test environment in Almere"
    first.asks = "Rijk: Cofinanciering van het testlab\nEU: Erkenning als pilotlijn"
    first.save()
    login_as(page, board)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    for language, address in PAGES.items():
        page.goto(address)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").inner_text()
        page.screenshot(path=str(SCREENSHOTS / f"{language}-print-page.png"), full_page=True)
        for kind, label in (("pdf", "PDF"), ("docx", "DOCX")):
            with page.expect_download() as download_info:
                page.locator(".dossier-tools a", has_text=label).first.click()
            download = download_info.value
            assert download.suggested_filename.endswith(f"-{language}.{kind}")
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            pdf = saved
            if kind == "docx":
                converted = tmp_path / f"libreoffice-{language}"
                converted.mkdir()
                pdf, warnings = docx_to_pdf(saved, converted)
                assert warnings == []
            pictures = pages_to_png(pdf, SCREENSHOTS, f"{language}-{kind}")
            assert len(pictures) == len(PdfReader(pdf).pages) >= 4
            assert all(picture.stat().st_size > 5_000 for picture in pictures)
    assert len(list(SCREENSHOTS.glob("*-pdf-page-*.png"))) >= 8
    assert len(list(SCREENSHOTS.glob("*-docx-page-*.png"))) >= 8
