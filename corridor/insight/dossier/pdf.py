"""The dossier as PDF: the print page rendered by WeasyPrint, tagged as PDF/UA-1.

The same HTML and stylesheet as the page a Board member prints, so the PDF
holds the same content as the page and the DOCX. Only the portal's own static
files are fetched (from disk, never over the network); nothing else is.
PDF/UA asks for a title, a language and a tagged structure: the page gives the
first two (``<title>``, ``<html lang>``), WeasyPrint the tags.
"""

from urllib.parse import urlsplit

from django.conf import settings

from .publisher import static_file

PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here: its system libraries are missing."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz not installed
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def _fetcher():
    URLFetcher = _weasyprint().URLFetcher  # noqa: N806

    class StaticFilesOnly(URLFetcher):
        """Static files from disk; a ``data:`` URL as it is; anything else refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = urlsplit(url).path
            if path.startswith(settings.STATIC_URL):
                found = static_file(path[len(settings.STATIC_URL) :])
                if found is not None:
                    return super().fetch(found.as_uri(), headers)
            raise ValueError(f"The dossier fetches only the portal's static files, not {url}")

    return StaticFilesOnly()


def dossier_pdf(html: str, *, base_url: str) -> bytes:
    """``html`` (the print page) as a tagged PDF."""
    document = _weasyprint().HTML(string=html, base_url=base_url, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
