"""House-style terms written two ways: "front-line" and "frontline", "the Force" and "the force".

Used by the letter checks (within one letter) and the library lint (across the
library).  Two spellings are the same term when they differ only by hyphens or
spaces between word parts, or, for "the force", by the capital letter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

_HYPHENATED = re.compile(r"\b([a-z]+)-([a-z]+)\b", re.I)
_WORD = re.compile(r"\w+")
_THE_FORCE = re.compile(r"\b[Tt]he (force|Force)\b")

P = TypeVar("P")
"""Where a text was seen: a block's index in a letter, a phrasing's location in the library."""


@dataclass(frozen=True)
class SpellingClash(Generic[P]):
    """One term spelt more than one way: each spelling with where it was seen first."""

    term: str
    spellings: dict[str, P]

    def describe(self) -> str:
        """``"front-line" and "frontline"``."""
        return " and ".join(f"‘{s}’" for s in sorted(self.spellings))


def spelling_clashes(texts: Iterable[tuple[P, str]]) -> list[SpellingClash[P]]:
    """Terms spelt two or more ways across ``texts`` (pairs of a place and a text).

    A hyphenated word ("front-line") clashes with the same letters closed up
    ("frontline") or spaced ("front line"); "the force" clashes with "the Force"
    (at the start of a sentence too: "The Force").
    """
    texts = list(texts)
    seen: dict[str, dict[str, P]] = defaultdict(dict)
    hyphenated: set[str] = set()
    for place, text in texts:
        for match in _HYPHENATED.finditer(text):
            hyphenated.add(match.group(0).lower())
        for match in _THE_FORCE.finditer(text):
            seen["the force"].setdefault(f"the {match.group(1)}", place)  # "The force" opening a sentence is "the force"
    forms = {spelling: word for word in hyphenated
             for spelling in (word, word.replace("-", ""), word.replace("-", " "))}
    if forms:
        for place, text in texts:
            for spelling in _spellings_in(text.lower(), forms):
                seen[forms[spelling]].setdefault(spelling, place)
    return [SpellingClash(term, spellings) for term, spellings in sorted(seen.items()) if len(spellings) > 1]


def _spellings_in(lowered: str, forms: dict[str, str]) -> Iterator[str]:
    """Each of ``forms`` that ``lowered`` holds as whole words: one word, or two joined by one hyphen or space.

    One pass over the words of the text, whatever the number of terms.
    """
    spans = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(lowered)]
    for k, (word, _, end) in enumerate(spans):
        if word in forms:
            yield word
        if k + 1 < len(spans):
            following, start, _ = spans[k + 1]
            joined = word + lowered[end:start] + following
            if joined in forms:
                yield joined
