"""Search the library's phrasings by words: ranked, with the words that matched.

Each query word is compared with every word of a phrasing by rapidfuzz
(``fuzz.ratio``), so plurals and small slips still match ("suspect" and
"suspcts" find "suspects"); a query word of four letters or more also matches
the words it begins ("train" finds "training").  A phrasing's relevance is the
share of the query it matches, each query word weighted by how rare it is in
the library (inverse document frequency): "force training" ranks the training
findings above the many phrasings that mention the force.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .catalog import entries
from ..errors import LetterforgeError
from ..load.library import Library
from ..model import Variant
from ..language.phrasing import fold
from ..checks.similarity import word_spans, words

MATCH_CUTOFF = 85
"""How alike (0–100, rapidfuzz ``ratio``) a word must be to a query word to match it."""

MIN_PREFIX = 4
"""A query word at least this long also matches the longer words it begins."""

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One phrasing that matched: where it is, how relevant (0–100), its text and the spans of matching words."""

    variant: Variant
    relevance: float
    text: str
    marks: tuple[Span, ...]


def search(library: Library, query: str, inspection_id: str | None = None, limit: int = 10) -> list[Hit]:
    """The ``limit`` phrasings most relevant to ``query``, best first (library order breaks ties)."""
    query_words = list(dict.fromkeys(words(query)))
    if not query_words:
        raise LetterforgeError("nothing to search for", None, "give one or more words")
    candidates = [(variant, fold(variant.phrasing.source))
                  for entry in entries(library, inspection_id) for variant in entry.variants]
    matches = [_match(query_words, text) for _, text in candidates]
    weights = {q: _rarity(sum(1 for m in matches if q in m), len(candidates)) for q in query_words}
    total = sum(weights.values())
    hits = []
    for (variant, text), matched in zip(candidates, matches):
        if matched:
            relevance = 100 * sum(weights[q] * best / 100 for q, (best, _) in matched.items()) / total
            spans = sorted({span for _, found in matched.values() for span in found})
            hits.append(Hit(variant, relevance, text, _merge(spans, text)))
    hits.sort(key=lambda hit: -hit.relevance)
    return hits[:limit]


def _match(query_words: list[str], text: str) -> dict[str, tuple[float, list[Span]]]:
    """For each query word found in ``text``: its best likeness and the spans of the words it matched."""
    spans = word_spans(text)
    text_words = [word for word, _, _ in spans]
    found: dict[str, tuple[float, list[Span]]] = {}
    for q in query_words:
        scores = {index: value for _, value, index in
                  process.extract(q, text_words, scorer=fuzz.ratio, score_cutoff=MATCH_CUTOFF, limit=None)}
        if len(q) >= MIN_PREFIX:
            scores.update({i: 100.0 for i, word in enumerate(text_words) if word.startswith(q)})
        if scores:
            found[q] = (max(scores.values()), [spans[i][1:] for i in sorted(scores)])
    return found


def _rarity(phrasings_matched: int, phrasings: int) -> float:
    """Inverse document frequency: a word few phrasings contain weighs more."""
    return math.log(1 + phrasings / max(phrasings_matched, 1))


def _merge(spans: list[Span], text: str) -> tuple[Span, ...]:
    """Join marks separated only by spaces, so "named suspects" is marked as one run."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
