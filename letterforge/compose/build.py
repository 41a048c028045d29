"""Build a letter from a selection: load it, find its layout, assemble.

The one place that joins the loader and the assembly, used by the application
(:mod:`letterforge.app.pipeline`) and by the stages that read a selection's
letter for comparison (:mod:`letterforge.diff.inputs`, :mod:`letterforge.extract.roundtrip`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..errors import LetterforgeError
from ..letter import Letter
from ..load import yamlnodes as y
from ..load.library import Library
from ..load.selection import Selection, load_selection, read_selection
from ..resources import template_folders
from .assemble import assemble
from .layout import Layout, load_layout


@lru_cache(maxsize=16)
def _layout(folders: tuple[Path, ...], name: str) -> Layout:
    return load_layout(folders, name)


def layout_for(selection: Selection, library: Library) -> Layout:
    """The compiled layout a selection asks for: the library's own, else a shipped one (compiled once per process).

    The cache is keyed by folders and name alone, so that every selection writing ``template:`` shares it.
    """
    folders = template_folders(library.root)
    try:
        return _layout(folders, selection.template)
    except LetterforgeError:  # again, uncached, so that a bad name is reported where the selection wrote it
        return load_layout(folders, selection.template, selection.locations.get("template"))


def load_letter(path: str | Path, library: Library, *, final: bool = False) -> tuple[Selection, Letter]:
    """Load the selection at ``path`` and assemble its letter (as final when ``final``); raises located errors."""
    selection = load_selection(path, library)
    if final:
        selection = replace(selection, status="final")
    return selection, assemble(selection, layout_for(selection, library))


def letter_from_bytes(data: bytes, shown: str, library: Library) -> Letter:
    """The letter of the selection whose bytes are ``data`` (from git, or just extracted), ``shown`` in messages."""
    selection = read_selection(y.load_bytes(data, shown), library)
    return assemble(selection, layout_for(selection, library))


def build_letter(path: str | Path, library: Library) -> Letter:
    """The letter of the selection at ``path``, unchecked; raises located errors for bad input."""
    return load_letter(path, library)[1]
