"""An :class:`~letterforge.extract.result.Extraction` as selection YAML a person wants to edit.

Ordered like the letter: who and when, the recipient and salutation, any
tweak to the introduction, the sections with their findings in letter order,
the copies.  Library findings are written ``finding/variant`` with their
parameters; each bespoke paragraph carries a comment naming the closest
variant and how alike it is; each free paragraph says why it is free; every
stand-in for something the letter did not show is marked ``TODO`` or
commented as a stand-in.
"""

from __future__ import annotations

from ..wording import count
from ..load.yamltext import YamlText
from .match import CLOSE_ENOUGH
from .result import Entry, Extraction, Head, SectionFound


def selection_yaml(extraction: Extraction) -> str:
    """The selection text for ``extraction``."""
    out = YamlText()
    _preamble(out, extraction)
    head = extraction.head
    out.field(0, "inspection", extraction.inspection.id)
    out.field(0, "force", head.force, _stand_in(head, "force"))
    out.field(0, "date", head.date, _stand_in(head, "date"))
    out.field(0, "status", "draft")
    _sender(out, head)
    _letterhead(out, head)
    _recipient(out, head)
    if head.date_position != "before-address":
        out.field(0, "date_position", head.date_position)
    out.field(0, "salutation", head.salutation, _stand_in(head, "salutation"))
    if extraction.introduction:
        out.field(0, "introduction")
        for tweak in extraction.introduction:
            out.comment(f"this letter's own wording of '{tweak.part}' (the library's: "
                        f"{_alike(tweak.likeness.score, tweak.likeness.edits)})", 2)
            out.field(2, tweak.part, tweak.text)
    if not extraction.lead_in:
        out.raw("lead_in: false")
    out.blank()
    out.raw("sections:" if extraction.sections else "sections: {}")
    for section in extraction.sections:
        _section(out, section)
    if head.copy_to:
        out.blank()
        out.field(0, "copy_to")
        for person in head.copy_to:
            out.field(2, "name", person.name, item=True)
            if person.position:
                out.field(4, "position", person.position)
    return out.text()


def _preamble(out: YamlText, extraction: Extraction) -> None:
    counts = {source: len(extraction.entries(source)) for source in ("library", "bespoke", "free")}
    out.comment(f"Extracted from {extraction.source.path} by letterforge extract.")
    out.comment(f"Findings: {counts['library']} in library wording, {counts['bespoke']} bespoke, "
                f"{counts['free']} free text.")
    if extraction.head.stand_ins:
        out.comment("The letter did not show " + ", ".join(f"'{key}'" for key in extraction.head.stand_ins)
                    + ": the values written for them are stand-ins (TODO or commented): fill them in.")
    out.blank()


def _stand_in(head: Head, key: str) -> str | None:
    reason = head.stand_ins.get(key)
    return f"stand-in: {reason}" if reason else None


def _sender(out: YamlText, head: Head) -> None:
    if head.sender_key is not None:
        out.field(0, "from", head.sender_key)
        return
    out.field(0, "from", note=_stand_in(head, "from") or "not a signatory of the library's people.yaml")
    out.field(2, "name", head.sender.name)
    if head.sender.letters:
        out.field(2, "letters", head.sender.letters)
    out.field(2, "title", head.sender.title)


def _letterhead(out: YamlText, head: Head) -> None:
    """The letterhead as a library key or inline; nothing when ``head.letterhead`` is None (the sender's own office)."""
    office = head.letterhead
    if office is None:
        return
    if head.letterhead_key is not None:
        out.field(0, "letterhead", head.letterhead_key)
        return
    out.field(0, "letterhead", note="as the letter shows it; not an office of the library's people.yaml")
    out.field(2, "name", office.name)
    out.values(2, "address", office.address)


def _recipient(out: YamlText, head: Head) -> None:
    out.field(0, "to", note=_stand_in(head, "to"))
    out.field(2, "name", head.recipient.name)
    if head.recipient.position:
        out.field(2, "position", head.recipient.position)
    out.values(2, "address", head.recipient.address)


def _section(out: YamlText, section: SectionFound) -> None:
    out.field(2, section.id)
    indent = 4
    if section.title_override is not None:
        out.field(4, "title", section.title_override, f"the library's title: {section.library_title}")
        out.field(4, "findings")
        indent = 6
    for entry in section.entries:
        _entry(out, entry, indent)


def _entry(out: YamlText, entry: Entry, indent: int) -> None:
    if entry.source == "library":
        variant = entry.variant
        assert variant is not None, "a library entry names its variant (see Entry)"
        ref = f"{variant.finding}/{variant.id}"
        if not entry.params:
            out.item(indent, ref)
            return
        out.field(indent, ref, item=True)
        for name, value in entry.params.items():
            out.field(indent + 4, name, value)
        return
    if entry.source == "bespoke":
        variant, closest = entry.variant, entry.likeness
        assert variant is not None and closest is not None, "a bespoke entry has its variant and likeness (see Entry)"
        out.comment(f"bespoke: reworded library text; the closest is {closest.key.finding}/{closest.key.id} "
                    f"({_alike(closest.score, closest.edits)})", indent)
        out.field(indent, variant.finding, item=True)
        out.field(indent + 4, "text", entry.text)
        return
    reason = entry.note or "no library finding is close"
    if entry.likeness is not None and entry.likeness.score < CLOSE_ENOUGH:
        reason += (f" (the closest, {entry.likeness.key.finding}/{entry.likeness.key.id}, is "
                   f"{entry.likeness.score:.0f}% alike; {CLOSE_ENOUGH:.0f}% would count as reworded)")
    out.comment(f"free text: {reason}", indent)
    out.field(indent, "text", entry.text, item=True)


def _alike(value: float, edits: int) -> str:
    """``99.7% alike, 1 word differs``."""
    return f"{value:.1f}% alike, {count(edits, 'word')} {'differs' if edits == 1 else 'differ'}"
