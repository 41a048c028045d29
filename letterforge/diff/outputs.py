"""Where ``letterforge diff`` writes the redline: beside the new draft unless told, never over a draft."""

from __future__ import annotations

from pathlib import Path

from ..errors import LetterforgeError, Location, display_path
from .inputs import Draft

REDLINE_SUFFIX = ".redline.docx"


def redline_path(old: Draft, new: Draft, output: str | Path | None) -> Path:
    """``output``, or ``<new-stem>.redline.docx`` beside the new draft; never one of the drafts themselves."""
    target = Path(output) if output else new.path.with_name(f"{new.path.stem}{REDLINE_SUFFIX}")
    if target.resolve() in {old.path.resolve(), new.path.resolve()}:
        raise LetterforgeError("the redline would overwrite a draft", Location(display_path(target)),
                               "name another file with -o")
    return target
