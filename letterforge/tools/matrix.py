"""The national findings matrix: which force got which finding, in which variant.

One :class:`Row` per letter, one :class:`Column` per finding of the inspection
(grouped by section, in library order); each cell holds the variants the
letter used for that finding, bespoke wording marked as such, and nothing
where the letter leaves the finding out.  Free text belongs to no finding and
has no column; the introduction is the same for every force and has none
either.  Totals count each variant down a column: "named-suspects / robust:
31 of 43".

A matrix is of one inspection: :func:`usual_inspection` is the one most
letters are of, and :func:`keep_inspection` leaves out, with a located error,
the letters of any other.

Pure: rows are read from letters' provenance (:func:`row_of`, small enough to
send back from a worker process), the columns from the library's inspection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import LetterforgeError, Location, Problems, display_path
from ..letter import Letter
from ..model import Inspection

BESPOKE = "bespoke"


@dataclass(frozen=True)
class Cell:
    """One use of a finding in a letter."""

    variant: str | None
    """The library variant, or None for bespoke wording that names none."""
    judgement: str | None
    """strength, improvement or neutral; None for bespoke wording that gives none."""
    bespoke: bool = False

    @property
    def label(self) -> str:
        """``robust``, ``bespoke``, or ``robust (bespoke)`` for bespoke wording of a named variant."""
        if not self.bespoke:
            return self.variant or ""
        return f"{self.variant} ({BESPOKE})" if self.variant else BESPOKE


@dataclass(frozen=True)
class Row:
    """One letter: its force, where its selection is, and the cells by finding id."""

    force: str
    selection: str
    inspection: str
    cells: dict[str, tuple[Cell, ...]]
    inspection_location: Location | None = None
    """Where the selection names its inspection."""

    @property
    def shown(self) -> str:
        """The selection's file name as every output shows it (quoted where it holds unsafe characters)."""
        return display_path(self.selection)

    def label(self, finding: str) -> str:
        """The text of one cell: its variants joined by ``; `` (empty where the finding is absent)."""
        return "; ".join(cell.label for cell in self.cells.get(finding, ()))


@dataclass(frozen=True)
class Column:
    """One finding of the inspection."""

    section: str
    section_title: str
    finding: str
    topic: str


@dataclass(frozen=True)
class Total:
    """How many letters used one variant (or bespoke wording) of one finding."""

    finding: str
    label: str
    judgement: str | None
    count: int
    of: int

    def __str__(self) -> str:
        return f"{self.finding} / {self.label}: {self.count} of {self.of}"


@dataclass(frozen=True)
class Matrix:
    """The whole table: an inspection's findings across its letters."""

    inspection: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def sections(self) -> list[tuple[str, list[Column]]]:
        """The columns grouped under their section titles, in order."""
        groups: dict[str, list[Column]] = {}
        for column in self.columns:
            groups.setdefault(column.section, []).append(column)
        return [(columns[0].section_title, columns) for columns in groups.values()]

    def totals(self, finding: str) -> list[Total]:
        """Each variant's count down one column, most used first (ties in label order)."""
        counts: Counter[tuple[str, str | None]] = Counter()
        for row in self.rows:
            for cell in row.cells.get(finding, ()):
                counts[cell.label, cell.judgement] += 1
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
        return [Total(finding, label, judgement, count, len(self.rows)) for (label, judgement), count in ordered]


def row_of(letter: Letter) -> Row:
    """The matrix row of one letter, read from the provenance of its finding blocks."""
    cells: dict[str, list[Cell]] = {}
    for block in letter.blocks:
        p = block.provenance
        if p.finding is None or p.section in (None, "introduction"):
            continue
        cells.setdefault(p.finding, []).append(Cell(p.variant, p.judgement, p.source == "bespoke"))
    meta = letter.meta
    return Row(meta.force, meta.selection, meta.inspection, {finding: tuple(found) for finding, found in cells.items()},
               meta.inspection_location)


def usual_inspection(rows: Sequence[Row]) -> str:
    """The inspection most of ``rows`` are of; a tie goes to the one whose first row comes first.

    ``rows`` must not be empty.
    """
    return Counter(row.inspection for row in rows).most_common(1)[0][0]


def keep_inspection(rows: Iterable[Row], inspection_id: str, *, named: bool = False
                    ) -> tuple[list[Row], list[LetterforgeError]]:
    """The rows of ``inspection_id``, in order, and an error for each row of another inspection (left out).

    Each error points at the line where that row's selection names its
    inspection.  ``named`` says the user chose ``inspection_id``
    (``--inspection``) rather than it being :func:`usual_inspection`; the
    message says which.
    """
    chosen = "given with --inspection" if named else "like the rest of the matrix"
    hint = None if named else "give --inspection to choose"
    kept: list[Row] = []
    strays: list[LetterforgeError] = []
    for row in rows:
        if row.inspection == inspection_id:
            kept.append(row)
        else:
            strays.append(LetterforgeError(f"inspection '{row.inspection}', not '{inspection_id}' {chosen}",
                                           row.inspection_location or Location.of_file(row.selection), hint))
    return kept, strays


def build_matrix(inspection: Inspection, rows: Iterable[Row]) -> Matrix:
    """The matrix of ``rows`` over every finding of ``inspection``, sections and findings in library order.

    Raises :class:`~letterforge.errors.Problems` locating each letter of
    another inspection: one table compares the letters of one inspection
    (:func:`keep_inspection` leaves them out instead).
    """
    kept, strays = keep_inspection(rows, inspection.id)
    if strays:
        raise Problems(strays)
    columns = tuple(Column(section.id, section.title, finding.id, finding.topic)
                    for section in inspection.sections.values() for finding in section.findings.values())
    return Matrix(inspection.id, inspection.title, columns, tuple(kept))
