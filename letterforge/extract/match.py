"""Which library wording a paragraph is: word for word (with its parameters), close, or neither.

A :class:`Units` holds phrasings compiled once (finding variants, or the
introduction's paragraphs): :meth:`Units.exact` finds the one that renders the
paragraph exactly and the parameter values that do it; :meth:`Units.closest`
finds the most alike by :func:`likeness`.  :func:`split_exact` splits a
paragraph that is several library texts run together (two bullets whose
glyphs were lost) at the boundaries where every part matches exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Mapping, TypeVar

from rapidfuzz.distance import Levenshtein, Opcode

from ..model import Inspection, Variant
from ..load.params import Param, ParamValue
from ..language.phrasing import Phrasing
from ..checks.similarity import Match, score, word_edits, words
from .patterns import Pattern, compile_pattern, skeleton

K = TypeVar("K")

CLOSE_ENOUGH = 60.0
"""The likeness (0–100) from which a paragraph counts as reworded library text rather than free text.

Measured with :func:`likeness` on the shipped library: a variant scores at
most 54 against the variants of any other finding (same house style, other
topic) and unrelated sentences of the same register at most 52; a variant of
two or more sentences with one sentence replaced wholesale still scores
68–85 against its own finding (always the closest), and one with a few words
changed 96 or more.  60 sits clear of the unrelated cases and below every
reworded one.
"""

_GAP = "\x00"
_SENTENCE_END = re.compile(r"(?<=[.!?;:’”)])\s+(?=[A-Z0-9‘“(])")


def is_subject(text: str, inspection: Inspection) -> bool:
    """Whether ``text`` is the subject line of a letter of ``inspection``: its title, or close to it."""
    return score(text, inspection.title) >= CLOSE_ENOUGH


@dataclass(frozen=True)
class Exact(Generic[K]):
    """A unit that renders a text word for word, and the parameter values that do it."""

    key: K
    params: dict[str, ParamValue]


@dataclass(frozen=True)
class _Unit(Generic[K]):
    key: K
    pattern: Pattern | None
    own: tuple[str, ...]
    """The unit's own words, parameters left out."""
    gaps: tuple[int, ...]
    """Where in ``own`` each parameter stood."""
    text: str | None = None
    """A plain library text (no phrasing): matched by equality."""

    @classmethod
    def of(cls, key: K, pattern: Pattern | None, pieces: list[str], text: str | None = None) -> "_Unit[K]":
        """A unit from the texts between its parameters (one more than it has parameters)."""
        own: list[str] = []
        gaps: list[int] = []
        for index, piece in enumerate(pieces):
            if index:
                gaps.append(len(own))
            own.extend(words(piece))
        return cls(key, pattern, tuple(own), tuple(gaps), text)

    @property
    def library(self) -> str:
        return " ".join(self.own)

    def match(self, text: str) -> tuple[int, dict[str, ParamValue]] | None:
        """How specific the match is (the unit's own characters) and the values, or None."""
        if self.text is not None:
            return (len(self.text), {}) if text == self.text else None
        if self.pattern is None:
            return None
        values = self.pattern.match(text)
        return None if values is None else (self.pattern.literal, values)

    def likeness(self, theirs: list[str]) -> tuple[float, str]:
        """The :func:`likeness` score of a text's words ``theirs``, and the text it scores (parameters' values out)."""
        remaining = _unexplained(self.own, self.gaps, theirs)
        return score(self.library, remaining), remaining


class Units(Generic[K]):
    """Phrasings compiled once, to match paragraphs against."""

    def __init__(self, phrasings: Iterable[tuple[K, Phrasing, Mapping[str, Param], Mapping[str, object]]]) -> None:
        """``phrasings`` are ``(key, phrasing, declared params, fixed values)``."""
        self._units: list[_Unit[K]] = []
        for key, phrasing, params, fixed in phrasings:
            gaps = skeleton(phrasing, [name for name in params if name not in fixed], fixed, _GAP)
            self._units.append(_Unit.of(key, compile_pattern(phrasing, params, fixed), gaps.split(_GAP)))
        self._exact: dict[str, Exact[K] | None] = {}
        self._closest: dict[str, Match[K] | None] = {}

    @staticmethod
    def of_findings(inspection: Inspection) -> "Units[Variant]":
        """Every variant of every finding of ``inspection``, keyed by the variant."""
        return Units((variant, variant.phrasing, variant.params, {}) for variant in inspection.variants())

    def add_text(self, key: K, text: str) -> None:
        """Add a plain library text (one that is not a phrasing, such as the lead-in line)."""
        self._units.append(_Unit.of(key, None, [text], text))
        self._exact.clear()
        self._closest.clear()

    def exact(self, text: str) -> Exact[K] | None:
        """The unit that renders ``text`` word for word; the most specific (most words of its own) wins."""
        if text not in self._exact:
            best: tuple[int, _Unit[K], dict[str, ParamValue]] | None = None
            for unit in self._units:
                found = unit.match(text)
                if found is not None and (best is None or found[0] > best[0]):
                    best = (found[0], unit, found[1])
            self._exact[text] = Exact(best[1].key, best[2]) if best else None
        return self._exact[text]

    def closest(self, text: str, only: Callable[[K], bool] | None = None) -> Match[K] | None:
        """The unit most like ``text`` by :func:`likeness` among those ``only`` accepts (first wins a tie)."""
        if only is None and text in self._closest:
            return self._closest[text]
        theirs = words(text)
        best: tuple[float, _Unit[K], str] | None = None
        for unit in self._units:
            if only is None or only(unit.key):
                value, remaining = unit.likeness(theirs)
                if best is None or value > best[0]:
                    best = (value, unit, remaining)
        found = None if best is None else Match(best[1].key, best[0], word_edits(best[1].library, best[2]))
        if only is None:
            self._closest[text] = found
        return found


def likeness(text: str, pieces: list[str]) -> tuple[float, int]:
    """How alike ``text`` is to a phrasing's own words, not counting what its parameters say.

    ``pieces`` are the phrasing's texts between its parameters.  The words of
    ``text`` are aligned with the phrasing's words (rapidfuzz's word-level
    Levenshtein opcodes).  Where a stretch that differs spans a parameter's
    place and ``text`` has more words there than the phrasing, the surplus is
    the parameter's value and is left out (the phrasing's words before the
    place pair with the stretch's first words, those after it with its last).
    Returns the :func:`~letterforge.checks.similarity.score` (0–100) and the
    :func:`~letterforge.checks.similarity.word_edits` of what remains.
    """
    unit: _Unit[None] = _Unit.of(None, None, pieces)
    value, remaining = unit.likeness(words(text))
    return value, word_edits(unit.library, remaining)


def _unexplained(own: tuple[str, ...], gaps: tuple[int, ...], theirs: list[str]) -> str:
    """``theirs`` without the words that fill the parameters' places in ``own`` (see :func:`likeness`)."""
    if not gaps:
        return " ".join(theirs)
    filled: set[int] = set()
    for a, b, c, d in _differing_stretches(Levenshtein.opcodes(own, theirs)):
        inside = [g for g in gaps if a <= g <= b]
        if inside and d - c > b - a:
            filled.update(range(c + inside[0] - a, d - (b - inside[-1])))
    return " ".join(word for i, word in enumerate(theirs) if i not in filled)


def _differing_stretches(opcodes: Iterable[Opcode]) -> list[tuple[int, int, int, int]]:
    """Runs of consecutive non-equal opcodes as ``(src_start, src_end, dest_start, dest_end)``, plus the ends."""
    stretches: list[list[int]] = []
    previous_equal = True
    for op in opcodes:
        if op.tag == "equal":
            previous_equal = True
            continue
        if previous_equal:
            stretches.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        else:
            stretches[-1][1], stretches[-1][3] = op.src_end, op.dest_end
        previous_equal = False
    return [(a, b, c, d) for a, b, c, d in stretches]


def split_exact(text: str, is_exact: Callable[[str], object], extra: Iterable[int] = ()) -> list[str] | None:
    """``text`` split into two or more parts that each match exactly, the most parts possible; None if it cannot be.

    Parts end at sentence ends (". The", "; and How" …) or at the offsets in
    ``extra`` (where the text splitter joined two paragraphs).  A text that
    already matches as a whole is still split if its parts all match: a
    parameter's value never holds a whole library finding.
    """
    cuts = sorted({0, len(text), *(m.start() for m in _SENTENCE_END.finditer(text)), *extra})
    parts_from: dict[int, list[str] | None] = {len(cuts) - 1: []}
    for i in range(len(cuts) - 2, -1, -1):
        best: list[str] | None = None
        for j in range(i + 1, len(cuts)):
            rest = parts_from[j]
            if rest is None or (best is not None and 1 + len(rest) <= len(best)):
                continue
            part = text[cuts[i]:cuts[j]].strip()
            if part and is_exact(part):
                best = [part, *rest]
        parts_from[i] = best
    found = parts_from[0]
    return found if found is not None and len(found) >= 2 else None
