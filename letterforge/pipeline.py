"""The whole pipeline for one selection: load, assemble, render, in memory.

This is the library API the CLI is a thin layer over::

    library = Library(default_library())
    letter = build_letter("examples/kent.yaml", library)
    files = render_outputs(letter, ["docx", "txt"], Path("out"))
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .assemble import assemble
from .errors import LetterforgeError, Location, display_path
from .layout import Layout, load_layout
from .letter import Letter
from .library import Library
from .render import FORMATS
from .resources import templates_dir
from .selection import Selection, load_selection


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
