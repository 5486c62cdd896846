"""The positioning dossier towards the national government and the EU:
its content (``build``), as a Word document (``docx``) and as a page."""

from .build import build_dossier
from .docx import dossier_docx

__all__ = ["build_dossier", "dossier_docx"]
