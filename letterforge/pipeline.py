"""The whole pipeline for one selection: load, assemble, render, in memory.

This is the library API the CLI is a thin layer over::

    library = Library(default_library())
    letter = build_letter("examples/kent.yaml", library)
    files = render_outputs(letter, ["docx", "txt"], Path("out"))

The ``*_selection`` functions are the per-selection jobs of the batch commands
(see :mod:`letterforge.batch`): module-level, with picklable arguments, each
opening its library through :func:`~letterforge.library.library_at` so that a worker process reuses
the library its parent already loaded.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .assemble import assemble
from .errors import LetterforgeError, Location, display_path
from .layout import Layout, load_layout
from .letter import Letter
from .library import Library, library_at
from .output import write_all
from .render import FORMATS
from .resources import templates_dir
from .selection import Selection, load_selection

if TYPE_CHECKING:
    from .matrix import Row


@lru_cache(maxsize=16)
def _layout(templates: Path, name: str, location: Location | None) -> Layout:
    return load_layout(templates, name, location)


def layout_for(selection: Selection) -> Layout:
    """The compiled layout a selection asks for (compiled once per process)."""
    return _layout(templates_dir(), selection.template, selection.locations.get("template"))


def build_letter(path: str | Path, library: Library) -> Letter:
    """Load the selection at ``path`` and assemble its letter; raises located errors for bad input."""
    selection = load_selection(path, library)
    return assemble(selection, layout_for(selection))


def render_outputs(letter: Letter, formats: Iterable[str], folder: Path) -> dict[Path, bytes]:
    """The bytes of each requested format, keyed by ``folder/<selection stem>.<ext>``."""
    stem = Path(letter.meta.selection).stem
    return {folder / f"{stem}.{FORMATS[f].extension}": FORMATS[f].renderer()(letter) for f in formats}


def render_selection(path: Path, library_root: Path, formats: tuple[str, ...], folder: Path | None) -> list[Path]:
    """Build the letter of the selection at ``path`` and write it in each format; returns the paths written.

    Files go to ``folder/<stem>.<ext>``, or beside the selection when ``folder``
    is None; nothing is written if the selection has problems.
    """
    letter = build_letter(path, library_at(library_root))
    return write_all(render_outputs(letter, formats, folder or path.parent))


def check_selection(path: Path, library_root: Path) -> None:
    """Build the letter of the selection at ``path`` and write nothing; raises located errors for bad input."""
    build_letter(path, library_at(library_root))


def matrix_row(path: Path, library_root: Path) -> "Row":
    """The national-matrix row of the selection at ``path``: which variant of each finding its letter uses."""
    from .matrix import row_of

    return row_of(build_letter(path, library_at(library_root)))


def expand_selection(argument: str) -> list[Path]:
    """The selection files one argument names: a file as given, a folder as every ``*.yaml`` inside (sorted).

    Raises a located error for a path that does not exist or a folder with no selections.
    """
    path = Path(argument)
    if path.is_dir():
        found = sorted(p for p in path.glob("*.yaml") if p.is_file())
        if not found:
            raise LetterforgeError("folder holds no *.yaml selections", Location(display_path(path)))
        return found
    if not path.exists():
        raise LetterforgeError("no such file or folder", Location(display_path(path)))
    return [path]
