"""What ``letterforge diff`` writes: the redline, the text diff or the JSON, and where the redline goes."""

from __future__ import annotations

from pathlib import Path

from ..errors import LetterforgeError, Location, display_path
from .compare import Comparison
from .data import render_json_diff
from .inputs import Draft
from .redline import DEFAULT_AUTHOR, render_redline
from .text import render_text_diff

REDLINE_SUFFIX = ".redline.docx"


def redline_path(old: Draft, new: Draft, output: str | Path | None) -> Path:
    """``output``, or ``<new-stem>.redline.docx`` beside the new draft; never one of the drafts themselves."""
    target = Path(output) if output else new.path.with_name(f"{new.path.stem}{REDLINE_SUFFIX}")
    if target.resolve() in {old.path.resolve(), new.path.resolve()}:
        raise LetterforgeError("the redline would overwrite a draft", Location(display_path(target)),
                               "name another file with -o")
    return target


def render_comparison(format_name: str, comparison: Comparison, old: Draft, new: Draft,
                      author: str = DEFAULT_AUTHOR) -> bytes:
    """The bytes of one format: ``docx`` (the redline), ``txt`` (the text diff) or ``json``."""
    if format_name == "docx":
        return render_redline(new, comparison.steps, author)
    if format_name == "txt":
        return render_text_diff(comparison, old.name, new.name)
    if format_name == "json":
        return render_json_diff(comparison, old.name, new.name)
    raise ValueError(f"unknown format {format_name!r}")
