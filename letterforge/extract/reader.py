"""Read a sent letter into an :class:`~letterforge.extract.result.Extraction`: the order of the work.

The file is split into paragraphs (:mod:`.blocks`); the inspection is the one
given or the one whose title the letter's subject is; wrapped lines are
joined with the inspection's and the letter's own words as the vocabulary for
hyphenation; then the foot (:mod:`.foot`: its signature helps read the head), the head
(:mod:`.head`), the opening (:mod:`.intro`) and the findings
(:mod:`.findings`) are read in turn.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..tools import catalog
from ..errors import LetterforgeError, Location
from ..load.library import Library
from ..letter import MAX_LETTER_BLOCKS
from ..model import Inspection
from ..load.names import known_list
from ..checks.similarity import score
from ..load.yamlnodes import MAX_TEXT_CHARS
from .blocks import LetterSource, join_lines, read_letter, vocabulary
from .findings import read_findings
from .foot import CLOSING, read_foot
from .head import SALUTATION, read_head
from .intro import read_introduction
from .match import CLOSE_ENOUGH, Units, is_subject
from .result import Extraction, Notes, Paragraph

_SUBJECT_SEARCH = 30
"""The subject is looked for among the letter's first paragraphs."""


def extract_letter(path: str | Path, library: Library, inspection_id: str | None = None) -> Extraction:
    """Read the letter at ``path`` (text or DOCX) against ``library``.

    ``inspection_id`` names the inspection; without it the inspection whose
    title the letter's subject line is (or is close to) is used.
    Raises a located error for an unreadable letter, a paragraph longer than
    a selection's text may be (before any matching) or a library with no
    inspections (:func:`letterforge.tools.catalog.inspection_ids`), and an error
    with no location for an unknown ``inspection_id`` (a name given, not read
    from a file).
    """
    source = read_letter(path)
    inspection = _inspection(source, library, inspection_id)
    known = vocabulary([part.phrasing.source for part in inspection.introduction]
                       + [variant.phrasing.source for variant in inspection.variants()]
                       + [inspection.title] + [" ".join(p.lines) for p in source.paragraphs])
    paragraphs = _first_line_apart(_paragraphs(source, known))
    notes = Notes(source)

    salutation = next((i for i, p in enumerate(paragraphs) if SALUTATION.match(p.text)), None)
    body_start = salutation + 1 if salutation is not None else _subject_index(paragraphs, inspection)
    closing = next((i for i in range(body_start, len(paragraphs)) if CLOSING.match(paragraphs[i].text)),
                   len(paragraphs))
    foot = read_foot(paragraphs[closing:], notes)
    head, head_blocks = read_head(paragraphs[:salutation if salutation is not None else body_start],
                                  paragraphs[salutation] if salutation is not None else None, foot, library, inspection)

    findings_units = Units.of_findings(inspection)
    opening = read_introduction(paragraphs[body_start:closing], inspection, findings_units, notes)
    sections, finding_blocks = read_findings(paragraphs[body_start + opening.used:closing], inspection,
                                             findings_units, notes)
    if opening.force and "force" in head.stand_ins:
        stand_ins = {k: v for k, v in head.stand_ins.items() if k != "force"}
        head = replace(head, force=opening.force, stand_ins=stand_ins)
    blocks = head_blocks + list(opening.blocks) + finding_blocks + list(foot.blocks)
    return Extraction(source, inspection, head, opening.tweaks, opening.lead_in, tuple(sections), tuple(blocks),
                      tuple(notes.warnings))


def _paragraphs(source: LetterSource, known: frozenset[str]) -> list[Paragraph]:
    """Each paragraph's lines joined; a located error for one longer than a selection's text can be, or for
    more paragraphs than a letter has (:data:`~letterforge.letter.MAX_LETTER_BLOCKS`)."""
    if len(source.paragraphs) > MAX_LETTER_BLOCKS:
        beyond = source.paragraphs[MAX_LETTER_BLOCKS]
        raise LetterforgeError(f"too long to extract: {len(source.paragraphs):,} paragraphs, more than the "
                               f"{MAX_LETTER_BLOCKS:,} a letter may have", source.location(beyond.where),
                               "a letter has about 45; is this the letter you meant?")
    out = []
    for raw in source.paragraphs:
        text, starts = join_lines(raw.lines, known)
        if len(text) > MAX_TEXT_CHARS:
            what = f"paragraph {raw.where}" if source.is_docx else "paragraph"
            raise LetterforgeError(f"{what} is too long to extract ({len(text):,} characters; a selection's "
                                   f"text holds at most {MAX_TEXT_CHARS:,})", source.location(raw.where))
        out.append(Paragraph(text, raw.lines, raw.where, raw.hint, tuple(starts[i] for i in sorted(raw.joins))))
    return out


def _first_line_apart(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A salutation or closing line run together with the text after it becomes a paragraph of its own."""
    out = []
    for p in paragraphs:
        if len(p.lines) > 1 and (SALUTATION.match(p.lines[0]) or CLOSING.match(p.lines[0])):
            out.append(Paragraph(p.lines[0], p.lines[:1], p.where, p.hint))
            rest = p.lines[1:]
            out.append(Paragraph(" ".join(rest), rest, p.where + 1, p.hint))
        else:
            out.append(p)
    return out


def _subject_index(paragraphs: list[Paragraph], inspection: Inspection) -> int:
    """Where the body starts when there is no salutation: at the subject line, or the top."""
    for i, p in enumerate(paragraphs[:_SUBJECT_SEARCH]):
        if is_subject(p.text, inspection):
            return i
    return 0


def _inspection(source: LetterSource, library: Library, inspection_id: str | None) -> Inspection:
    if inspection_id is not None:
        return catalog.inspection(library, inspection_id)  # named on the command line: no place in a file to point at
    ids = catalog.inspection_ids(library)
    texts = [join_lines(p.lines, frozenset())[0] for p in source.paragraphs[:_SUBJECT_SEARCH]]
    best: tuple[float, str] | None = None
    for candidate in ids:
        title = library.inspection(candidate).title
        value = max((score(text, title) for text in texts), default=0.0)
        if best is None or value > best[0]:
            best = (value, candidate)
    if best is not None and best[0] >= CLOSE_ENOUGH:
        return library.inspection(best[1])
    raise LetterforgeError("cannot tell which inspection this letter is from: no line of it is an inspection's "
                           "title", Location(source.path), f"pass --inspection, one of {known_list(ids)}")

