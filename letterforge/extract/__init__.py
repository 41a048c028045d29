"""Bring in a sent letter: extract a selection that renders it again, block for block.

::

    extracted = extract("kent.txt", library, Path("kent.yaml"))
    extracted.text          # the selection YAML
    extracted.report        # what became of each part of the letter
    extracted.warnings      # what could not be kept, each at its line

The work is in :mod:`.reader` (paragraphs, head, introduction, findings),
:mod:`.patterns` and :mod:`.match` (library phrasings as patterns; likeness),
:mod:`.writer` (the YAML), :mod:`.roundtrip` (rendering it back to compare)
and :mod:`.report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import LetterforgeError, LetterforgeWarning, Location, display_path
from ..load.library import Library
from ..load.yamlnodes import MAX_FILE_BYTES
from .reader import extract_letter
from .report import report_lines
from .result import Extraction
from .roundtrip import RoundTrip, check_round_trip
from .writer import selection_yaml


@dataclass(frozen=True)
class Extracted:
    """A letter read, the selection written for it, and how well that selection renders the letter."""

    extraction: Extraction
    text: str
    round_trip: RoundTrip

    @property
    def report(self) -> list[str]:
        """The report lines (see :mod:`.report`)."""
        return report_lines(self.extraction, self.round_trip)

    @property
    def warnings(self) -> list[LetterforgeWarning]:
        """An unusable embargo, what reading found worth a look, then every block the selection renders otherwise."""
        embargo = self.extraction.inspection.embargo_warning()
        return ([embargo] if embargo else []) + list(self.extraction.warnings) + list(self.round_trip.differences)


def extract(letter: str | Path, library: Library, output: Path, inspection_id: str | None = None) -> Extracted:
    """Read ``letter``, write its selection text (meant for ``output``) and check that it renders the letter.

    Pure apart from reading ``letter``, the library and (for a letter with no
    date from an inspection with no usable embargo) the clock: nothing is written.
    Raises the errors of :func:`~letterforge.extract.reader.extract_letter`.
    """
    extraction = extract_letter(letter, library, inspection_id)
    text = selection_yaml(extraction)
    if (size := len(text.encode("utf-8"))) > MAX_FILE_BYTES:
        raise LetterforgeError(f"too long to extract: its selection would be {size:,} bytes, more than the "
                               f"{MAX_FILE_BYTES:,} a selection file may hold", Location(extraction.source.path),
                               "a letter has about 45 paragraphs of a few hundred characters")
    return Extracted(extraction, text, check_round_trip(extraction, text, display_path(output), library))


__all__ = ["Extracted", "extract"]
