"""The foot of a letter: the closing, the signature and the "Copied to" lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..load.selection import CopyTo
from .result import Notes, Paragraph, ReadBlock

CLOSING = re.compile(r"^(?:Yours (?:sincerely|faithfully|truly)|(?:Kind|Best|With best) (?:regards|wishes))[,.]?$", re.I)
LAYOUT_CLOSING = "Yours sincerely"
"""The closing the shipped layout prints."""
_COPIED = re.compile(r"^(?:Copied to|Copy to|cc):?(?:\s+(.+))?$", re.I)


@dataclass(frozen=True)
class Foot:
    """The signature's lines (name, title), the people copied in, and the foot's blocks."""

    signature: tuple[str, ...]
    copy_to: tuple[CopyTo, ...]
    blocks: tuple[ReadBlock, ...]


def read_foot(paragraphs: list[Paragraph], notes: Notes) -> Foot:
    """Read the paragraphs from the closing on: "Yours sincerely", the signature, then "Copied to" lines.

    After "Copied to" the lines go name, position, name, position …
    """
    blocks: list[ReadBlock] = []
    signature: list[tuple[str, int]] = []
    copies: list[tuple[str, int]] = []
    for paragraph in paragraphs:
        if not blocks and CLOSING.match(paragraph.text):
            blocks.append(ReadBlock("closing", paragraph.text, paragraph.where))
            if paragraph.text != LAYOUT_CLOSING:
                notes.warn(paragraph.where, f"the letter closes '{paragraph.text}'; the layout prints "
                                            f"'{LAYOUT_CLOSING}'")
            continue
        for offset, line in enumerate(paragraph.lines):
            target = copies if copies or _COPIED.match(line) else signature
            target.append((line, paragraph.where + offset))
    blocks.extend(ReadBlock("signature", line, where) for line, where in signature)
    blocks.extend(ReadBlock("copy", line, where) for line, where in copies)
    if len(signature) > 2:
        notes.warn(signature[2][1], "the signature has more than a name and a title; the layout prints only those")
    names = [line for line, _ in copies]
    if names:  # "Copied to Name" or "Copied to" with the name on the next line
        copied = _COPIED.match(names[0])
        assert copied is not None, "copies start at the line that matched _COPIED"
        first = copied.group(1)
        names = [first, *names[1:]] if first else names[1:]
    copy_to = tuple(CopyTo(names[i], names[i + 1] if i + 1 < len(names) else "") for i in range(0, len(names), 2))
    return Foot(tuple(line for line, _ in signature), copy_to, tuple(blocks))
