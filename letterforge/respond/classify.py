"""Classify a paragraph's change by the block it touches: a parameter, a variant, a removal, a rewording …

:func:`classify` takes the block as the selection renders it (with its
provenance) and the words the force would have (None for a deletion), or no
block and the words of a new paragraph with the block before it, and returns
a :class:`~letterforge.respond.proposal.Proposal`.  Library wording is
recognised with the extract matcher (:class:`letterforge.extract.match.Units`):
the words a library variant renders exactly give that variant and its
parameter values; otherwise the closest variant of the finding and its
likeness describe a rewording.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..diff.compare import show
from ..extract.match import CLOSE_ENOUGH, Units
from ..letter import Block
from ..load.selection import Selection
from ..model import Inspection, Variant
from .head import head_addition, head_change, head_fields
from .proposal import Proposal

INTRO_BULLETS = ("the introduction's bullets are the inspection's standard wording (inspection.yaml); a selection "
                 "can reword only an introduction paragraph; make it by hand if accepted")
LEAD_IN = ("the lead-in line is the inspection's standard wording (inspection.yaml); a selection can only leave it "
           "out (lead_in: false); make the change by hand if accepted")

class Classifier:
    """Classifies changes to the blocks of one letter (the selection's, as rendered)."""

    def __init__(self, blocks: Sequence[Block], inspection: Inspection, selection: Selection | None = None) -> None:
        self.blocks = list(blocks)
        self.inspection = inspection
        self.selection = selection
        self.fields = head_fields(self.blocks, selection)
        self.units: Units[Variant] = Units.of_findings(inspection)
        self._index: dict[int, int] = {}
        seen: dict[str, list[object]] = {}
        for at, block in enumerate(self.blocks):
            section, chosen = block.provenance.section, block.provenance.selection
            if block.is_finding and section is not None and chosen is not None:
                places = seen.setdefault(section, [])
                if chosen not in places:
                    places.append(chosen)
                self._index[at] = places.index(chosen)

    # -------------------------------------------------------------- where
    def where(self, at: int) -> tuple[str, dict[str, str]]:
        """The place of block ``at`` in an inspector's terms, and its provenance as a mapping."""
        block = self.blocks[at]
        p = block.provenance
        if block.is_finding:
            name = p.finding or "text"
            info = {"section": p.section or "", "finding": name, **({"variant": p.variant} if p.variant else {})}
            return f"{p.section} / {name}", info
        if block.kind == "heading":
            return f"{p.section} / title", {"section": p.section or "", "field": "title"}
        if p.section == "introduction" and block.kind != "subject":
            part = p.finding or "lead-in"
            return f"introduction / {part}", {"section": "introduction", "part": part}
        field = self.fields.get(at, block.kind)
        return field, {"field": field}

    # -------------------------------------------------------------- classify
    def changed(self, at: int, after: str | None) -> Proposal:
        """The change of block ``at`` to ``after`` (None: the paragraph was deleted)."""
        block = self.blocks[at]
        where, info = self.where(at)
        if block.is_finding:
            return self._finding(at, where, info, after)
        p = block.provenance
        if block.kind == "heading" and p.section:
            if after is None:
                return Proposal(where, info, block.text, None, "removed", "section title removed", None,
                                note="a section's title cannot be removed; remove its findings instead")
            return Proposal(where, info, block.text, after, "title", f"title {block.text} -> {after}",
                            {"op": "set-title", "section": p.section, "title": after})
        if p.section == "introduction" and block.kind != "subject":
            return self._introduction(block, where, info, after)
        field = self.fields.get(at, block.kind)
        head = head_change(field, block.text, after, self.selection)
        return Proposal(where, info, block.text, after, "head", head.summary, head.edit, note=head.note)

    def _introduction(self, block: Block, where: str, info: dict[str, str], after: str | None) -> Proposal:
        """An introduction paragraph reworded (this letter's tweak), or a line of the introduction no selection holds."""
        part = block.provenance.finding
        summary = "introduction paragraph removed" if after is None else "introduction reworded"
        if part is None:  # the lead-in line
            if after is None:
                return Proposal(where, info, block.text, None, "introduction", "lead-in line removed",
                                {"op": "set-field", "field": "lead_in", "value": False})
            return Proposal(where, info, block.text, after, "introduction", "lead-in reworded", None, note=LEAD_IN)
        if block.kind != "paragraph":
            return Proposal(where, info, block.text, after, "introduction",
                            "introduction bullet removed" if after is None else "introduction bullet reworded",
                            None, note=INTRO_BULLETS)
        if after is None:
            return Proposal(where, info, block.text, None, "introduction", summary, None,
                            note="a selection cannot leave out a paragraph of the standard introduction, only "
                                 f"reword it (introduction: {{{part}: …}}); make it by hand if accepted")
        return Proposal(where, info, block.text, after, "introduction", summary,
                        {"op": "set-introduction", "part": part, "text": after})

    def _finding(self, at: int, where: str, info: dict[str, str], after: str | None) -> Proposal:
        block = self.blocks[at]
        p = block.provenance
        section = p.section or ""
        index = self._index.get(at, 0)
        target = {"section": section, "index": index, "finding": p.finding}
        if after is None:
            name = f"{p.finding}/{p.variant}" if p.variant else p.finding or "free text"
            return Proposal(where, info, block.text, None, "removed", f"finding removed ({name})",
                            {"op": "remove", **target})
        exact = self.units.exact(after)
        if exact is not None and exact.key.finding == p.finding and p.finding is not None:
            variant = exact.key
            values = {k: _plain(v) for k, v in exact.params.items()}
            if variant.id == p.variant and p.source == "library":
                old = {k: _plain(v) for k, v in p.params.items()}
                changed = {k: v for k, v in values.items() if old.get(k) != v}
                summary = ", ".join(f"{k} {show(old.get(k))} -> {show(v)}" for k, v in changed.items())
                return Proposal(where, info, block.text, after, "parameter", summary or "wording unchanged",
                                {"op": "set-parameters", **target, "variant": variant.id, "values": changed})
            return Proposal(where, info, block.text, after, "variant",
                            f"variant {p.variant or p.source} -> {variant.id}",
                            {"op": "switch-variant", **target, "variant": variant.id, "values": values})
        if p.finding is None:  # free text stays free text
            return Proposal(where, info, block.text, after, "reworded", "free text reworded",
                            {"op": "replace", **target, "entry": {"text": after}})
        close = self.units.closest(after, only=lambda v: v.finding == p.finding)
        likeness = f", {round(close.score)}% like {p.finding}/{close.key.id}" if close else ""
        return Proposal(where, info, block.text, after, "reworded", f"reworded{likeness}",
                        {"op": "replace", **target, "entry": {p.finding: {"text": after}}})

    def added(self, after_block: int | None, text: str, kind: str | None) -> Proposal:
        """A new paragraph ``text`` after block ``after_block`` (None: at the top)."""
        section, position = self._insertion_point(after_block)
        where = f"{section} / new paragraph" if section else "new paragraph"
        info = {"section": section} if section else {}
        if section is None:
            previous = self.fields.get(after_block) if after_block is not None else None
            following = self.fields.get(after_block + 1 if after_block is not None else 0)
            head = head_addition(previous, following, text)
            if head is not None:
                return Proposal("to.address", {"field": "to.address"}, None, text, "head", head.summary, head.edit)
            return Proposal(where, info, None, text, "added", "paragraph added outside the findings", None,
                            note="only findings, free paragraphs and the recipient's address lines can be added "
                                 "from the selection; add this by hand if accepted")
        exact = self.units.exact(text)
        if exact is not None and self.inspection.finding(exact.key.finding).section == section:
            variant = exact.key
            values = {k: _plain(v) for k, v in exact.params.items()}
            ref = f"{variant.finding}/{variant.id}"
            entry: Any = {ref: values} if values else ref
            return Proposal(where, {**info, "finding": variant.finding, "variant": variant.id}, None, text, "added",
                            f"finding added ({ref})", {"op": "insert", "section": section, "index": position,
                                                       "entry": entry})
        close = self.units.closest(text, only=lambda v: self.inspection.finding(v.finding).section == section)
        if close is not None and close.score >= CLOSE_ENOUGH:
            finding = close.key.finding
            return Proposal(where, {**info, "finding": finding}, None, text, "added",
                            f"paragraph added, bespoke text for {finding} ({round(close.score)}% like "
                            f"{finding}/{close.key.id})",
                            {"op": "insert", "section": section, "index": position,
                             "entry": {finding: {"text": text}}})
        return Proposal(where, info, None, text, "added", "paragraph added as free text",
                        {"op": "insert", "section": section, "index": position, "entry": {"text": text}})

    def _insertion_point(self, after_block: int | None) -> tuple[str | None, int]:
        """The section a paragraph after block ``after_block`` falls in, and its place among that section's entries."""
        if after_block is None:
            return None, 0
        block = self.blocks[after_block]
        if block.is_finding and block.provenance.section:
            return block.provenance.section, self._index.get(after_block, 0) + 1
        if block.kind == "heading" and block.provenance.section:
            return block.provenance.section, 0
        return None, 0


def _plain(value: object) -> object:
    """A parameter value as YAML writes it: dates as ISO text, the rest as they are."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
