"""Long drafts that mostly agree align in about linear work.

Work is counted (weights asked for), never timed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

import letterforge.diff.align as align_module
from letterforge.diff.align import EXACT_CELLS, align
from letterforge.letter import Block, Provenance


def long_blocks(count: int, keyed: bool = False) -> list[Block]:
    """``count`` bullets, each with its own words (and, if ``keyed``, its own finding)."""
    return [Block("bullet", f"Finding number {k} of a very long letter, in words of its own.",
                  Provenance(section="long", finding=f"f{k}") if keyed else Provenance(source="free"))
            for k in range(count)]


def edited(blocks: list[Block]) -> list[Block]:
    """``blocks`` with one reworded near each end and in the middle, one removed and one added."""
    new = list(blocks)
    for at in (1, len(new) // 2, len(new) - 2):
        new[at] = replace(new[at], text=new[at].text.replace("very long", "rather long"))
    del new[len(new) // 3]
    new.insert(2 * len(new) // 3, Block("bullet", "A finding added in the middle.", Provenance(source="free")))
    return new


@pytest.mark.parametrize("keyed", [False, True], ids=["without provenance", "with provenance"])
def test_long_drafts_that_mostly_agree_align_in_about_linear_work(monkeypatch, keyed):
    old = long_blocks(6_000, keyed)
    new = edited(old)
    asked = 0
    weigh = align_module.pair_weight

    def counted(*args):
        nonlocal asked
        asked += 1
        if asked > 10 * EXACT_CELLS:
            raise AssertionError(f"more than {10 * EXACT_CELLS:,} weights for {len(old):,} paragraphs")
        return weigh(*args)

    monkeypatch.setattr(align_module, "pair_weight", counted)
    steps = align(old, new)
    assert [s.old for s in steps if s.old is not None] == old
    assert [s.new for s in steps if s.new is not None] == new
    kinds = [s.kind for s in steps]
    assert [kinds.count(k) for k in ("same", "changed", "deleted", "inserted")] == [len(old) - 4, 3, 1, 1]
