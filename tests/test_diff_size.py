"""Long drafts: refused beyond MAX_BLOCKS before any pairing; long drafts that mostly agree align in about linear work.

Work is counted (weights asked for), never timed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

import letterforge.diff.align as align_module
from letterforge.cli import main
from letterforge.diff import compare as compare_module
from letterforge.diff import inputs
from letterforge.diff.align import EXACT_CELLS, align
from letterforge.letter import Block, Provenance
from letterforge.render.docx import render_docx

HINT = "(a letter has about 45; is this the letter you meant?)"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


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


@pytest.fixture
def never_aligned(monkeypatch):
    """Fail the test if any two drafts are paired."""
    def refuse(*_):
        raise AssertionError("the drafts were aligned")
    monkeypatch.setattr(compare_module, "align", refuse)


def test_a_6000_paragraph_docx_is_refused_before_any_pairing(kent_letter, tmp_path, never_aligned):
    sent, huge = tmp_path / "kent.docx", tmp_path / "huge.docx"
    sent.write_bytes(render_docx(kent_letter))
    huge.write_bytes(render_docx(replace(kent_letter, blocks=tuple(long_blocks(6_000)))))
    target = tmp_path / "changes.json"
    result = run("diff", sent, huge, "-o", target)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{huge}: error: too long to compare: 6,000 paragraphs, more than 1,000 {HINT}\n"
    assert not target.exists() and not tmp_path.joinpath("huge.redline.docx").exists()


def test_both_sides_are_bounded_selections_too(selection_file, monkeypatch, never_aligned):
    monkeypatch.setattr(inputs, "MAX_BLOCKS", 40)  # Kent's letter has 43
    old, new = selection_file(name="old.yaml"), selection_file(name="new.yaml")
    result = run("diff", old, new, "-f", "txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}: error: too long to compare: 43 paragraphs, more than 40 {HINT}"
                                          for path in (old, new)]


def test_the_longest_letter_allowed_is_compared(kent_letter, tmp_path):
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    blocks = long_blocks(inputs.MAX_BLOCKS)
    old.write_bytes(render_docx(replace(kent_letter, blocks=tuple(blocks))))
    new.write_bytes(render_docx(replace(kent_letter, blocks=tuple(edited(blocks)))))
    result = run("diff", old, new, "-f", "json", "--exit-code")
    assert result.exit_code == 1 and result.stdout.count('"summary"') == 5


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
