"""The assembled letter: an ordered list of blocks, each with its provenance.

Every renderer (text, DOCX, JSON, review) reads a :class:`Letter` and nothing
else, so they can never disagree about what the letter says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import Location

Source = Literal["library", "bespoke", "free"]
SOURCES: tuple[Source, ...] = get_args(Source)

MAX_LETTER_BLOCKS = 1_000
"""The most paragraphs a letter read back may have (``diff``, ``extract``): a letter has about 45, and any a
reader accepts must also make a selection the loader accepts."""

BLOCK_KINDS = ("letterhead", "sender", "date", "recipient", "salutation", "subject", "paragraph", "bullet",
               "heading", "closing", "signature", "copy")


@dataclass(frozen=True)
class Provenance:
    """Where a block's words came from.

    ``source`` is ``library`` for standard wording (the findings library, the
    inspection's introduction, the house layout), ``bespoke`` for this letter's
    own wording in place of a library text (a finding, an introduction
    paragraph, a section title), and ``free`` for text only the selection has
    (recipient, salutation, copy-to, free paragraphs).
    """

    source: Source = "library"
    section: str | None = None
    finding: str | None = None
    variant: str | None = None
    judgement: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    origin: Location | None = None
    """Where the wording is written: the library variant, or the selection entry."""
    selection: Location | None = None
    """Where the selection chose this block, when it did."""


@dataclass(frozen=True)
class ParamSpan:
    """Where a parameter's value stands in a block's text: ``text[start:end]``."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """One paragraph of the letter."""

    kind: str
    text: str
    provenance: Provenance = Provenance()
    spans: tuple[ParamSpan, ...] = ()
    """Where the parameters of a library variant stand in ``text``."""

    @property
    def is_finding(self) -> bool:
        """True for a finding under a section (not the introduction's bullets)."""
        return self.kind == "bullet" and self.provenance.section not in (None, "introduction")


@dataclass(frozen=True)
class LetterheadImage:
    """A crest or logo printed at the head of the letterhead, and the words that stand for it (alt text)."""

    data: bytes
    content_type: str
    """``image/png`` or ``image/jpeg``."""
    extension: str
    alt: str
    width_px: int
    height_px: int

    @property
    def data_uri(self) -> str:
        """The image as a ``data:`` URI, for a page that fetches nothing."""
        import base64

        return f"data:{self.content_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class LetterMeta:
    """What a letter is, beyond its words: used for document properties, file names and checks."""

    inspection: str
    title: str
    force: str
    date: dt.date
    status: str
    author: str
    recipient: str
    embargo: dt.datetime | None
    selection: str
    template: str
    house_style: Path
    """The house-style DOCX the layout dresses this letter in."""
    inspection_location: Location | None = None
    """Where the selection names the inspection (for errors about the letter's inspection, as in the matrix)."""
    letterhead_image: LetterheadImage | None = None
    """The letterhead office's crest or logo, printed above the letterhead with its alt text."""


@dataclass(frozen=True)
class Letter:
    """An assembled letter."""

    meta: LetterMeta
    blocks: tuple[Block, ...]
