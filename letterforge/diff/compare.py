"""What changed between two drafts, one :class:`Change` per thing an inspector would name.

Blocks that belong together — a finding's bullet, an introduction paragraph
with its bullets — form a *unit*; units are found on both sides from
provenance, or from the pairing of :mod:`.align` for blocks without it.  A
unit on one side only was added or removed; on both sides its variant,
parameters or wording may have changed, or it may have moved among its
section's units.  Sections whose order changed give one line of their own.
A :class:`DraftComparison` carries both drafts with their :class:`Comparison`
to the renderers of :data:`letterforge.render.COMPARISON_FORMATS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Sequence

from ..letter import Block, Provenance
from .align import Step, align
from .units import Unit, find_units, moves, section_order
from .words import changed_span, shorten

if TYPE_CHECKING:
    from .inputs import Draft

ChangeKind = Literal["sections", "added", "removed", "variant", "parameter", "wording", "title", "text", "moved"]

WHOLE_VALUE = 60
"""Values up to this many characters are shown whole in a summary; longer ones by their changed words."""
LONGEST_SPAN = 100
"""Changed words beyond this many characters (a paragraph rewritten) are cut short in a summary."""
DEFAULT_AUTHOR = "letterforge"
"""Who a redline's tracked changes are by unless the user names someone."""


@dataclass(frozen=True)
class Change:
    """One change: what kind, where (``section / finding`` or a head field), and the values before and after."""

    change: ChangeKind
    place: str
    old: Any = None
    new: Any = None
    field: str | None = None
    """The parameter, or for an addition or removal what was added: ``finding``, ``section``, ``paragraph``."""
    section: str | None = None
    finding: str | None = None

    def summary(self) -> str:
        """The change as one line, e.g. ``preventing-crime / crime-prevention-training: trained 500 -> 650``."""
        return f"{self.place}: {_describe(self)}"


@dataclass(frozen=True)
class Comparison:
    """Two drafts compared: the merged steps (for redlines and text diffs) and the changes (for summaries)."""

    steps: tuple[Step, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class DraftComparison:
    """Two drafts and what changed between them: what every renderer of a comparison takes."""

    old: Draft
    new: Draft
    comparison: Comparison
    author: str = DEFAULT_AUTHOR
    """Who the redline's tracked changes are by."""


def compare_drafts(old: Draft, new: Draft, author: str = DEFAULT_AUTHOR) -> DraftComparison:
    """Compare two drafts' blocks; pure."""
    return DraftComparison(old, new, compare(old.blocks, new.blocks), author)


def summary_lines(comparison: Comparison) -> list[str]:
    """One line per change, as ``letterforge diff`` prints them."""
    return [change.summary() for change in comparison.changes]


def compare(old: Sequence[Block], new: Sequence[Block]) -> Comparison:
    """Compare two letters' blocks; pure."""
    steps = align(old, new)
    units = find_units(old, new, steps)
    changes: list[Change] = []
    order = section_order(units)
    if order is not None:
        changes.append(Change("sections", "sections", order[0], order[1], field="order"))
    moved = moves(units)
    for unit in units:
        changes.extend(_unit_changes(unit))
        if unit.id in moved:
            changes.append(Change("moved", unit.place, new=moved[unit.id], section=unit.section,
                                  finding=unit.finding))
    return Comparison(tuple(steps), tuple(changes))


def _unit_changes(unit: Unit) -> list[Change]:
    where = {"section": unit.section, "finding": unit.finding}
    if not unit.old or not unit.new:
        change: ChangeKind = "removed" if unit.new == () else "added"
        blocks = unit.old or unit.new
        detail = _wording(blocks[0].provenance) if unit.noun == "finding" else " ".join(b.text for b in blocks)
        value = {"old" if change == "removed" else "new": detail}
        return [Change(change, unit.place, field=unit.noun, **value, **where)]
    before, after = unit.old[0].provenance, unit.new[0].provenance
    if unit.noun == "finding":
        if _wording(before) != _wording(after):
            return [Change("variant", unit.place, _wording(before), _wording(after), **where)]
        if before.params != after.params:
            names = [*after.params, *(k for k in before.params if k not in after.params)]
            return [Change("parameter", unit.place, before.params.get(k), after.params.get(k), field=k, **where)
                    for k in names if before.params.get(k) != after.params.get(k)]
    old_text, new_text = (" ".join(b.text for b in blocks) for blocks in (unit.old, unit.new))
    if old_text == new_text:
        return []
    change = "title" if unit.noun == "section" else "wording" if unit.finding else "text"
    return [Change(change, unit.place, old_text, new_text, field="title" if change == "title" else None, **where)]


def _wording(p: Provenance) -> str:
    """``variant robust``, ``standard wording``, ``bespoke wording`` or ``free text``."""
    if p.source == "library":
        return f"variant {p.variant}" if p.variant else "standard wording"
    return "bespoke wording" if p.source == "bespoke" else "free text"


def show(value: Any) -> str:
    """A value as a summary prints it: dates ISO, nothing as ``(none)``."""
    if value is None:
        return "(none)"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _before_after(old: Any, new: Any) -> str:
    a, b = show(old), show(new)
    if len(a) > WHOLE_VALUE or len(b) > WHOLE_VALUE:
        a, b = (shorten(span, LONGEST_SPAN) for span in changed_span(a, b))
    return f"{a} -> {b}"


def _describe(change: Change) -> str:
    kind = change.change
    if kind == "sections":
        return f"order {', '.join(change.old)} -> {', '.join(change.new)}"
    if kind == "moved":
        return f"moved {change.new}"
    if kind in ("added", "removed"):
        detail = change.new if kind == "added" else change.old
        if change.field == "finding":
            return f"finding {kind} ({detail})"
        if change.field in ("section", "paragraph"):
            return f"{change.field} {kind}"
        return f"{kind} {shorten(detail)}"
    if kind == "variant":
        if change.old.startswith("variant ") and change.new.startswith("variant "):
            return f"variant {change.old.removeprefix('variant ')} -> {change.new.removeprefix('variant ')}"
        return f"{change.old} -> {change.new}"
    prefix = f"{change.field} " if change.field else "wording " if kind == "wording" else ""
    return prefix + _before_after(change.old, change.new)

