"""PDF through LibreOffice: a DOCX converted by ``soffice --headless``, tagged and archival.

The letter is exported with LibreOffice's PDF export filter options, given as
JSON on the command line (:data:`EXPORT_OPTIONS`): a tagged PDF (its
structure tree from the paragraph styles: the subject, at outline level 1,
is the one ``H1`` and each section heading an ``H2``; bullets are ``L``/``LI``),
PDF/UA-1 and PDF/A-2b declared in the XMP metadata, the title shown in the
window, bookmarks from the headings, every font embedded.  LibreOffice takes
the title, author and subject for the XMP from the DOCX's document properties
and ``/Lang`` from the house style's language (en-GB).  What LibreOffice 7
draws outside the structure (a paragraph's border under the letterhead) is
then marked as an artifact (:mod:`.pdf_artifacts`), as PDF/UA asks of
decoration.

LibreOffice is not a Python dependency; :func:`require_soffice` says clearly
when it is missing and how to install it, before anything is rendered.  Each
conversion runs with a LibreOffice profile of its own, in its own temporary
folder, so the processes of a batch never fight over one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import LetterforgeError, Location, display_path
from ..letter import Letter

PROGRAMS = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice: apt-get install -y libreoffice-writer-nogui"
TIMEOUT_SECONDS = 180
PDF_A_2 = 2
"""``SelectPdfVersion`` 2 is PDF/A-2b."""
EXPORT_OPTIONS: dict[str, bool | int] = {
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "SelectPdfVersion": PDF_A_2,
    "DisplayDocTitle": True,
    "ExportBookmarks": True,
    "EmbedStandardFonts": True,
}


class MissingProgram(LetterforgeError):
    """A program letterforge runs for one output format is not installed."""


def require_program(names: tuple[str, ...], missing: str, hint: str) -> str:
    """The path of the first of ``names`` on the PATH; raises :class:`MissingProgram` saying ``missing`` and ``hint``."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise MissingProgram(missing, None, hint)


def require_soffice() -> str:
    """The path of LibreOffice's ``soffice``; raises :class:`MissingProgram` naming how to install it."""
    return require_program(PROGRAMS, "PDF output needs LibreOffice (the ‘soffice’ program), which is not installed",
                           INSTALL_HINT)


def export_filter(options: dict[str, bool | int]) -> str:
    """The ``--convert-to`` argument: the Writer PDF export with ``options`` as LibreOffice's JSON filter options."""
    typed = {name: {"type": "boolean", "value": "true" if value else "false"} if isinstance(value, bool)
             else {"type": "long", "value": str(value)} for name, value in options.items()}
    return f"pdf:writer_pdf_Export:{json.dumps(typed, separators=(',', ':'))}"


def docx_to_pdf(docx: bytes, *, where: Location | None = None) -> bytes:
    """Convert DOCX bytes to tagged PDF/UA-1, PDF/A-2b bytes, decoration marked as artifacts.

    A failure is a :class:`LetterforgeError` at ``where`` (the selection the letter came from).
    """
    from .pdf_artifacts import mark_untagged_as_artifacts

    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="letterforge-pdf-") as work:
        source = Path(work) / "letter.docx"
        source.write_bytes(docx)
        profile = Path(work) / "profile"  # its own each time: LibreOffices sharing a profile fail
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", export_filter(EXPORT_OPTIONS), "--outdir", work, str(source)]
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
        return mark_untagged_as_artifacts(target.read_bytes())


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes (its DOCX, converted by LibreOffice)."""
    from .docx import render_docx

    return docx_to_pdf(render_docx(letter), where=Location(display_path(letter.meta.selection)))
