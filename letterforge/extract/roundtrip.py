"""Proof that an extracted selection renders the letter it came from, block for block.

The selection text is loaded and assembled exactly as ``letterforge render``
would, and its blocks are compared with the blocks read from the letter;
each difference becomes a warning at the letter's line.  When the letter's
head was missing (stand-ins were written), the comparison starts at the
salutation, as it does for the reference letter whose head was lost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import LetterforgeError, LetterforgeWarning, LimitExceeded, Location, flatten
from ..load.library import Library
from ..compose.build import letter_from_bytes
from .result import Extraction, Notes, ReadBlock

_SHOWN = 60
_HEAD_FIELDS = ("from", "to", "date")


@dataclass(frozen=True)
class RoundTrip:
    """How the selection's letter compares with the letter read."""

    compared: int
    from_salutation: bool
    differences: tuple[LetterforgeWarning, ...]


def check_round_trip(extraction: Extraction, text: str, shown: str, library: Library) -> RoundTrip:
    """Render ``text`` (the selection, to be written at ``shown``) and compare it with the letter read.

    Raises a located error if the selection does not load: extraction wrote
    something it should not have.
    """
    try:
        letter = letter_from_bytes(text.encode("utf-8"), shown, library)
    except LetterforgeError as e:
        first = flatten(e)[0]
        if over := next((p for p in flatten(e) if isinstance(p, LimitExceeded)), None):
            raise LetterforgeError(f"too long to extract: its selection would break a limit of selections: "
                                   f"{over.message}", Location(extraction.source.path),
                                   "a letter has about 45 paragraphs of a few hundred characters") from None
        raise LetterforgeError(f"the selection extracted from this letter does not load: {first.message}",
                               Location(extraction.source.path), "please report this with the letter") from None
    read = list(extraction.blocks)
    rendered = [(b.kind, b.text) for b in letter.blocks]
    from_salutation = any(field in extraction.head.stand_ins for field in _HEAD_FIELDS)
    if from_salutation:
        read = read[_salutation_at([b.kind for b in read]):]
        rendered = rendered[_salutation_at([kind for kind, _ in rendered]):]
    differences = tuple(_differences(extraction, read, rendered))
    return RoundTrip(len(read), from_salutation, differences)


def _salutation_at(kinds: list[str]) -> int:
    return kinds.index("salutation") if "salutation" in kinds else 0


def _differences(extraction: Extraction, read: list[ReadBlock],
                 rendered: list[tuple[str, str]]) -> list[LetterforgeWarning]:
    notes = Notes(extraction.source)

    def warn(at: int, message: str) -> None:
        """Warn at read block ``at`` (the last block past the end; line 1 when nothing was read)."""
        notes.warn(read[min(at, len(read) - 1)].where if read else 1, message)

    matcher = difflib.SequenceMatcher(None, [(b.kind, b.text) for b in read], rendered, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            letter = read[i1 + k] if i1 + k < i2 else None
            selection = rendered[j1 + k] if j1 + k < j2 else None
            if letter and selection:
                warn(i1 + k, f"the selection renders {selection[0]} '{_short(selection[1])}' where the letter has "
                             f"{letter.kind} '{_short(letter.text)}'")
            elif letter:
                warn(i1 + k, f"the selection does not render this {letter.kind}: '{_short(letter.text)}'")
            elif selection:  # always, as k stays below the longer side's length
                warn(i1, f"the selection adds {selection[0]} '{_short(selection[1])}' that the letter does not have")
    return notes.warnings


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"
