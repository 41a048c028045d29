"""PDF through LibreOffice: a DOCX converted by ``soffice --headless``.

LibreOffice is not a Python dependency; :func:`require_soffice` says clearly
when it is missing and how to install it, before anything is rendered.  Each
conversion runs with a LibreOffice profile of its own, in its own temporary
folder, so the processes of a batch never fight over one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import LetterforgeError, Location, display_path
from ..letter import Letter

PROGRAMS = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice: apt-get install -y libreoffice-writer-nogui"
TIMEOUT_SECONDS = 180
PLAIN_EXPORT = "pdf:writer_pdf_Export"
WITH_COMMENTS_EXPORT = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


class MissingProgram(LetterforgeError):
    """A program letterforge runs for one output format is not installed."""


def require_soffice() -> str:
    """The path of LibreOffice's ``soffice``; raises :class:`MissingProgram` naming how to install it."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    raise MissingProgram("PDF output needs LibreOffice (the ‘soffice’ program), which is not installed", None,
                         INSTALL_HINT)


def docx_to_pdf(docx: bytes, *, with_comments: bool = False, where: Location | None = None) -> bytes:
    """Convert DOCX bytes to PDF bytes; comments are kept as PDF notes when ``with_comments``.

    A failure is a :class:`LetterforgeError` at ``where`` (the selection the letter came from).
    """
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="letterforge-pdf-") as work:
        source = Path(work) / "letter.docx"
        source.write_bytes(docx)
        profile = Path(work) / "profile"  # its own each time: LibreOffices sharing a profile fail
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", WITH_COMMENTS_EXPORT if with_comments else PLAIN_EXPORT,
                   "--outdir", work, str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise LetterforgeError(f"LibreOffice did not finish converting to PDF in {TIMEOUT_SECONDS} s",
                                   where) from None
        target = source.with_suffix(".pdf")
        if not target.is_file():
            said = [line for line in (result.stderr + result.stdout).splitlines()
                    if line.strip() and not line.startswith("Warning:")]
            raise LetterforgeError("LibreOffice could not convert the letter to PDF", where,
                                   said[-1].strip() if said else f"soffice exited {result.returncode}")
        return target.read_bytes()


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes (its DOCX, converted by LibreOffice)."""
    from .docx import render_docx

    return docx_to_pdf(render_docx(letter), where=Location(display_path(letter.meta.selection)))
