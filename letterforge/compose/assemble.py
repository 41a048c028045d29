"""Assemble a letter: a resolved :class:`Selection` and a :class:`Layout` in, a :class:`Letter` out.

Pure: no files are read or written.  Each chosen variant's phrasing is filled
with the selection's parameters (in the sandbox); each text becomes a
:class:`~letterforge.compose.layout.Passage` carrying its provenance; the layout then
decides the order of the blocks.
"""

from __future__ import annotations

from typing import Any

from ..dates import long_date
from ..errors import Location, Problems
from .layout import Layout, Passage
from .views import IntroView, OfficeView, PersonView, RecipientView, SectionView
from ..letter import Letter, LetterMeta, Provenance, Source
from ..model import IntroPart, Office
from ..load.selection import Choice, Selection


EMBARGO_PLACEHOLDER = "[embargo date and time]"
"""Printed for ``{{ embargo }}`` while the inspection has no usable embargo (a check refuses it in a final letter)."""


def assemble(selection: Selection, layout: Layout) -> Letter:
    """Build the letter for ``selection`` with ``layout``.

    Raises :class:`~letterforge.errors.Problems` if a phrasing fails in the
    sandbox (each problem located at the phrasing).
    """
    inspection = selection.inspection
    problems = Problems()
    sections = []
    for section in selection.sections:
        findings = []
        for choice in section.choices:
            with problems.collecting():
                findings.append(_finding_passage(choice))
        title_source: Source = "bespoke" if section.title_is_bespoke else "library"
        title = Passage(section.title, Provenance(title_source, section=section.id, origin=section.location))
        sections.append(SectionView(section.id, title, tuple(findings)))
    introduction = []
    for part in inspection.introduction:
        with problems.collecting():
            introduction.append(_intro_view(part, selection))
    problems.raise_if_any()

    context = _head(selection) | {
        "introduction": introduction,
        "lead_in": _library(inspection.lead_in, section="introduction") if selection.lead_in else None,
        "sections": sections,
        "date_position": selection.date_position,
        "status": selection.status,
    }
    meta = LetterMeta(
        inspection=inspection.id, title=inspection.title, force=selection.force, date=selection.date,
        status=selection.status, author=selection.sender.name, recipient=selection.recipient.name_with_letters,
        embargo=inspection.embargo, selection=selection.path, template=layout.name,
        house_style=layout.house_style, inspection_location=selection.locations.get("inspection"),
        letterhead_image=selection.office.logo if selection.office else None)
    return Letter(meta, tuple(layout.blocks(context)))


def _library(text: str | None, **provenance: Any) -> Passage | None:
    return None if text is None else Passage(text, Provenance("library", **provenance))


def _free(text: str, origin: Location | None = None) -> Passage:
    return Passage(text, Provenance("free", origin=origin))


def _head(selection: Selection) -> dict[str, Any]:
    """Letterhead, sender, date, recipient, salutation, subject, signature and copy-to as passages
    (the names and fields of :mod:`letterforge.compose.views`)."""
    sender, office, recipient = selection.sender, selection.office, selection.recipient
    where = selection.locations.get
    to = where("to")
    return {
        "force": _free(selection.force, where("force")),
        "office": _office(office),
        "sender": PersonView(
            name=_text(sender.name), letters=_text(sender.letters), title=_text(sender.title),
            office=_office(sender.office), name_with_letters=_text(sender.name_with_letters)),
        "date": _free(long_date(selection.date), where("date")),
        "recipient": RecipientView(
            name=_free(recipient.name, to), letters=_free(recipient.letters, to),
            position=_free(recipient.position, to), address=tuple(_free(line, to) for line in recipient.address),
            name_with_letters=_free(recipient.name_with_letters, to)),
        "salutation": _free(selection.salutation, where("salutation")),
        "subject": _library(selection.inspection.title, section="introduction"),
        "copy_to": [{"name": _free(c.name, where("copy_to")), "position": _free(c.position, where("copy_to"))}
                    for c in selection.copy_to],
    }


def _text(text: str) -> Passage:
    return Passage(text, Provenance("library"))


def _office(office: Office | None) -> OfficeView | None:
    if office is None:
        return None
    return OfficeView(name=_text(office.name), address=tuple(_text(line) for line in office.address))


def _intro_view(part: IntroPart, selection: Selection) -> IntroView:
    inspection = selection.inspection
    values = {"title": inspection.title, "embargo": inspection.embargo or EMBARGO_PLACEHOLDER, "force": selection.force}
    override = selection.introduction.get(part.id)
    if override is not None:
        text = Passage(override.text, Provenance("bespoke", section="introduction", finding=part.id,
                                                 origin=override.location))
    else:
        text = Passage(part.phrasing.render(values), Provenance("library", section="introduction", finding=part.id,
                                                                origin=part.location))
    bullets = tuple(
        Passage(b.render(values), Provenance("library", section="introduction", finding=part.id, origin=b.location))
        for b in part.bullets)
    return IntroView(part.id, text, bullets)


def _finding_passage(choice: Choice) -> Passage:
    finding, variant = choice.finding, choice.variant
    provenance = Provenance(
        source=choice.source, section=choice.section,
        finding=finding.id if finding else None, variant=variant.id if variant else None,
        judgement=choice.judgement, params=dict(choice.params),
        origin=variant.phrasing.location if choice.source == "library" and variant else choice.location,
        selection=choice.location)
    if choice.text is not None:
        return Passage(choice.text, provenance)
    assert variant is not None
    values = {name: None for name in variant.params} | choice.params  # optional parameters left out are None
    text, spans = variant.phrasing.render_with_spans(values)
    return Passage(text, provenance, spans)
