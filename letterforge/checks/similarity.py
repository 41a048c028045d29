"""How alike two phrasings are, in the words a reviewer would count.

Shared by the checks (a bespoke text that is nearly a library variant), the
library lint (two variants that say nearly the same thing) and extraction (the
closest finding for a reworded paragraph).  The arithmetic is rapidfuzz's;
this module only decides what counts as a word.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
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


SHARED_FOR_A_PAIR = 2 / 3
"""Two phrasings are compared when they have at least this share of each one's distinct words in common."""


def similar_pairs(texts: Sequence[tuple[K, str]], cutoff: float) -> list[tuple[K, K, float]]:
    """Every pair of ``texts`` (``(key, text)``) whose :func:`score` is at least ``cutoff``, in input order.

    Not every pair is scored: two phrasings are scored only when they have
    in common at least :data:`SHARED_FOR_A_PAIR` of each one's words (a
    word twice counts twice), which any two phrasings a reviewer would call near-duplicates
    have (a few words changed, added or dropped).  That is found by a prefix
    filter: each text is indexed under its rarest words (rarest across all
    the texts), as many as a text can lose and still share that much, and a
    pair sharing that much must share one of those (the first such word in
    the order of rarity is among both texts' rarest).  So a library of
    10,000 findings, whose distinct phrasings share only common words, scores
    a few candidates per phrasing rather than 25,000; rapidfuzz scores each
    text against its candidates in one call.
    """
    joined = [normalised(text) for _, text in texts]
    distinct = [_occurrences(text.split()) for text in joined]
    frequency = Counter(word for words_of in distinct for word in words_of)
    prefixes = [sorted(words_of, key=lambda word: (frequency[word], word))[:_prefix_length(len(words_of))] or [""]
                for words_of in distinct]  # a text of no words is indexed under "": it is like the others of none
    holders: dict[str, list[int]] = defaultdict(list)
    for i, prefix in enumerate(prefixes):
        for word in prefix:
            holders[word].append(i)
    pairs: list[tuple[int, int, float]] = []
    for i, prefix in enumerate(prefixes):
        candidates = sorted({j for word in prefix for j in holders[word] if j > i})
        if not candidates:
            continue
        found = process.extract(joined[i], [joined[j] for j in candidates], scorer=fuzz.ratio,
                                score_cutoff=cutoff, limit=None)
        pairs.extend((i, candidates[k], value) for _, value, k in found)
    return [(texts[i][0], texts[j][0], value) for i, j, value in sorted(pairs)]


def _occurrences(words_of: list[str]) -> set[str]:
    """The words of a text, each repeat told apart (``the``, ``the 2``, …): a word set that keeps their counts."""
    seen: Counter[str] = Counter()
    tokens = set()
    for word in words_of:
        seen[word] += 1
        tokens.add(word if seen[word] == 1 else f"{word} {seen[word]}")
    return tokens


def _prefix_length(distinct_words: int) -> int:
    """How many of a text's rarest words to index it under: all but those it may lack and still be a pair."""
    return distinct_words - math.ceil(SHARED_FOR_A_PAIR * distinct_words) + 1
