"""The findings library as a catalogue: every finding in its place, and one finding by name.

Pure: ``library list`` and ``library show`` print what these return.  A
library with problems raises them here as it would when rendering; ``library
lint`` is the command that reports them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..errors import LetterforgeError
from ..load.library import Library, no_inspections
from ..model import Finding, Inspection, Section, Variant
from ..load.names import check_identifier, unknown


@dataclass(frozen=True)
class Entry:
    """A finding with the inspection and section it belongs to."""

    inspection: Inspection
    section: Section
    finding: Finding

    @property
    def variants(self) -> list[Variant]:
        return list(self.finding.variants.values())


def inspection_ids(library: Library) -> list[str]:
    """The inspections of ``library``, sorted; an error at the folder if it has none.

    A folder with no ``<id>/inspection.yaml`` is not a findings library (say
    ``--library`` names the repository, or one inspection's folder): it is
    refused rather than listed or linted as empty.
    """
    found = library.inspection_ids()
    if not found:
        raise no_inspections(library.root)
    return found


def inspection(library: Library, inspection_id: str) -> Inspection:
    """The inspection ``inspection_id`` of ``library``, named on the command line.

    A library with no inspections is refused as by :func:`inspection_ids`
    (its hint names the likely mistake), not with "unknown inspection";
    an unknown inspection is an error with no location.
    """
    inspection_ids(library)
    return library.inspection(inspection_id)


def inspections(library: Library, inspection_id: str | None = None) -> list[Inspection]:
    """Every inspection of ``library``, or just ``inspection_id``.

    Raises a located error for an unknown inspection, and for a library with
    none (:func:`inspection_ids`).
    """
    if inspection_id is not None:
        return [inspection(library, inspection_id)]
    return [library.inspection(i) for i in inspection_ids(library)]


def entries(library: Library, inspection_id: str | None = None) -> Iterator[Entry]:
    """Every finding, by inspection and section, in library order."""
    for inspection in inspections(library, inspection_id):
        for section in inspection.sections.values():
            for finding in section.findings.values():
                yield Entry(inspection, section, finding)


def find(library: Library, reference: str, inspection_id: str | None = None) -> tuple[Entry, Variant | None]:
    """The finding ``reference`` names (``finding`` or ``finding/variant``) and the variant, if one is named.

    Raises an error for a reference that is not one of those two forms (a
    name that is not an identifier, ``finding/`` with no variant, more than
    one ``/``), with a did-you-mean for an unknown finding or variant, and for
    a finding id that more than one inspection uses (name the inspection).
    """
    finding_id, variant_id = _parts(reference.strip())
    every = list(entries(library, inspection_id))
    matches = [e for e in every if e.finding.id == finding_id]
    if not matches:
        raise unknown("finding", finding_id, sorted({e.finding.id for e in every}), None)
    if len(matches) > 1:
        raise LetterforgeError(f"finding '{finding_id}' is in several inspections: "
                               + ", ".join(e.inspection.id for e in matches), None, "pass --inspection ID")
    entry = matches[0]
    if variant_id is None:
        return entry, None
    if variant_id not in entry.finding.variants:
        raise unknown("variant", variant_id, entry.finding.variants, None, f" of finding '{finding_id}'")
    return entry, entry.finding.variants[variant_id]


def _parts(reference: str) -> tuple[str, str | None]:
    """``(finding, variant)`` of ``finding/variant``, or ``(finding, None)``; each part checked as an identifier."""
    if reference.count("/") > 1:
        check_identifier(reference, "finding", None)  # a path such as ../../etc/passwd: refused as a name
    finding_id, slash, variant_id = reference.partition("/")
    check_identifier(finding_id, "finding", None)
    if not slash:
        return finding_id, None
    if not variant_id:
        raise LetterforgeError(f"'{reference}' names no variant", None,
                               f"write '{finding_id}' for all its variants, or '{finding_id}/VARIANT' for one")
    return finding_id, check_identifier(variant_id, "variant", None)


def selection_line(variant: Variant) -> str:
    """How a selection chooses ``variant``: ``- finding/variant`` or ``- finding/variant: {name: …}``."""
    reference = f"{variant.finding}/{variant.id}"
    if not variant.params:
        return f"- {reference}"
    return f"- {reference}: {{" + ", ".join(f"{name}: …" for name in variant.params) + "}"
