"""The two sides of a comparison, each read as a :class:`Draft`.

A side is a selection (``*.yaml``: assembled into a letter, with provenance),
a selection at a git revision (``--against REV``), or a letter letterforge
wrote earlier (``*.docx``: its paragraphs, kinds from the house-style
paragraph styles, no provenance).  A side of more than :data:`MAX_BLOCKS`
paragraphs is refused as soon as it is read: no letter is that long, and
pairing the paragraphs of two such files could take minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ooxml.docx_reader import read_docx_paragraphs
from ..errors import LetterforgeError, Location, Problems, display_path
from ..letter import MAX_LETTER_BLOCKS, Block, Letter
from ..load.library import Library
from ..compose.build import build_letter, letter_from_bytes
from .git import file_at_revision

SELECTION_SUFFIXES = (".yaml", ".yml")
DOCX_SUFFIX = ".docx"
MAX_BLOCKS = MAX_LETTER_BLOCKS
"""The most paragraphs (blocks) a side may have; a letter has about 45."""


@dataclass(frozen=True)
class Draft:
    """One side: how to name it, its blocks, and the letter or DOCX file it came from."""

    name: str
    path: Path
    blocks: tuple[Block, ...]
    letter: Letter | None = None
    """The assembled letter, for a selection."""
    docx: Path | None = None
    """The file, for a DOCX letter."""


def read_draft(argument: str, library: Library) -> Draft:
    """The draft a command-line argument names: a selection or a DOCX letter."""
    path = Path(argument)
    where = Location(display_path(path))
    suffix = path.suffix.lower()
    if suffix in SELECTION_SUFFIXES:
        letter = build_letter(path, library)
        return _bounded(Draft(display_path(path), path, letter.blocks, letter=letter))
    if suffix == DOCX_SUFFIX:
        return _bounded(Draft(display_path(path), path, _docx_blocks(path), docx=path))
    if path.is_dir():
        raise LetterforgeError("is a folder, not a selection or a letter", where)
    raise LetterforgeError("not a selection (.yaml) or a letter (.docx)", where)


def read_draft_at(argument: str, revision: str, library: Library) -> Draft:
    """The selection ``argument`` as committed at ``revision``, named ``path@revision``."""
    path = _selection_for_revision(argument)
    shown = f"{display_path(path)}@{revision}"
    letter = letter_from_bytes(file_at_revision(path, revision), shown, library)
    return _bounded(Draft(shown, path, letter.blocks, letter=letter))


def read_drafts(old: str, new: str | None, revision: str | None, library: Library) -> tuple[Draft, Draft]:
    """Both sides: ``old`` and ``new``, or with ``revision`` the selection ``old`` then and now.

    Problems with either side are raised together.
    """
    if revision is not None:
        _selection_for_revision(old)
    problems = Problems()
    drafts = []
    with problems.collecting():
        drafts.append(read_draft_at(old, revision, library) if revision else read_draft(old, library))
    with problems.collecting():
        drafts.append(read_draft(new or old, library))
    problems.raise_if_any()
    return drafts[0], drafts[1]


def _bounded(draft: Draft) -> Draft:
    """``draft``, or a located error if it has more than :data:`MAX_BLOCKS` paragraphs."""
    if len(draft.blocks) > MAX_BLOCKS:
        raise LetterforgeError(f"too long to compare: {len(draft.blocks):,} paragraphs, more than {MAX_BLOCKS:,}",
                               Location(draft.name), "a letter has about 45; is this the letter you meant?")
    return draft


def _selection_for_revision(argument: str) -> Path:
    path = Path(argument)
    if path.suffix.lower() not in SELECTION_SUFFIXES:
        raise LetterforgeError("--against compares a selection (.yaml) with a revision", Location(display_path(path)))
    return path


def _docx_blocks(path: Path) -> tuple[Block, ...]:
    """The paragraphs of a DOCX letterforge wrote as blocks; a paragraph in another style counts as ``paragraph``."""
    paragraphs = read_docx_paragraphs(path)
    if not any(p.kind for p in paragraphs):
        raise LetterforgeError("not a letter letterforge wrote: no paragraph has a 'Letter …' style",
                               Location(display_path(path)), "render the selection with letterforge render")
    return tuple(Block(p.kind or "paragraph", p.text) for p in paragraphs)
