"""How alike two phrasings are, in the words a reviewer would count.

Shared by the checks (a bespoke text that is nearly a library variant), the
library lint (two variants that say nearly the same thing) and extraction (the
closest finding for a reworded paragraph).  The arithmetic is rapidfuzz's;
this module only decides what counts as a word.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
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
    return normalised(text).split()


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
    """``text`` as the words :func:`score` compares, one space apart (remembered: library phrasings recur).

    Lower-casing the joined words is lower-casing each (a space between
    words is no context for any letter's lower case).
    """
    return _normal(" ".join(_WORD.findall(text)))


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


SHARED_FOR_A_PAIR = 3 / 4
"""Two phrasings are compared when they have at least this share of each one's distinct words in common."""


def similar_pairs(texts: Sequence[tuple[K, str]], cutoff: float) -> list[tuple[K, K, float]]:
    """Every pair of ``texts`` (``(key, text)``) whose :func:`score` is at least ``cutoff``, in input order.

    Not every pair is scored.  Two filters pass every pair that could reach
    ``cutoff`` and drop most others before rapidfuzz scores anything:

    - *length* (exact): :func:`score` is 100 × (1 − edits ÷ total length), and
      a longer text needs at least the difference in length as edits, so a
      text is paired only with texts at most :func:`longest_partner` long.
      Texts are taken shortest first, each against the longer ones in that window.
    - *shared words* (the reviewer's notion of a near-duplicate): two
      phrasings are scored only when they have in common at least
      :data:`SHARED_FOR_A_PAIR` of each one's words (a word twice counts
      twice), which any two phrasings a reviewer would call near-duplicates
      have (a few words changed, added or dropped).  That is found by a
      prefix filter: each text is indexed under its rarest words (rarest
      across all the texts), as many as a text can lose and still share that
      much, and a pair sharing that much must share one of those.

    So a library of 10,000 findings scores a few dozen candidates per
    phrasing rather than 20,000; rapidfuzz scores each text against its
    candidates in one call.
    """
    joined = [normalised(text) for _, text in texts]
    order = sorted(range(len(joined)), key=lambda i: len(joined[i]))  # shortest first; ties in input order
    lengths = [len(joined[i]) for i in order]
    tokens = [_occurrences(joined[i].split()) for i in order]
    frequency = Counter(token for tokens_of in tokens for token in tokens_of)
    rarity = {token: rank for rank, token in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    prefixes = [sorted(tokens_of, key=rarity.__getitem__)[:_prefix_length(len(tokens_of))] or [""]
                for tokens_of in tokens]  # a text of no words is indexed under "": it is like the others of none
    holders: dict[str, list[int]] = defaultdict(list)  # token -> positions (in ``order``) indexed under it, rising
    for at, prefix in enumerate(prefixes):
        for token in prefix:
            holders[token].append(at)
    pairs: list[tuple[int, int, float]] = []
    for at, prefix in enumerate(prefixes):
        end = bisect_right(lengths, longest_partner(lengths[at], cutoff), lo=at)
        candidates: set[int] = set()
        for token in prefix:
            held = holders[token]
            candidates.update(held[bisect_right(held, at):bisect_left(held, end)])
        if not candidates:
            continue
        ordered = sorted(candidates)
        found = process.extract(joined[order[at]], [joined[order[p]] for p in ordered], scorer=fuzz.ratio,
                                score_cutoff=cutoff, limit=None)
        for _, value, k in found:
            first, second = sorted((order[at], order[ordered[k]]))
            pairs.append((first, second, value))
    return [(texts[i][0], texts[j][0], value) for i, j, value in sorted(pairs)]


def longest_partner(length: int, cutoff: float) -> float:
    """The longest text (in characters) whose :func:`score` with a text of ``length`` can reach ``cutoff``.

    score ≤ 100 × 2·length ÷ (length + other), since the longer text needs
    ``other − length`` edits at least; one character more is allowed for rounding.
    """
    if cutoff <= 0:
        return math.inf
    return length * (200 - cutoff) / cutoff + 1


def _occurrences(words_of: list[str]) -> set[str]:
    """The words of a text, each repeat told apart (``the``, ``the 2``, …): a word set that keeps their counts."""
    tokens = set(words_of)
    if len(tokens) == len(words_of):  # no word repeated: the set is the answer
        return tokens
    seen: dict[str, int] = {}
    for word in words_of:
        times = seen[word] = seen.get(word, 0) + 1
        if times > 1:
            tokens.add(f"{word} {times}")
    return tokens


def _prefix_length(distinct_words: int) -> int:
    """How many of a text's rarest words to index it under: all but those it may lack and still be a pair."""
    return distinct_words - math.ceil(SHARED_FOR_A_PAIR * distinct_words) + 1
