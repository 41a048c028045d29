"""What ``letterforge extract`` tells the person who ran it: what became of each part of the letter."""

from __future__ import annotations

from ..dates import long_date
from ..wording import count
from .result import Extraction
from .roundtrip import RoundTrip


def report_lines(extraction: Extraction, round_trip: RoundTrip) -> list[str]:
    """The report: the letter read, its head, the introduction, the findings by source, stand-ins, round trip."""
    source, head = extraction.source, extraction.head
    lines = [f"read {source.path} as a letter of {extraction.inspection.id}: {len(extraction.blocks)} blocks"]
    sender = head.sender_key or head.sender.name
    lines.append(f"  from {sender} to {head.recipient.name}, dated {long_date(head.date)}")
    tweaks = ", ".join(f"'{t.part}'" for t in extraction.introduction)
    lines.append("  introduction: " + (f"library wording except {tweaks} (reworded)" if tweaks else "library wording")
                 + ("; lead-in present" if extraction.lead_in else "; no lead-in"))
    counts = {source: extraction.entries(source) for source in ("library", "bespoke", "free")}
    lines.append(f"  findings: {len(counts['library'])} from library wording, {len(counts['bespoke'])} bespoke, "
                 f"{len(counts['free'])} free")
    for section, entry in counts["bespoke"]:
        variant, closest = entry.variant, entry.likeness
        assert variant is not None and closest is not None, "a bespoke entry has its variant and likeness (see Entry)"
        lines.append(f"    bespoke  {source.label(entry.where)}  {section.id}: {variant.finding} "
                     f"(closest {closest.key.finding}/{closest.key.id}, {closest.score:.1f}% alike, "
                     f"{count(closest.edits, 'word edit')})")
    for section, entry in counts["free"]:
        lines.append(f"    free     {source.label(entry.where)}  {section.id}: {entry.note}")
    retitled = [s for s in extraction.sections if s.title_override is not None]
    for section in retitled:
        lines.append(f"  heading '{section.heading}' is section {section.id} (its own title)")
    if head.stand_ins:
        lines.append("  stand-ins (not in the letter; fill them in): " + ", ".join(head.stand_ins))
    lines.append("  round trip: " + _round_trip(round_trip))
    return lines


def _round_trip(round_trip: RoundTrip) -> str:
    scope = " from the salutation on" if round_trip.from_salutation else ""
    if not round_trip.differences:
        return f"the selection renders the letter block for block{scope} ({round_trip.compared} blocks)"
    return f"{count(len(round_trip.differences), 'difference')}{scope} (see the warnings)"
