"""The letter as plain text for email: wrapped at 78 columns, bullets marked, headings set off."""

from __future__ import annotations

import textwrap
from functools import lru_cache

from ..letter import Letter

WIDTH = 78
BULLET = "  • "
LINE_KINDS = frozenset({"letterhead", "sender", "recipient", "signature", "copy"})
"""Kinds whose consecutive blocks are lines of one group (an address, a signature)."""


@lru_cache(maxsize=4096)
def wrap(text: str, first: str = "", rest: str = "") -> tuple[str, ...]:
    """``text`` wrapped at :data:`WIDTH` columns, ``first`` before the first line and ``rest`` before the others.

    Remembered, as most paragraphs recur in every letter of a batch.
    """
    return tuple(textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                               break_long_words=False, break_on_hyphens=False)) or (first.rstrip(),)


def render_text(letter: Letter) -> bytes:
    """UTF-8 text: one paragraph per block, groups of lines kept together, blank lines between."""
    out: list[str] = []
    previous = None
    for block in letter.blocks:
        grouped = block.kind in LINE_KINDS and block.kind == previous
        if out and not grouped:
            out.append("")
        if block.kind == "bullet":
            out.extend(wrap(block.text, BULLET, " " * len(BULLET)))
        elif block.kind in ("heading", "subject"):
            lines = wrap(block.text)
            out.extend(lines)
            out.append(("=" if block.kind == "subject" else "-") * max(len(line) for line in lines))
        elif block.kind in LINE_KINDS:
            out.append(block.text)
        else:
            out.extend(wrap(block.text))
        previous = block.kind
    return ("\n".join(out) + "\n").encode("utf-8")
