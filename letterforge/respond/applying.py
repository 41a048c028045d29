"""Apply the inspector's decisions: the accepted edits, made in place, once the selection is known unchanged.

:func:`apply_responses` is pure apart from reading the selection: it refuses
a selection whose bytes no longer have the digest ``respond`` recorded, and
returns the amended text (None when nothing was accepted: the file is then
left exactly as it was), the letter before and after, and the entries left
pending or accepted with no edit to make.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compose.build import letter_from_bytes
from ..errors import LetterforgeError, Location, display_path
from ..letter import Letter
from ..load.library import Library
from .amend import amend
from .typed import library_types
from .responses import Decided, Responses, file_digest


@dataclass(frozen=True)
class Applied:
    """What applying a responses file comes to."""

    original: bytes
    amended: bytes | None
    before: Letter
    after: Letter
    accepted: tuple[Decided, ...]
    rejected: tuple[Decided, ...]
    pending: tuple[Decided, ...]
    by_hand: tuple[Decided, ...]
    """Accepted entries that no edit of the selection can make (a comment, a library-fixed line)."""


def apply_responses(responses: Responses, library: Library) -> Applied:
    """The selection of ``responses`` with its accepted entries applied; raises located errors."""
    selection = responses.selection
    shown = display_path(selection)
    try:
        original = selection.read_bytes()
    except FileNotFoundError:
        raise LetterforgeError(f"the selection {shown} is not there", responses.digest_location) from None
    except OSError as e:
        raise LetterforgeError(f"cannot read the selection: {e.strerror}", Location(shown)) from None
    if file_digest(original) != responses.digest:
        raise LetterforgeError(f"{shown} has changed since respond read it", responses.digest_location,
                               "run letterforge respond again on the selection as it now is")
    before = letter_from_bytes(original, shown, library)
    accepted = tuple(e for e in responses.entries if e.decision == "accept")
    edits = [(edit, e.location) for e, edit in _edits(accepted) if edit is not None]
    amended: bytes | None = None
    after = before
    if edits:
        text = amend(original.decode("utf-8"), edits, shown, library_types(library, responses.inspection))
        amended = text.encode("utf-8")
        after = letter_from_bytes(amended, shown, library)
    return Applied(original, amended, before, after, accepted,
                   tuple(e for e in responses.entries if e.decision == "reject"),
                   tuple(e for e in responses.entries if e.decision == "pending"),
                   tuple(e for e, edit in _edits(accepted) if edit is None and e.data.get("change") != "comment"
                         and e.id not in _joined(accepted)))


def _joined(accepted: tuple[Decided, ...]) -> set[str]:
    """The ids of accepted entries whose edit another accepted entry makes ``together`` with its own."""
    ids = {e.id for e in accepted}
    return {str(e.data["together"]["with"]) for e in accepted
            if isinstance(e.data.get("together"), dict) and str(e.data["together"].get("with")) in ids}


def _edits(accepted: tuple[Decided, ...]) -> list[tuple[Decided, dict[str, Any] | None]]:
    """Each accepted entry with the edit to make: its ``together`` edit when the entry it joins is accepted too."""
    ids = {e.id for e in accepted}
    joined = _joined(accepted)
    out: list[tuple[Decided, dict[str, Any] | None]] = []
    for entry in accepted:
        together = entry.data.get("together")
        if entry.id in joined:
            continue
        if isinstance(together, dict) and str(together.get("with")) in ids:
            out.append((entry, together.get("edit")))
        else:
            out.append((entry, entry.edit))
    return out
