"""Open the dossier's files with the tools their readers use: LibreOffice for the
DOCX, pypdf for the PDF, PDFium for pictures of the pages."""

import shutil
import subprocess
from pathlib import Path

# LibreOffice says this on a machine without Java, whatever the document; it
# is about the machine, not the file.
MACHINE_NOTICES = ("javaldx",)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is missing: install libreoffice-writer-nogui (make office)"
    return found


def docx_to_pdf(docx: Path, folder: Path) -> tuple[Path, list[str]]:
    """``docx`` converted by LibreOffice; the PDF and every warning it printed."""
    profile = folder / "lo-profile"
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    warnings = [
        line
        for line in lines
        if line.strip()
        and not line.startswith("convert ")
        and not any(notice in line for notice in MACHINE_NOTICES)
    ]
    return folder / (docx.stem + ".pdf"), warnings


def pages_to_png(pdf: Path, folder: Path, prefix: str, scale: float = 1.2) -> list[Path]:
    """One PNG per page of ``pdf``, rendered by PDFium."""
    import pypdfium2

    folder.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf))
    written = []
    for number in range(len(document)):
        path = folder / f"{prefix}-page-{number + 1}.png"
        document[number].render(scale=scale).to_pil().save(path)
        written.append(path)
    document.close()
    return written
