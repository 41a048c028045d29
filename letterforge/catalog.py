"""The findings library as a catalogue: every finding in its place, and one finding by name.

Pure: ``library list`` and ``library show`` print what these return.  A
library with problems raises them here as it would when rendering; ``library
lint`` is the command that reports them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .errors import LetterforgeError
from .library import Library
from .model import Finding, Inspection, Section, Variant
from .names import unknown


@dataclass(frozen=True)
class Entry:
    """A finding with the inspection and section it belongs to."""

    inspection: Inspection
    section: Section
    finding: Finding

    @property
    def variants(self) -> list[Variant]:
        return list(self.finding.variants.values())


def inspections(library: Library, inspection_id: str | None = None) -> list[Inspection]:
    """Every inspection of ``library``, or just ``inspection_id`` (a located error if unknown)."""
    if inspection_id is not None:
        return [library.inspection(inspection_id)]
    return [library.inspection(i) for i in library.inspection_ids()]


def entries(library: Library, inspection_id: str | None = None) -> Iterator[Entry]:
    """Every finding, by inspection and section, in library order."""
    for inspection in inspections(library, inspection_id):
        for section in inspection.sections.values():
            for finding in section.findings.values():
                yield Entry(inspection, section, finding)


def find(library: Library, reference: str, inspection_id: str | None = None) -> tuple[Entry, Variant | None]:
    """The finding ``reference`` names (``finding`` or ``finding/variant``) and the variant, if one is named.

    Raises an error with a did-you-mean for an unknown finding or variant, and
    for a finding id that more than one inspection uses (name the inspection).
    """
    finding_id, _, variant_id = reference.strip().partition("/")
    every = list(entries(library, inspection_id))
    matches = [e for e in every if e.finding.id == finding_id]
    if not matches:
        raise unknown("finding", finding_id, sorted({e.finding.id for e in every}), None)
    if len(matches) > 1:
        raise LetterforgeError(f"finding '{finding_id}' is in several inspections: "
                               + ", ".join(e.inspection.id for e in matches), None, "pass --inspection ID")
    entry = matches[0]
    if not variant_id:
        return entry, None
    if variant_id not in entry.finding.variants:
        raise unknown("variant", variant_id, entry.finding.variants, None, f" of finding '{finding_id}'")
    return entry, entry.finding.variants[variant_id]


def selection_line(variant: Variant) -> str:
    """How a selection chooses ``variant``: ``- finding/variant`` or ``- finding/variant: {name: …}``."""
    reference = f"{variant.finding}/{variant.id}"
    if not variant.params:
        return f"- {reference}"
    return f"- {reference}: {{" + ", ".join(f"{name}: …" for name in variant.params) + "}"
