"""PDF through LibreOffice: a DOCX converted by ``soffice --headless``.

LibreOffice is not a Python dependency; :func:`require_soffice` says clearly
when it is missing and how to install it, before anything is rendered.  Each
process converts with a LibreOffice profile of its own, so batches running in
several processes never fight over one.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from ..errors import LetterforgeError
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


@lru_cache(maxsize=1)
def _profile() -> Path:
    """A LibreOffice user profile for this process, removed when it exits."""
    folder = Path(tempfile.mkdtemp(prefix="letterforge-soffice-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def docx_to_pdf(docx: bytes, *, with_comments: bool = False) -> bytes:
    """Convert DOCX bytes to PDF bytes; comments are printed in the margin when ``with_comments``."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="letterforge-pdf-") as work:
        source = Path(work) / "letter.docx"
        source.write_bytes(docx)
        command = [soffice, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore",
                   "--convert-to", WITH_COMMENTS_EXPORT if with_comments else PLAIN_EXPORT,
                   "--outdir", work, str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise LetterforgeError(f"LibreOffice did not finish converting to PDF in {TIMEOUT_SECONDS} s") from None
        target = source.with_suffix(".pdf")
        if not target.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise LetterforgeError("LibreOffice could not convert the letter to PDF",
                                   None, detail[-1] if detail else f"soffice exited {result.returncode}")
        return target.read_bytes()


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes (its DOCX, converted by LibreOffice)."""
    from .docx import render_docx

    return docx_to_pdf(render_docx(letter))
