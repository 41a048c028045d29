"""Pair the blocks of two drafts and merge them into one sequence of steps.

Blocks that carry provenance on both sides are paired by what they are: the
same finding (or introduction part) in the same section, the same section's
heading.  Other blocks — the letter's head, free paragraphs, every paragraph
of a DOCX — are paired by kind and by how alike their words are.  The pairs
kept are the heaviest set that keeps both letters' order (a weighted longest
common subsequence), so a block that moved shows as deleted where it was and
inserted where it is: taking every insertion gives the new letter, taking
every deletion back gives the old one.

That search weighs every old block against every new one.  A letter has
about 45 blocks, so it is searched outright; two long drafts are first
anchored on the blocks that are identical and unique on both sides (as
patience diff does), and only the stretches between anchors are searched, so
drafts that mostly agree align in near-linear time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Literal, Sequence, TypeVar

from ..letter import Block
from ..checks.similarity import score

T = TypeVar("T")
U = TypeVar("U")

StepKind = Literal["same", "changed", "inserted", "deleted"]
UnitKey = tuple[str, str | None, int]
"""A finding's or introduction part's (or a heading's) name across drafts: section, finding, which occurrence."""
BlockKey = tuple[UnitKey, str, int]
"""A block's name across drafts: its unit's key, its kind, and its place among the unit's blocks of that kind."""

SINGLE_KINDS = frozenset({"date", "salutation", "subject", "closing"})
"""Kinds a letter has once: an old and a new one pair however much they differ."""
LIKENESS_FLOOR = 60.0
"""Two other paragraphs without provenance pair when their words are at least this alike (0–100)."""

EXACT_CELLS = 10_000
"""Up to this many old × new pairs (a letter has about 45 × 45) the heaviest pairing is searched outright."""

_SAME_KEY, _SAME_TEXT = 3.0, 2.0


@dataclass(frozen=True)
class Step:
    """One paragraph of the merged sequence: an old block, a new block, or a pair."""

    old: Block | None
    new: Block | None
    old_index: int | None = None
    new_index: int | None = None

    @property
    def kind(self) -> StepKind:
        """``same`` (identical pair), ``changed`` (pair with other words), ``inserted`` or ``deleted``."""
        if self.old is None:
            return "inserted"
        if self.new is None:
            return "deleted"
        return "same" if self.old.text == self.new.text else "changed"

    @property
    def block(self) -> Block:
        """The step's paragraph as the new draft has it, or the old one's of a deleted step."""
        block = self.old if self.new is None else self.new
        if block is None:
            raise ValueError("a step has an old block, a new block or both")
        return block


def block_keys(blocks: Sequence[Block]) -> list[BlockKey | None]:
    """A name for each block that stays the same across drafts, or None where provenance gives none.

    A finding's or introduction part's blocks are named by section, finding,
    which occurrence of that finding it is, kind and position among the
    part's blocks of that kind; a section's heading (and the subject and
    lead-in) by section and kind.  Free text has no name.
    """
    keys: list[BlockKey | None] = []
    runs: dict[tuple[str, str | None], int] = {}
    seen: dict[tuple[UnitKey, str], int] = {}
    previous = None
    for block in blocks:
        p = block.provenance
        if p.section is None or (p.finding is None and p.source == "free"):
            keys.append(None)
            previous = None
            continue
        part = (p.section, p.finding)
        run = (part, p.selection)
        if run != previous:
            runs[part] = runs.get(part, -1) + 1
            previous = run
        unit: UnitKey = (p.section, p.finding, runs[part])
        position = seen[(unit, block.kind)] = seen.get((unit, block.kind), -1) + 1
        keys.append((unit, block.kind, position))
    return keys


def block_names(blocks: Sequence[Block], keys: Sequence[Hashable | None],
                other_keys: Sequence[Hashable | None]) -> list[Hashable]:
    """A name for each block under which it pairs with the greatest weight :func:`pair_weight` gives it.

    Its key (from :func:`block_keys`) when both drafts have keys; else, and
    for a block without a key, its kind and text.  Two blocks of one name
    pair with weight 3 (the same key) or 2 (the same words where keys do not
    count): the most either block can have.
    """
    by_key = any(k is not None for k in keys) and any(k is not None for k in other_keys)
    return [("key", key) if by_key and key is not None else ("text", block.kind, block.text)
            for block, key in zip(blocks, keys)]


def pair_weight(old: Block, new: Block, old_key: Hashable | None, new_key: Hashable | None) -> float | None:
    """How strongly two blocks belong together, or None if they must not be paired."""
    if old.kind != new.kind:
        return None
    if old_key is not None and new_key is not None:
        return _SAME_KEY if old_key == new_key else None
    if old.text == new.text:
        return _SAME_TEXT
    likeness = score(old.text, new.text)
    if old.kind in SINGLE_KINDS:
        return 1.0 + likeness / 100
    return likeness / 100 if likeness >= LIKENESS_FLOOR else None


def heaviest_common(a: Sequence[T], b: Sequence[U], weight: Callable[[T, U], float | None],
                    names: tuple[Sequence[Hashable | None], Sequence[Hashable | None]]) -> list[tuple[int, int]]:
    """The order-keeping pairs ``(i, j)`` of ``a`` and ``b`` whose weights add up to the most.

    ``weight`` gives a pair's weight, or None for a pair that is not allowed.
    ``names`` names each item of ``a`` and of ``b`` (None: no name) such
    that two items of the same name pair with the greatest weight either can
    have.  For more than :data:`EXACT_CELLS` pairs, items named once on each
    side that keep their order are paired first and only the stretches
    between them are searched: the pairs still keep both orders but may
    weigh less than the heaviest, and drafts that mostly agree take about
    linear time.  For fewer pairs the search is exact and weighs all
    ``len(a) * len(b)`` pairs.
    """
    names_a, names_b = names
    pairs: list[tuple[int, int]] = []
    stretches = [(0, len(a), 0, len(b))]
    while stretches:
        i0, i1, j0, j1 = stretches.pop()
        anchors = _anchors(names_a[i0:i1], names_b[j0:j1]) if (i1 - i0) * (j1 - j0) > EXACT_CELLS else []
        if not anchors:
            pairs.extend((i0 + i, j0 + j) for i, j in _heaviest(a[i0:i1], b[j0:j1], weight))
            continue
        pairs.extend((i0 + i, j0 + j) for i, j in anchors)
        edges = [(-1, -1), *anchors, (i1 - i0, j1 - j0)]
        for (i, j), (next_i, next_j) in zip(edges, edges[1:]):
            if next_i > i + 1 and next_j > j + 1:
                stretches.append((i0 + i + 1, i0 + next_i, j0 + j + 1, j0 + next_j))
    return sorted(pairs)


def _anchors(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> list[tuple[int, int]]:
    """The longest order-keeping chain of pairs ``(i, j)`` of names that occur once in ``a`` and once in ``b``."""
    once_a, once_b = Counter(a), Counter(b)
    where_b = {x: j for j, x in enumerate(b) if x is not None and once_b[x] == 1}
    candidates = [(i, where_b[x]) for i, x in enumerate(a) if once_a[x] == 1 and x in where_b]
    tails: list[int] = []  # tails[k]: the candidate ending the best chain of length k + 1 found so far
    tail_js: list[int] = []
    before: list[int | None] = []
    for index, (_, j) in enumerate(candidates):
        length = bisect_left(tail_js, j)
        before.append(tails[length - 1] if length else None)
        if length == len(tails):
            tails.append(index)
            tail_js.append(j)
        else:
            tails[length], tail_js[length] = index, j
    chain = []
    at = tails[-1] if tails else None
    while at is not None:
        chain.append(candidates[at])
        at = before[at]
    return chain[::-1]


def _heaviest(a: Sequence[T], b: Sequence[U], weight: Callable[[T, U], float | None]) -> list[tuple[int, int]]:
    """:func:`heaviest_common` searched outright: a table of every pair's weight and best total."""
    n, m = len(a), len(b)
    weights = [[weight(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            here = max(best[i + 1][j], best[i][j + 1])
            w = weights[i][j]
            if w is not None:
                here = max(here, w + best[i + 1][j + 1])
            best[i][j] = here
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        w = weights[i][j]
        if w is not None and best[i][j] == w + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def align(old: Sequence[Block], new: Sequence[Block]) -> list[Step]:
    """The merged steps: pairs in order, and between two pairs the old blocks (deleted) before the new (inserted)."""
    old_keys, new_keys = block_keys(old), block_keys(new)
    pairs = heaviest_common(range(len(old)), range(len(new)),
                            lambda i, j: pair_weight(old[i], new[j], old_keys[i], new_keys[j]),
                            (block_names(old, old_keys, new_keys), block_names(new, new_keys, old_keys)))
    steps: list[Step] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        steps.extend(Step(old[k], None, old_index=k) for k in range(i, pi))
        steps.extend(Step(None, new[k], new_index=k) for k in range(j, pj))
        if pi < len(old) and pj < len(new):
            steps.append(Step(old[pi], new[pj], pi, pj))
        i, j = pi + 1, pj + 1
    return steps
