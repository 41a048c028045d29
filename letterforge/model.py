"""The findings library as typed objects: inspections, sections, findings, variants, signatories.

These are plain frozen dataclasses built by :mod:`letterforge.load.library`; every
one remembers the :class:`~letterforge.errors.Location` it was read from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

from .errors import LetterforgeError, LetterforgeWarning, Location

if TYPE_CHECKING:
    # Types only: a variant holds a compiled phrasing and declared parameters, built by the
    # loader; at run time the model calls their methods and never imports either module, so the
    # data at the centre depends on nothing above it (see the import-linter contracts in pyproject.toml).
    from .language.phrasing import Phrasing
    from .letter import LetterheadImage  # an office's crest: the loader reads it, the letter carries it
    from .load.params import Param

JUDGEMENTS = ("strength", "improvement", "neutral")


@dataclass(frozen=True)
class Variant:
    """One standard phrasing of a finding, with its judgement and parameters."""

    id: str
    finding: str
    judgement: str
    phrasing: Phrasing
    params: dict[str, Param]
    location: Location
    rewords: str | None = None
    """Another variant of the same finding that this one deliberately rewords (letters have used both)."""

    @property
    def required(self) -> list[str]:
        """Names of the parameters a selection must give."""
        return [p.name for p in self.params.values() if p.required]

    @cached_property
    def sample_readings(self) -> tuple[str, ...]:
        """The phrasing with a sample value for each parameter, with and without the optional ones.

        A reading the phrasing cannot give with sample values is left out. Made
        once per variant of a loaded library, not once per letter checked.
        """
        every = {name: param.sample() for name, param in self.params.items()}
        required = {name: (param.sample() if param.required else None) for name, param in self.params.items()}
        readings = []
        for values in (every, required):
            try:
                readings.append(self.phrasing.render(values))
            except LetterforgeError:
                continue
        return tuple(dict.fromkeys(readings))


@dataclass(frozen=True)
class Finding:
    """One topic of a section, with one or more variants."""

    id: str
    section: str
    topic: str
    variants: dict[str, Variant]
    location: Location


@dataclass(frozen=True)
class Section:
    """A heading of the letter and the findings that may appear under it."""

    id: str
    title: str
    findings: dict[str, Finding]
    location: Location


@dataclass(frozen=True)
class IntroPart:
    """One paragraph of the standard introduction, optionally followed by bullets."""

    id: str
    phrasing: Phrasing
    bullets: tuple[Phrasing, ...]
    location: Location


@dataclass(frozen=True)
class Inspection:
    """What every letter of one inspection shares."""

    id: str
    title: str
    embargo: dt.datetime | None
    """The instant the national report's embargo lifts (Europe/London, timezone-aware), None if unusable."""
    embargo_problem: LetterforgeError | None
    """Why ``embargo`` is None: missing or invalid.  Drafts still render; the checks refuse a final letter."""
    introduction: tuple[IntroPart, ...]
    lead_in: str | None
    sections: dict[str, Section]
    location: Location

    def __post_init__(self) -> None:
        if (self.embargo is None) == (self.embargo_problem is None):
            raise ValueError("an inspection has either an embargo instant or the problem that left it without one")

    def variants(self) -> Iterator[Variant]:
        """Every variant of every finding, in library order: by section, then finding, then variant."""
        for section in self.sections.values():
            for finding in section.findings.values():
                yield from finding.variants.values()

    def find(self, finding_id: str) -> Finding | None:
        """The finding with this id in any section, or None."""
        for section in self.sections.values():
            if finding_id in section.findings:
                return section.findings[finding_id]
        return None

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id in any section; KeyError if there is none (say, a variant of another library)."""
        found = self.find(finding_id)
        if found is None:
            raise KeyError(finding_id)
        return found

    def embargo_warning(self) -> LetterforgeWarning | None:
        """Why the embargo is unusable, as a warning at its place for work that goes on as a draft; None if usable."""
        problem = self.embargo_problem
        if self.embargo is not None or problem is None:
            return None
        return LetterforgeWarning(f"the embargo instant is unusable, so a final letter will be refused: "
                                  f"{problem.message}", problem.location, problem.hint)


@dataclass(frozen=True)
class Office:
    """An office of the inspectorate: the letterhead of letters sent from it, with its crest or logo if any."""

    id: str
    name: str
    address: tuple[str, ...]
    logo: LetterheadImage | None = None


@dataclass(frozen=True)
class Person:
    """A signatory: name, letters after the name, title and office."""

    id: str
    name: str
    title: str
    office: Office | None
    letters: str = ""
    location: Location | None = field(default=None, compare=False)

    @property
    def name_with_letters(self) -> str:
        """``Zoë Billingham BA Hons (Oxon)``."""
        return f"{self.name} {self.letters}".strip()
