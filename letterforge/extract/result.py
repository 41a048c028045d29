"""What extraction found in a letter: the parts of a selection, and the letter's blocks as read.

Plain frozen dataclasses, filled by :mod:`~letterforge.extract.head`,
:mod:`~letterforge.extract.intro` and :mod:`~letterforge.extract.findings`,
read by the writer and the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import LetterforgeWarning
from ..letter import Source
from ..model import Inspection, Office, Person, Variant
from ..load.params import ParamValue
from ..load.selection import CopyTo, Recipient
from ..checks.similarity import Match
from .blocks import LetterSource


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the letter: its text (lines joined), its lines, where it starts and its kind hint."""

    text: str
    lines: tuple[str, ...]
    where: int
    hint: str | None = None
    joins: tuple[int, ...] = ()
    """Offsets in ``text`` where the text splitter joined what looked like two paragraphs."""


@dataclass(frozen=True)
class ReadBlock:
    """One block of the letter as read, with the kind extraction gave it: what the selection must render."""

    kind: str
    text: str
    where: int


@dataclass(frozen=True)
class Head:
    """Who the letter is from and to, when, and how it opens.

    ``sender`` is a library signatory when ``sender_key`` is set, else an
    inline one; ``letterhead`` is None for the sender's own office (or none),
    a library office when ``letterhead_key`` is set, else an inline one.
    ``stand_ins`` maps each field the letter did not show to why a stand-in
    was written for it.
    """

    sender: Person
    sender_key: str | None
    letterhead: Office | None
    letterhead_key: str | None
    date: dt.date
    date_position: str
    recipient: Recipient
    salutation: str
    force: str
    copy_to: tuple[CopyTo, ...]
    stand_ins: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IntroTweak:
    """This letter's own wording for one paragraph of the standard introduction."""

    part: str
    text: str
    likeness: Match[tuple[str, str]]
    """The closest paragraph of the introduction, keyed ``("paragraph", id)``."""


@dataclass(frozen=True)
class Entry:
    """One finding paragraph and what it is.

    ``library``: ``variant`` renders ``text`` with ``params``.  ``bespoke``:
    reworded library text of ``variant``'s finding (``likeness`` names the
    closest variant and its score).  ``free``: no finding of this section is
    close; ``likeness`` is the closest there was, if any, and ``note`` says why.
    """

    text: str
    where: int
    source: Source
    variant: Variant | None = None
    params: dict[str, ParamValue] = field(default_factory=dict)
    likeness: Match[Variant] | None = None
    note: str | None = None


@dataclass(frozen=True)
class SectionFound:
    """A heading of the letter, the library section it stands for, and its findings."""

    id: str
    heading: str | None
    """The heading as the letter wrote it (None when the findings had none)."""
    library_title: str
    entries: tuple[Entry, ...]

    @property
    def title_override(self) -> str | None:
        """The heading when it differs from the library's title."""
        return self.heading if self.heading is not None and self.heading != self.library_title else None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one letter."""

    source: LetterSource
    inspection: Inspection
    head: Head
    introduction: tuple[IntroTweak, ...]
    lead_in: bool
    sections: tuple[SectionFound, ...]
    blocks: tuple[ReadBlock, ...]
    warnings: tuple[LetterforgeWarning, ...]

    def entries(self, source: Source) -> list[tuple[SectionFound, Entry]]:
        """The finding entries of one source (library, bespoke, free), in letter order, with their section."""
        return [(section, entry) for section in self.sections for entry in section.entries if entry.source == source]


class Notes:
    """The warnings gathered while reading one letter, each located at its line (or the DOCX file)."""

    def __init__(self, source: LetterSource) -> None:
        self.source = source
        self.warnings: list[LetterforgeWarning] = []

    def warn(self, where: int, message: str, hint: str | None = None) -> None:
        """Record a warning about the block starting at ``where``; a DOCX names the paragraph in the message."""
        if self.source.is_docx:
            message = f"{self.source.label(where)}: {message}"
        self.warnings.append(LetterforgeWarning(message, self.source.location(where), hint))
