"""Where a letter may break across pages: the decisions a typesetter makes, shared by the DOCX and web page.

The house style already keeps the subject, every heading, the closing and the
signature with what follows, and turns on widow and orphan control.  What a
style cannot know is a paragraph's place and length, so :func:`keeps` decides,
block by block:

* a paragraph that introduces what follows (one followed by a bullet, or one
  ending in ``:`` or ``;`` such as the lead-in "Findings that specifically
  relate to your force are;") keeps with the next paragraph, so it is never
  left alone at a page foot;
* a bullet short enough to fill at most :data:`KEPT_BULLET_LINES` lines keeps
  its lines together (a longer one may break, two lines at least either side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..letter import Block

KEPT_BULLET_LINES = 4
LINE_CHARACTERS = 95
"""The most characters a bullet's line holds in the house style (11 pt Arial or Liberation Sans over 151 mm;
the Kent letter's bullet lines hold 84 to 93), so a bullet of fewer than 4 × 95 characters fills at most four lines."""
INTRODUCING_ENDS = (":", ";")


@dataclass(frozen=True)
class Keeps:
    """How one block holds on to its neighbours: with the next block, and its own lines together."""

    with_next: bool = False
    lines_together: bool = False


def introduces_next(blocks: Sequence[Block], index: int) -> bool:
    """True when the paragraph at ``index`` introduces what follows it (a list, or a lead-in to the sections)."""
    block = blocks[index]
    if block.kind != "paragraph" or index + 1 >= len(blocks):
        return False
    return blocks[index + 1].kind == "bullet" or block.text.rstrip().endswith(INTRODUCING_ENDS)


def short_enough_to_keep(block: Block) -> bool:
    """True for a bullet of at most :data:`KEPT_BULLET_LINES` lines."""
    return block.kind == "bullet" and len(block.text) <= KEPT_BULLET_LINES * LINE_CHARACTERS


def keeps(blocks: Sequence[Block]) -> list[Keeps]:
    """The keeps of each block of ``blocks``, beyond what its kind's style gives."""
    return [Keeps(introduces_next(blocks, i), short_enough_to_keep(b)) for i, b in enumerate(blocks)]
