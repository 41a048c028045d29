"""How alike two phrasings are, in the words a reviewer would count.

Shared by the checks (a bespoke text that is nearly a library variant), the
library lint (two variants that say nearly the same thing) and extraction (the
closest finding for a reworded paragraph).  The arithmetic is rapidfuzz's;
this module only decides what counts as a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

K = TypeVar("K")

_WORD = re.compile(r"[\w’']+(?:[-–][\w’']+)*")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, punctuation dropped ("front-line" stays one word)."""
    return [w.lower().replace("'", "’") for w in _WORD.findall(text)]


def word_edits(a: str, b: str) -> int:
    """How many words must be inserted, deleted or replaced to turn ``a`` into ``b``."""
    return Levenshtein.distance(words(a), words(b))


def score(a: str, b: str) -> float:
    """Similarity of two texts from 0 (nothing shared) to 100 (the same words in the same order)."""
    return fuzz.ratio(" ".join(words(a)), " ".join(words(b)))


@dataclass(frozen=True)
class Match(Generic[K]):
    """The closest candidate to a text: its key, score (0–100) and word edits."""

    key: K
    score: float
    edits: int


def closest(text: str, candidates: Iterable[tuple[K, str]]) -> Match[K] | None:
    """The candidate ``(key, text)`` most like ``text`` (first wins a tie), or None when there are none."""
    best: tuple[float, K, str] | None = None
    for key, other in candidates:
        value = score(text, other)
        if best is None or value > best[0]:
            best = (value, key, other)
    if best is None:
        return None
    value, key, other = best
    return Match(key, value, word_edits(text, other))
