"""The units of two compared letters: what belongs together, where it sits, and what moved.

A unit is a finding (its bullet), an introduction part (its paragraph and
bullets), a section heading, or one paragraph without provenance.  Each has
an id shared by both drafts, a place in the inspector's terms
(``attendance / iom``, ``salutation``), and a section label on each side: the
section id where provenance gives one, the heading text in a DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Literal, Sequence, TypeVar

from ..letter import Block
from .align import SINGLE_KINDS, Step, UnitKey, block_keys, heaviest_common

K = TypeVar("K", bound=Hashable)

UnitId = UnitKey | tuple[Literal["pair", "old", "new"], int]
"""A unit's id: its key where provenance gives one, else ``("pair", i)`` for a paragraph on both sides (``i`` its
old index) or ``("old", i)`` / ``("new", j)`` for one on one side only."""

HEAD_KINDS = frozenset({"letterhead", "sender", "date", "recipient", "salutation", "subject", "closing",
                        "signature", "copy"})
"""Kinds outside the letter's sections, named by their kind."""
INTRODUCTION = "introduction"


@dataclass(frozen=True)
class Unit:
    """Blocks that belong together, on each side (either may be empty), with where they sit."""

    id: UnitId
    place: str
    noun: str | None
    """``finding``, ``paragraph`` (an introduction part) or ``section`` (a heading); None for other paragraphs."""
    section: str | None
    finding: str | None
    old: tuple[Block, ...]
    new: tuple[Block, ...]
    old_label: str | None
    new_label: str | None
    old_at: int
    new_at: int


def section_labels(blocks: Sequence[Block]) -> list[str | None]:
    """The section each block sits in: its provenance's, else the last heading's text; None for the head."""
    labels: list[str | None] = []
    current = None
    for block in blocks:
        if block.kind == "heading":
            current = block.provenance.section or block.text
        labels.append(None if block.kind in HEAD_KINDS else block.provenance.section or current or INTRODUCTION)
    return labels


def _unit_ids(old: Sequence[Block], new: Sequence[Block], steps: Sequence[Step]) -> tuple[list[UnitId], list[UnitId]]:
    old_ids: list[UnitId | None] = [key[0] if key else None for key in block_keys(old)]
    new_ids: list[UnitId | None] = [key[0] if key else None for key in block_keys(new)]
    for step in steps:
        if step.old_index is not None and step.new_index is not None:
            if old_ids[step.old_index] is None or new_ids[step.new_index] is None:
                old_ids[step.old_index] = new_ids[step.new_index] = ("pair", step.old_index)
    waiting = [j for j, ident in enumerate(new_ids) if ident is None]
    for i, ident in enumerate(old_ids):  # a paragraph without provenance that moved: same words elsewhere
        if ident is not None:
            continue
        for j in waiting:
            if new[j].kind == old[i].kind and (new[j].text == old[i].text or old[i].kind in SINGLE_KINDS):
                old_ids[i] = new_ids[j] = ("pair", i)
                waiting.remove(j)
                break
    return ([ident or ("old", i) for i, ident in enumerate(old_ids)],
            [ident or ("new", j) for j, ident in enumerate(new_ids)])


def _shared_labels(old: Sequence[Block], new: Sequence[Block],
                   steps: Sequence[Step]) -> tuple[list[str | None], list[str | None]]:
    """Section labels on both sides, a DOCX heading's text replaced by the section id it was paired with."""
    old_labels, new_labels = section_labels(old), section_labels(new)
    for step in steps:
        i, j = step.old_index, step.new_index  # both set for a pair: old[i] and new[j]
        if i is None or j is None or old[i].kind != "heading":
            continue
        a, b = old_labels[i], new_labels[j]
        if a != b and old[i].provenance.section and not new[j].provenance.section:
            new_labels = [a if label == b else label for label in new_labels]
        elif a != b and new[j].provenance.section and not old[i].provenance.section:
            old_labels = [b if label == a else label for label in old_labels]
    return old_labels, new_labels


def find_units(old: Sequence[Block], new: Sequence[Block], steps: Sequence[Step]) -> list[Unit]:
    """Every unit of either draft, in the order the merged steps first reach it."""
    old_ids, new_ids = _unit_ids(old, new, steps)
    old_labels, new_labels = _shared_labels(old, new, steps)
    order: dict[UnitId, None] = {}
    for step in steps:
        order.setdefault(_step_id(step, old_ids, new_ids))
    old_at, new_at = _positions(old_ids), _positions(new_ids)
    units = []
    for ident in order:
        at_old, at_new = old_at.get(ident, []), new_at.get(ident, [])
        first = new[at_new[0]] if at_new else old[at_old[0]]
        label = new_labels[at_new[0]] if at_new else old_labels[at_old[0]]
        place, noun = _place(ident, first, label)
        units.append(Unit(
            ident, place, noun, first.provenance.section or label, first.provenance.finding,
            tuple(old[i] for i in at_old), tuple(new[j] for j in at_new),
            old_labels[at_old[0]] if at_old else None, new_labels[at_new[0]] if at_new else None,
            at_old[0] if at_old else -1, at_new[0] if at_new else -1))
    return units


def _step_id(step: Step, old_ids: Sequence[UnitId], new_ids: Sequence[UnitId]) -> UnitId:
    """The unit of a step's paragraph: its old block's, or for an inserted step its new block's."""
    if step.old_index is not None:
        return old_ids[step.old_index]
    if step.new_index is not None:
        return new_ids[step.new_index]
    raise ValueError("a step has an old block, a new block or both")


def _positions(ids: Sequence[K]) -> dict[K, list[int]]:
    """Where each unit id occurs, in order."""
    positions: dict[K, list[int]] = {}
    for index, ident in enumerate(ids):
        positions.setdefault(ident, []).append(index)
    return positions


def _place(ident: UnitId, block: Block, label: str | None) -> tuple[str, str | None]:
    p = block.provenance
    keyed = ident[0] not in ("pair", "old", "new")
    if keyed and p.finding:
        return f"{p.section} / {p.finding}", "paragraph" if p.section == INTRODUCTION else "finding"
    if block.kind == "heading":
        return p.section or label or block.text, "section"
    if block.kind in HEAD_KINDS:
        return block.kind, None
    return f"{label} / {'free text' if p.source == 'free' and p.section else block.kind}", None


def section_order(units: Sequence[Unit]) -> tuple[list[str], list[str]] | None:
    """The sections in old and new order, if the sections in both are not in the same order."""
    headings = [u for u in units if u.noun == "section"]
    old = [u for u in sorted(headings, key=lambda u: u.old_at) if u.old]
    new = [u for u in sorted(headings, key=lambda u: u.new_at) if u.new]
    common_old = [u.id for u in old if u.new]
    common_new = [u.id for u in new if u.old]
    if common_old == common_new:
        return None
    return [_heading_label(u.old_label) for u in old], [_heading_label(u.new_label) for u in new]


def _heading_label(label: str | None) -> str:
    """The section label of a side that has a heading, which always has one (only head kinds have none)."""
    if label is None:
        raise ValueError("a section heading without a section label")
    return label


def moves(units: Sequence[Unit]) -> dict[Hashable, str]:
    """Units that moved within their section (or to another), with where to: ``after iom``, ``to the start of …``."""
    moved: dict[Hashable, str] = {}
    both = [u for u in units if u.old and u.new and u.noun != "section"]
    for unit in both:
        if unit.old_label != unit.new_label:
            moved[unit.id] = f"from {unit.old_label} to {unit.new_label}"
    for label in dict.fromkeys(u.new_label for u in both):
        stay = [u for u in both if u.old_label == label == u.new_label]
        old_order = [u.id for u in sorted(stay, key=lambda u: u.old_at)]
        new_order = [u.id for u in sorted(stay, key=lambda u: u.new_at)]
        kept = {new_order[j] for _, j in heaviest_common(old_order, new_order, lambda a, b: 1.0 if a == b else None,
                                                         (old_order, new_order))}
        in_section = sorted((u for u in units if u.new and u.new_label == label), key=lambda u: u.new_at)
        for index, unit in enumerate(in_section):
            if unit.id in kept or unit not in stay:
                continue
            before = in_section[index - 1] if index else None
            if before is None or before.noun == "section":
                moved[unit.id] = f"to the start of {label}" if label else "to the start"
            else:
                moved[unit.id] = f"after {before.finding or before.place}"
    return moved
