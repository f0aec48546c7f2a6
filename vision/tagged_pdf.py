"""A Word file as a tagged PDF (PDF/UA), made by LibreOffice: the committee paper and the
review's report (``vision.report_pdf``).

A committee paper is often published as a PDF on the municipality's or region's website,
and a public body's PDF must be accessible (WCAG 2.1 AA, PDF/UA). LibreOffice writes a
fully tagged PDF from the Word file: headings as H1/H2, paragraphs, tables with header
cells, figures with their alternative text, the document's language and title.

LibreOffice is a separate program (Debian's ``libreoffice-writer-nogui``, installed by
``make run`` and ``make test`` when they run as root). Without it, :func:`available` is
False and the page says so. Each conversion uses its own throwaway LibreOffice profile, so
two secretaries converting at once do not block each other.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from vision.errors import UserError

EXPORT = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"},'
          '"ExportBookmarks":{"type":"boolean","value":"true"}}')
TIMEOUT_S = 180          # a first start of LibreOffice on a busy 2-core server takes 10-20 s


def available() -> bool:
    """Whether LibreOffice is installed on this server."""
    return shutil.which("soffice") is not None


def from_docx(docx: bytes) -> bytes:
    """The Word file as a tagged PDF, or a :class:`UserError` that says why not."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise UserError("PDF'en kan ikke laves: LibreOffice er ikke installeret på serveren. Hent Word-filen i stedet.")
    with tempfile.TemporaryDirectory(prefix="visionsdag-pdf-") as tmp:
        work = Path(tmp)
        (work / "paper.docx").write_bytes(docx)
        try:
            subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                            "--norestore", "--convert-to", EXPORT, "--outdir", str(work), str(work / "paper.docx")],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise UserError("PDF'en blev ikke færdig inden for {s} sekunder. Prøv igen, eller hent Word-filen.",
                            s=TIMEOUT_S) from None
        except subprocess.CalledProcessError:
            raise UserError("LibreOffice kunne ikke lave PDF'en. Hent Word-filen i stedet.") from None
        pdf = work / "paper.pdf"
        if not pdf.exists():
            raise UserError("LibreOffice kunne ikke lave PDF'en. Hent Word-filen i stedet.")
        return pdf.read_bytes()
