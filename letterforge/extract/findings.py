"""The findings of a letter: headings to sections, each paragraph to library, bespoke or free text.

A heading is a paragraph the source calls one, a section title of the
library, or a short line with no closing punctuation.  Each paragraph under it
is matched against every variant of the inspection (:class:`Units`); a
paragraph that is several findings run together is split where each part
matches.  A heading stands for the section its title names; a heading worded
otherwise stands for the section most of its findings belong to (and becomes
a title override).  A finding of another section than its heading's cannot
sit under it in a selection, so it is kept as free text with a note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Inspection, Variant
from ..checks.similarity import Match, score
from .match import CLOSE_ENOUGH, Units, split_exact
from .result import Entry, Notes, Paragraph, ReadBlock, SectionFound

_HEADING_WORDS = 12
_CLOSING_PUNCTUATION = ".;:,!?"


def looks_like_heading(paragraph: Paragraph, inspection: Inspection) -> bool:
    """True for a heading: so styled, a library section title, or one short line without closing punctuation."""
    if paragraph.hint is not None:
        return paragraph.hint == "heading"
    text = paragraph.text
    if any(text == section.title for section in inspection.sections.values()):
        return True
    return (len(paragraph.lines) == 1 and len(text.split()) <= _HEADING_WORDS and text[:1].isupper()
            and text[-1] not in _CLOSING_PUNCTUATION)


@dataclass
class _Group:
    heading: Paragraph | None
    pieces: list[tuple[str, int]]


def read_findings(paragraphs: list[Paragraph], inspection: Inspection, units: Units[Variant],
                  notes: Notes) -> tuple[list[SectionFound], list[ReadBlock]]:
    """The sections and finding entries of ``paragraphs`` (from the first heading to the closing), and their blocks."""
    groups: list[_Group] = []
    for paragraph in paragraphs:
        if looks_like_heading(paragraph, inspection) and units.exact(paragraph.text) is None:
            groups.append(_Group(paragraph, []))
            continue
        if not groups:
            groups.append(_Group(None, []))
        pieces = split_exact(paragraph.text, units.exact, paragraph.joins) or [paragraph.text]
        groups[-1].pieces.extend((piece, paragraph.where) for piece in pieces)

    sections: list[SectionFound] = []
    blocks: list[ReadBlock] = []
    used: set[str] = set()
    for group in groups:
        where = group.heading.where if group.heading else group.pieces[0][1]
        if group.heading is not None:
            blocks.append(ReadBlock("heading", group.heading.text, where))
        blocks.extend(ReadBlock("bullet", text, at) for text, at in group.pieces)
        section_id = _section_for(group, inspection, units, used)
        if section_id is None:
            notes.warn(where, "every section already has a heading; the findings under this one are left out",
                       "a selection lists each section once")
            continue
        used.add(section_id)
        if group.heading is None:
            notes.warn(where, f"findings with no heading above them; the selection puts them under "
                              f"'{inspection.sections[section_id].title}'")
        entries = tuple(_entry(text, at, section_id, units, inspection) for text, at in group.pieces)
        sections.append(SectionFound(section_id, group.heading.text if group.heading else None,
                                     inspection.sections[section_id].title, entries))
    return sections, blocks


def _section_for(group: _Group, inspection: Inspection, units: Units[Variant], used: set[str]) -> str | None:
    """The section a heading stands for: by its title, else by its findings, else by likeness, else the next free."""
    free = [s for s in inspection.sections if s not in used]
    heading = group.heading.text if group.heading else None
    for section in inspection.sections.values():
        if heading == section.title and section.id not in used:
            return section.id
    votes: Counter[str] = Counter()
    for text, _ in group.pieces:
        exact = units.exact(text)
        close = None if exact else units.closest(text)
        variant = exact.key if exact else close.key if close and close.score >= CLOSE_ENOUGH else None
        if variant is not None:
            votes[inspection.finding(variant.finding).section] += 1
    for section_id, _ in votes.most_common():
        if section_id not in used:
            return section_id
    if heading is not None and free:
        best = max(free, key=lambda s: score(heading, inspection.sections[s].title))
        if score(heading, inspection.sections[best].title) >= CLOSE_ENOUGH:
            return best
    return free[0] if free else None


def _entry(text: str, where: int, section_id: str, units: Units[Variant], inspection: Inspection) -> Entry:
    def section_of(variant: Variant) -> str:
        return inspection.finding(variant.finding).section

    exact = units.exact(text)
    if exact is not None:
        variant = exact.key
        if section_of(variant) == section_id:
            return Entry(text, where, "library", variant, exact.params)
        return Entry(text, where, "free", likeness=Match(variant, 100.0, 0),
                     note=f"word for word {variant.finding}/{variant.id}, a finding of section "
                          f"'{section_of(variant)}', which cannot sit under this heading")
    close = units.closest(text)
    if close is None or close.score < CLOSE_ENOUGH:
        return Entry(text, where, "free", likeness=close, note="no library finding is close")
    if section_of(close.key) != section_id:
        return Entry(text, where, "free", likeness=close,
                     note=f"closest to a finding of section '{section_of(close.key)}', "
                          "which cannot sit under this heading")
    return Entry(text, where, "bespoke", close.key, likeness=close)

