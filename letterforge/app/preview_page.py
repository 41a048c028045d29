"""What the live preview shows now: the selection's review page, or its located problems in the letter's place.

Every call reads everything afresh — the selection, a new :class:`~letterforge.load.library.Library`
and the layout — so that an edit to any of them shows; nothing is cached
between renders.
"""

from __future__ import annotations

from pathlib import Path

from ..checks.rules import check_letter
from ..compose.assemble import assemble
from ..compose.layout import load_layout
from ..errors import LetterforgeError, display_path, flatten
from ..load.library import Library
from ..load.selection import load_selection
from ..render import REVIEW_FORMATS
from ..render.preview_html import Problem, error_page
from ..resources import template_folders
from ..tools.review import review


def render_page(selection: Path, library_root: Path) -> str:
    """The review page of the selection at ``selection`` with the library at ``library_root``, as HTML.

    A selection, library or layout with problems gives the error page instead,
    each problem with the line of the file it points at.
    """
    try:
        library = Library(library_root)
        chosen = load_selection(selection, library)
        layout = load_layout(template_folders(library.root), chosen.template, chosen.locations.get("template"))
        letter = assemble(chosen, layout)
        page: bytes = REVIEW_FORMATS["html"].renderer()(review(letter, check_letter(chosen, letter)))
        return page.decode("utf-8")
    except LetterforgeError as e:
        return error_page(display_path(selection), [_problem(p) for p in flatten(e)])


def _problem(error: LetterforgeError) -> Problem:
    """``error`` with the line of the file it points at, when that file and line can be read."""
    location = error.location
    excerpt = None
    if location is not None and location.line:
        try:
            lines = Path(location.path).read_text(encoding="utf-8", errors="replace").splitlines()
            excerpt = lines[location.line - 1] if location.line <= len(lines) else None
        except OSError:
            excerpt = None
    return Problem(error.format_message(), error.severity, excerpt, location.column if location else 0)
