"""Print a self-contained HTML page to PDF with headless Chromium.

Chromium is not a Python dependency; :func:`require_chromium` says clearly
when it is missing and how to install it, before anything is rendered.  Each
print runs with a browser profile of its own in its own temporary folder,
with networking features off: the pages letterforge prints fetch nothing.
The page's own print CSS (``@page { size: A4 }``) sets the paper.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ..errors import LetterforgeError, Location
from .pdf import require_program

PROGRAMS = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = "install Chromium: apt-get install -y chromium"
TIMEOUT_SECONDS = 120
QUIET_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio")


def require_chromium() -> str:
    """The path of Chromium; raises :class:`MissingProgram` naming how to install it."""
    return require_program(PROGRAMS, "the review PDF is printed by Chromium (the ‘chromium’ program), which is not "
                                     "installed", INSTALL_HINT)


def html_to_pdf(html: bytes, *, where: Location | None = None) -> bytes:
    """Print the page ``html`` (UTF-8, self-contained) to PDF bytes; a failure is a located error at ``where``."""
    chromium = require_chromium()
    with tempfile.TemporaryDirectory(prefix="letterforge-print-") as work:
        page, target = Path(work) / "page.html", Path(work) / "page.pdf"
        page.write_bytes(html)
        command = [chromium, *QUIET_FLAGS, f"--user-data-dir={Path(work) / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise LetterforgeError(f"Chromium did not finish printing to PDF in {TIMEOUT_SECONDS} s", where) from None
        if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
            said = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
            raise LetterforgeError("Chromium could not print the page to PDF", where,
                                   said[-1].strip() if said else f"chromium exited {result.returncode}")
        return target.read_bytes()
