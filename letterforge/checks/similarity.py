"""How alike two phrasings are, in the words a reviewer would count.

Shared by the checks (a bespoke text that is nearly a library variant), the
library lint (two variants that say nearly the same thing) and extraction (the
closest finding for a reworded paragraph).  The arithmetic is rapidfuzz's;
this module only decides what counts as a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, Sequence, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

K = TypeVar("K")

_WORD = re.compile(r"[\w’']+(?:[-–][\w’']+)*")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, punctuation dropped ("front-line" stays one word)."""
    return [_normal(w) for w in _WORD.findall(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` as in :func:`words`, with where it starts and ends in ``text``."""
    return [(_normal(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _normal(word: str) -> str:
    return word.lower().replace("'", "’")


def word_edits(a: str, b: str) -> int:
    """How many words must be inserted, deleted or replaced to turn ``a`` into ``b``."""
    return Levenshtein.distance(words(a), words(b))


@lru_cache(maxsize=16384)
def normalised(text: str) -> str:
    """``text`` as the words :func:`score` compares, one space apart (remembered: library phrasings recur)."""
    return " ".join(words(text))


def score(a: str, b: str) -> float:
    """Similarity of two texts from 0 (nothing shared) to 100 (the same words in the same order)."""
    return fuzz.ratio(normalised(a), normalised(b))


@dataclass(frozen=True)
class Match(Generic[K]):
    """The closest candidate to a text: its key, score (0–100) and word edits."""

    key: K
    score: float
    edits: int


def closest(text: str, candidates: Iterable[tuple[K, str]]) -> Match[K] | None:
    """The candidate ``(key, text)`` most like ``text`` (first wins a tie), or None when there are none."""
    candidates = list(candidates)
    if not candidates:
        return None
    _, value, index = process.extractOne(normalised(text), [normalised(other) for _, other in candidates],
                                         scorer=fuzz.ratio)
    key, other = candidates[index]
    return Match(key, value, word_edits(text, other))


def similar_pairs(texts: Sequence[tuple[K, str]], cutoff: float) -> list[tuple[K, K, float]]:
    """Every pair of ``texts`` (``(key, text)``) whose :func:`score` is at least ``cutoff``, in input order.

    rapidfuzz compares each text with all later ones in one call, so thousands of phrasings stay quick.
    """
    joined = [normalised(text) for _, text in texts]
    pairs: list[tuple[int, int, float]] = []
    for i, text in enumerate(joined):
        later = process.extract(text, joined[i + 1:], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        pairs.extend((i, i + 1 + j, value) for _, value, j in later)
    return [(texts[i][0], texts[j][0], value) for i, j, value in sorted(pairs)]
