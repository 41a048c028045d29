"""Is a letter safe to send?  Checks over an assembled letter and its selection.

Pure: a resolved :class:`~letterforge.load.selection.Selection` and its
:class:`~letterforge.letter.Letter` in, a list of problems out.  Errors
(:class:`CheckError`) block a final letter; warnings (:class:`CheckWarning`)
never block.  Each problem points at the place a person would fix — the
selection entry, or the library phrasing — and at the block it concerns, so
that the review page can link to it.

Checks that need no letter are made when loading: a required parameter that
is missing, an unknown finding, a value of the wrong type.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..compose.assemble import EMBARGO_PLACEHOLDER
from .placeholders import HINT, PLACEHOLDER, block_field
from ..dates import embargo_phrase, long_date
from ..errors import LetterforgeError, Location, Severity
from ..letter import Block, Letter
from ..model import Variant
from ..load.selection import Selection
from .similarity import closest
from .terms import spelling_clashes
from ..wording import count

NEAR_WORDS = 3
"""A bespoke text at most this many words away from a library variant is "within a few words" of it."""



class CheckProblem(LetterforgeError):
    """What a check found: an error (blocks a final letter) or a warning (never blocks).

    ``check`` names the check (``embargo``, ``placeholder`` …) and ``block`` is
    the index in ``letter.blocks`` of the block concerned, when there is one.
    """

    def __init__(self, check: str, severity: Severity, message: str, location: Location | None,
                 hint: str | None = None, block: int | None = None) -> None:
        super().__init__(message, location, hint)
        self.check, self.severity, self.block = check, severity, block


def _error(check: str, message: str, location: Location | None, hint: str | None = None,
           block: int | None = None) -> CheckProblem:
    return CheckProblem(check, "error", message, location, hint, block)


def _warning(check: str, message: str, location: Location | None, hint: str | None = None,
             block: int | None = None) -> CheckProblem:
    return CheckProblem(check, "warning", message, location, hint, block)


def check_letter(selection: Selection, letter: Letter) -> list[CheckProblem]:
    """Every problem of ``letter``: errors first, then warnings; in each, the whole letter's, then block by block."""
    problems = [*_embargo(selection, letter), *_placeholders(selection, letter), *_duplicates(selection, letter),
                *_empty_sections(selection, letter), *_near_library(selection, letter), *_house_style(selection, letter)]
    order = {id(p): i for i, p in enumerate(problems)}
    return sorted(problems, key=lambda p: (p.severity != "error", p.block is not None, p.block or 0, order[id(p)]))


def errors_of(problems: list[CheckProblem]) -> list[CheckProblem]:
    """The problems that block a final letter."""
    return [p for p in problems if p.severity == "error"]


def _finding_blocks(letter: Letter) -> Iterator[tuple[int, Block]]:
    """The blocks that are findings under a section (not the introduction's bullets), with their index."""
    for index, block in enumerate(letter.blocks):
        if block.is_finding:
            yield index, block


def _where(selection: Selection, block: Block) -> Location:
    """Where to fix a block: the selection entry that chose it, else where its words are written."""
    p = block.provenance
    return p.selection or p.origin or Location.of_file(selection.path)


def _embargo(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    inspection = selection.inspection
    if inspection.embargo is None:
        problem = inspection.embargo_problem
        assert problem is not None  # an Inspection without an embargo always holds the problem (its __post_init__)
        yield _error("embargo", f"the embargo instant is unusable: {problem.message}", problem.location,
                     problem.hint)
        return
    embargo, date = inspection.embargo, letter.meta.date
    lifts = f"{embargo:%H:%M} on {embargo:%A} {long_date(embargo)}"
    where = selection.locations.get("date", Location.of_file(selection.path))
    date_block = next((i for i, b in enumerate(letter.blocks) if b.kind == "date"), None)
    if date > embargo.date():
        yield _error("embargo", f"dated {long_date(date)}, after the embargo lifted at {lifts}", where,
                     "date the letter before the embargo", date_block)
    elif date == embargo.date():
        yield _error("embargo", f"dated {long_date(date)}, the day the embargo lifts at {lifts}", where,
                     "date the letter before the embargo", date_block)
    phrase = embargo_phrase(embargo)
    if not any(phrase in block.text for block in letter.blocks):
        overridden = [o for part, o in selection.introduction.items()
                      if "embargo" in next(p for p in inspection.introduction if p.id == part).phrasing.variables]
        yield _error("embargo", f"the embargo sentence is missing: no paragraph says ‘{phrase}’",
                     overridden[0].location if overridden else Location.of_file(selection.path),
                     "keep the introduction's embargo paragraph")


def _placeholders(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    unset_embargo = EMBARGO_PLACEHOLDER if selection.inspection.embargo is None else None  # reported by _embargo
    for index, block in enumerate(letter.blocks):
        for match in PLACEHOLDER.finditer(block.text):
            if match.group() == unset_embargo:
                continue
            yield _error("placeholder", f"{block_field(block, match.start())} holds the placeholder "
                         f"‘{match.group()}’", _where(selection, block), HINT, index)


def _duplicates(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    first: dict[str, Block] = {}
    for index, block in _finding_blocks(letter):
        p = block.provenance
        if p.finding is None:
            continue
        if p.finding in first:
            earlier = _where(selection, first[p.finding])
            yield _error("duplicate", f"finding '{p.finding}' appears twice", _where(selection, block),
                         f"first at line {earlier.line}" if earlier.line else None, index)
        else:
            first[p.finding] = block


def _empty_sections(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    if not any(section.choices for section in selection.sections):
        yield _error("no-findings", "the letter has no findings", selection.locations.get("sections"),
                     "choose the findings for this force under sections")
        return
    headings = {b.provenance.section: i for i, b in enumerate(letter.blocks) if b.kind == "heading"}
    for section in selection.sections:
        if not section.choices:
            yield _warning("empty-section", f"section '{section.id}' has no findings", section.location,
                           "add findings or leave the section out", headings.get(section.id))


def _readings(variants: Iterable[Variant]) -> list[tuple[Variant, str]]:
    """Each variant with each of its sample readings: what bespoke or free text is compared with."""
    return [(variant, text) for variant in variants for text in variant.sample_readings]


def _near_library(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    inspection = selection.inspection
    for index, block in _finding_blocks(letter):
        p = block.provenance
        if p.source == "library":
            continue
        finding = inspection.find(p.finding) if p.finding else None
        candidates = _readings(finding.variants.values() if finding else inspection.variants())
        match = closest(block.text, candidates)
        if match is None or match.edits > NEAR_WORDS:
            continue
        name = f"{match.key.finding}/{match.key.id}"
        what = f"bespoke text for '{p.finding}'" if finding else "free text"
        if match.edits == 0:
            yield _warning("near-library", f"{what} is identical to library variant '{name}'",
                           _where(selection, block), f"write '- {name}' instead", index)
        else:
            yield _warning("near-library", f"{what} is within {count(match.edits, 'word')} of library variant '{name}'",
                           _where(selection, block), f"use '{name}' unless the difference is meant", index)


def _house_style(selection: Selection, letter: Letter) -> Iterator[CheckProblem]:
    for clash in spelling_clashes((index, block.text) for index, block in enumerate(letter.blocks)):
        index = max(clash.spellings.values())
        yield _warning("house-style", f"house style: {clash.describe()} in one letter",
                       _where(selection, letter.blocks[index]), "use one spelling throughout", index)
