"""The opening of a letter's body: the subject, the standard introduction (and any tweak), the lead-in.

Every paragraph and bullet of the inspection's introduction, and its lead-in
line, is compiled once with the title and embargo as the letter prints them
(an inspection with no usable embargo prints a placeholder, as a draft does;
``{{ force }}`` is something to recover).  Paragraphs of the letter are
matched to them in order; a paragraph the text splitter ran together with the
next is split where the parts match; a paragraph close to one of the
introduction's is this letter's own wording for it.  The introduction ends at
the first heading, or at the first paragraph that reads as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose.assemble import EMBARGO_PLACEHOLDER
from ..model import Inspection, Variant
from ..load.params import Param
from .findings import looks_like_heading
from .foot import CLOSING
from .match import CLOSE_ENOUGH, Units, is_subject, split_exact
from .result import IntroTweak, Notes, Paragraph, ReadBlock

LEAD_IN = ("lead-in", "")


@dataclass(frozen=True)
class IntroFound:
    """What the opening said: tweaks to the introduction, the lead-in, the force if it was printed."""

    tweaks: tuple[IntroTweak, ...]
    lead_in: bool
    force: str | None
    blocks: tuple[ReadBlock, ...]
    used: int
    """How many paragraphs (from the subject on) belong to the opening."""


def intro_units(inspection: Inspection) -> Units[tuple[str, str]]:
    """The introduction's paragraphs ``("paragraph", id)``, bullets ``("bullet", "<id> bullet <n>")`` and lead-in."""
    fixed = {"title": inspection.title, "embargo": inspection.embargo or EMBARGO_PLACEHOLDER}
    params = {"force": Param("force", "text", inspection.location, required=False)}
    phrasings = []
    for part in inspection.introduction:
        phrasings.append((("paragraph", part.id), part.phrasing, params, fixed))
        phrasings.extend((("bullet", f"{part.id} bullet {n}"), bullet, params, fixed)
                         for n, bullet in enumerate(part.bullets, start=1))
    units: Units[tuple[str, str]] = Units(phrasings)
    if inspection.lead_in:
        units.add_text(LEAD_IN, inspection.lead_in)
    return units


def read_introduction(paragraphs: list[Paragraph], inspection: Inspection, findings: Units[Variant],
                      notes: Notes) -> IntroFound:
    """Read the subject, introduction and lead-in from the paragraphs after the salutation."""
    blocks: list[ReadBlock] = []
    used = 0
    if paragraphs and is_subject(paragraphs[0].text, inspection):
        subject = paragraphs[0]
        blocks.append(ReadBlock("subject", subject.text, subject.where))
        if subject.text != inspection.title:
            notes.warn(subject.where, "the subject differs from the inspection's title; the selection prints the title")
        used = 1
    elif paragraphs:
        notes.warn(paragraphs[0].where, "no subject line after the salutation; the selection prints the title")

    units = intro_units(inspection)
    seen: set[tuple[str, str]] = set()
    tweaks: list[IntroTweak] = []
    force: str | None = None
    for paragraph in paragraphs[used:]:
        if looks_like_heading(paragraph, inspection) or CLOSING.match(paragraph.text):
            break
        if units.exact(paragraph.text) is None and (findings.exact(paragraph.text) or _reads_as_finding(
                paragraph.text, units, findings)):
            break
        used += 1
        for piece in split_exact(paragraph.text, units.exact, paragraph.joins) or [paragraph.text]:
            exact = units.exact(piece)
            if exact is not None:
                seen.add(exact.key)
                printed = exact.params.get("force")  # declared "text" above: a str when printed
                force = force or (printed if isinstance(printed, str) else None)
                blocks.append(ReadBlock("bullet" if exact.key[0] == "bullet" else "paragraph", piece, paragraph.where))
                continue
            blocks.append(ReadBlock("paragraph", piece, paragraph.where))
            close = units.closest(piece, only=lambda key: key[0] == "paragraph" and key not in seen)
            if close is not None and close.score >= CLOSE_ENOUGH:
                seen.add(close.key)
                tweaks.append(IntroTweak(close.key[1], piece, close))
            else:
                notes.warn(paragraph.where, "a paragraph that is not part of the standard introduction is left out",
                           "a selection can only reword the introduction's paragraphs")
    return IntroFound(tuple(tweaks), LEAD_IN in seen, force, tuple(blocks), used)


def _reads_as_finding(text: str, units: Units[tuple[str, str]], findings: Units[Variant]) -> bool:
    """True when ``text`` is more like a finding than any paragraph of the introduction."""
    finding = findings.closest(text)
    intro = units.closest(text)
    return finding is not None and finding.score >= CLOSE_ENOUGH and (intro is None or finding.score > intro.score)
