"""A sent letter, as text or DOCX, split into paragraphs.

Text extracted from a PDF is untidy; this module undoes what it can without
knowing the library:

- lines are wrapped: the lines of one paragraph are kept together (the head
  needs them: an address is one line per block) and :func:`join_lines` joins
  them, undoing a word hyphenated across a line end where the vocabulary says
  so ("long-" + "term" stays "long-term", "inspec-" + "tion" becomes "inspection");
- paragraphs are separated by blank lines, but a wrapped paragraph may also
  have blank lines inside it: a paragraph that starts with a small letter
  continues the one before (the join is remembered as a place the library
  may split it again: a list item such as "how well forces …" also starts
  with a small letter);
- bullet glyphs are often lost, and when present (•, the Symbol font's ,
  letterforge's own text output) they only start a new paragraph;
- stray spaces are folded; page numbers standing alone and the rules under
  headings in letterforge's text output are dropped.

What the text alone cannot tell (two bullets run together in one paragraph,
which paragraphs are bullets) is left to the matching against the library.
A DOCX gives one paragraph per Word paragraph, with the kind its style names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..ooxml.docx_reader import read_docx_paragraphs
from ..errors import UNSAFE_CHARACTERS, LetterforgeError, Location, control_error, display_path
from ..load.inputs import decode_utf8, read_bytes
from ..checks.similarity import words

MAX_LETTER_BYTES = 20_000_000
"""A letter as DOCX may carry a logo; anything larger is refused unread."""

_BULLET_GLYPH = re.compile("^[\u2022\u25e6\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u2023\u2043\u2219\u00b7"
                           "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8](?:\\s+|$)")
_RULE = re.compile(r"^(?:=+|-+)$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_HYPHENATED_END_REVERSED = re.compile(r"-(\w+)")
"""``word-`` ending a line, matched against the line reversed: anchored, so linear however long the line."""
_FIRST_WORD = re.compile(r"^(\w+)")


@dataclass(frozen=True)
class RawParagraph:
    """One paragraph as found: its lines, where it starts and the kind the source names, if any.

    ``where`` is the 1-based line of a text file or the paragraph number of a
    DOCX; ``hint`` is the block kind a DOCX style names, ``"bullet"`` where a
    bullet glyph was seen, ``"heading"``/``"subject"`` where letterforge's text
    output underlined it, or None.  ``joins`` are the indices of lines that
    started a paragraph of their own before being taken as a continuation.
    """

    lines: tuple[str, ...]
    where: int
    hint: str | None = None
    joins: frozenset[int] = frozenset()


@dataclass(frozen=True)
class LetterSource:
    """A letter read from a file: its paragraphs and how to point at them."""

    path: str
    paragraphs: tuple[RawParagraph, ...]
    is_docx: bool

    def location(self, where: int) -> Location:
        """The location of a line (text) or of the whole file (DOCX: paragraphs have no line)."""
        return Location(self.path) if self.is_docx else Location(self.path, where, 1)

    def label(self, where: int) -> str:
        """``line 12`` or ``paragraph 12`` for the report."""
        return f"{'paragraph' if self.is_docx else 'line'} {where}"


def read_letter(path: str | Path) -> LetterSource:
    """Read the letter at ``path``: a DOCX (named ``.docx``, or a zip whatever its name) or UTF-8 text.

    Raises a located error for a missing, unreadable or empty file, a PDF, a
    ``.docx`` that is not a readable DOCX, text that is not UTF-8, or a
    character no selection may hold (a bidirectional override, a C1 control).
    """
    shown = display_path(path)
    data = read_bytes(path, "a letter", MAX_LETTER_BYTES)
    if data.startswith(b"%PDF"):
        raise LetterforgeError("is a PDF; extract reads text or DOCX", Location(shown),
                               "save its text first, e.g. pdftotext -layout LETTER.pdf")
    if data.startswith(b"PK\x03\x04") or Path(path).suffix.lower() == ".docx":
        paragraphs = tuple(RawParagraph((p.text,), number, p.kind)
                           for number, p in enumerate(read_docx_paragraphs(path, data), start=1))
        source = LetterSource(shown, paragraphs, True)
    else:
        text = decode_utf8(data, shown)
        _refuse_unsafe(text, shown)
        source = LetterSource(shown, tuple(split_text(text)), False)
    if not source.paragraphs:
        raise LetterforgeError("holds no text", Location(shown))
    return source


def _refuse_unsafe(text: str, shown: str) -> None:
    """A located error at the first character of ``text`` no selection may hold, other than the C0 controls
    that text saved from a PDF is littered with (form feeds, stray NULs: :func:`split_text` drops them)."""
    for bad in UNSAFE_CHARACTERS.finditer(text):
        if bad.group() in "\x0c" or _CONTROL.match(bad.group()):
            continue
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise control_error(bad.group(), Location(shown, line, column), "the letter")


def split_text(text: str) -> list[RawParagraph]:
    """Split plain text into paragraphs (see the module's notes)."""
    paragraphs: list[RawParagraph] = []
    current: list[str] = []
    start, hint = 0, None

    def close() -> None:
        nonlocal current, hint
        if current:
            lines = tuple(current)
            if not (len(lines) == 1 and _PAGE_NUMBER.match(lines[0])):
                paragraphs.append(_continue_or_start(paragraphs, RawParagraph(lines, start, hint)))
        current, hint = [], None

    for number, raw in enumerate(text.replace("\f", "\n").splitlines(), start=1):
        line = _SPACES.sub(" ", _CONTROL.sub("", raw)).strip()
        if _RULE.match(line) and len(line) >= 3 and current:
            hint = "subject" if line[0] == "=" else "heading"
            close()
            continue
        glyph = _BULLET_GLYPH.match(line)
        if glyph:
            close()
            line, hint = line[glyph.end():], "bullet"
        if not line:
            if not glyph:
                close()
            continue
        if not current:
            start = number
        current.append(line)
    close()
    return paragraphs


def _continue_or_start(paragraphs: list[RawParagraph], paragraph: RawParagraph) -> RawParagraph:
    """A paragraph starting with a small letter continues the one before (blank lines inside a wrapped paragraph)."""
    if paragraphs and paragraph.hint != "bullet" and paragraph.lines[0][:1].islower():
        before = paragraphs.pop()
        return RawParagraph(before.lines + paragraph.lines, before.where, before.hint,
                            before.joins | {len(before.lines)})
    return paragraph


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The words (lower-cased) of ``texts``: what :func:`join_lines` trusts to undo hyphenation."""
    return frozenset(word for text in texts for word in words(text))


def join_lines(lines: Iterable[str], known: frozenset[str]) -> tuple[str, tuple[int, ...]]:
    """The lines of one paragraph as one line of text, and the offset where each line starts in it.

    A line ending in ``word-`` followed by a line starting with a letter is one
    word broken at the line end: the hyphen stays if the hyphenated form is a
    known word, goes if the closed-up form is, and otherwise stays (a compound
    such as "well-established" is likelier in these letters than a broken
    word, and a left-in hyphen is easy to spot).  Each line is looked at once
    (the word broken at its end is carried to the next), so the work is linear
    in the length of the paragraph however many lines it has.
    """
    parts: list[str] = []
    length = 0
    starts = []
    broken: str | None = None  # the word before the hyphen ending the text so far, if it ends in "word-"
    for line in lines:
        first = _FIRST_WORD.match(line)
        closed_up = False
        if broken and first and line[0].isalpha():
            closed = f"{broken}{first.group(1)}".lower()
            hyphenated = f"{broken}-{first.group(1)}".lower()
            if closed in known and hyphenated not in known:
                parts[-1] = parts[-1][:-1]
                length -= 1
                closed_up = True
        elif parts:
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(line)
        length += len(line)
        end = _hyphenated_word(line)
        whole_line = end is not None and len(end) + 1 == len(line)
        broken = f"{broken}{end}" if closed_up and whole_line else end
    return "".join(parts), tuple(starts)


def _hyphenated_word(line: str) -> str | None:
    """The word before a hyphen that ends ``line`` (``"the inspec-"`` gives ``"inspec"``), or None."""
    found = _HYPHENATED_END_REVERSED.match(line[::-1])
    return found.group(1)[::-1] if found else None
