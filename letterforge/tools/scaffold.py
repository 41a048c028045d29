"""A new selection for one force: every finding of the inspection listed, ready to fill in.

Each finding is one entry under its section with its variants, their
judgements, wording and parameters as comments above it.  Whatever must be
decided is a ``TODO`` that ``letterforge check`` refuses until it is filled:
the date and signatory (not valid values), the variant of every finding
(``finding/TODO``, even where the finding has one variant: a letter holds
only findings somebody chose), and the parameters of a finding with one
variant (``TODO …``; a number or date ``TODO`` is the wrong type).  A person
keeps the findings that apply, in the letter's order, and deletes the rest.

A scaffold is a draft, and drafts render without an embargo: an inspection
whose embargo is missing or invalid still gets one, its date comment saying
the embargo is not set yet (:meth:`~letterforge.model.Inspection.embargo_warning`
says what is wrong with it and where).
"""

from __future__ import annotations

import re

from ..dates import embargo_phrase
from ..model import Finding, Inspection, Person, Variant
from ..language.phrasing import fold
from ..load.selection import TODO
from ..load.yamltext import YamlText

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
"""A Jinja2 tag in a phrasing: kept on one line of a comment."""


def scaffold_selection(inspection: Inspection, people: dict[str, Person], force: str) -> str:
    """The scaffold selection text for ``force`` in ``inspection``; ``people`` are the library's signatories."""
    out = YamlText()
    out.comment(f"A new letter of {inspection.id} to {force}.")
    out.comment(f"Replace every {TODO}. Under each section keep the findings that apply to this force, in the "
                "order the letter gives them; choose a variant for each (the comments above it give each "
                "variant's wording) and fill in its parameters; delete the rest. Then: letterforge check FILE")
    out.blank()
    out.field(0, "inspection", inspection.id)
    out.field(0, "force", force)
    out.raw(f"date: {TODO}  # the letter's date, YYYY-MM-DD; {_embargo_note(inspection)}")
    out.field(0, "status", "draft")
    signatories = "; ".join(f"{key} ({person.name}, {person.title})" for key, person in sorted(people.items()))
    out.comment(f"Who signs: {signatories or 'a key of people.yaml, or {name, title}'}")
    out.raw(f"from: {TODO}")
    out.field(0, "to")
    out.field(2, "name", f"{TODO} recipient's name")
    out.field(2, "position", f"{TODO} recipient's position", f"e.g. Chief Constable – {force}")
    out.field(0, "salutation", f"Dear {TODO}")
    _optional_keys(out, inspection)
    out.blank()
    out.raw("sections:")
    for section in inspection.sections.values():
        out.field(2, section.id, note=f"{section.title} (to retitle it: title: …, and the entries under findings:)")
        for finding in section.findings.values():
            _finding(out, finding)
    return out.text()


def _embargo_note(inspection: Inspection) -> str:
    """When the embargo lifts, or that it is not set yet (a final letter is refused until it is)."""
    if inspection.embargo is None:
        return "the inspection has no usable embargo yet (a final letter is refused until it has)"
    return f"the embargo lifts {embargo_phrase(inspection.embargo)}"


def _optional_keys(out: YamlText, inspection: Inspection) -> None:
    out.comment("Optional:")
    if inspection.lead_in:
        out.comment(f"lead_in: false   # leaves out the line “{inspection.lead_in}”")
    if inspection.introduction:
        ids = ", ".join(part.id for part in inspection.introduction)
        out.comment(f"introduction: {{<paragraph id>: this letter's own wording}}   # ids: {ids}")
    out.comment("copy_to: [\"Name, Position\"]   # the people the letter is copied to")


def _finding(out: YamlText, finding: Finding) -> None:
    """One finding: its variants as comments, then its entry as ``finding/TODO``.

    Every entry is a decision: even a finding with one variant is written
    ``finding/TODO``, which ``check`` refuses, so that a letter holds only
    findings somebody chose (filling in the head is not enough).
    """
    out.comment(f"{finding.id} — {finding.topic}", 4)
    for variant in finding.variants.values():
        _variant_comment(out, variant)
    variants = list(finding.variants.values())
    choose = ("choose a variant above, or delete the entry" if len(variants) > 1
              else f"keep it as {finding.id}/{variants[0].id}, or delete the entry")
    ref = f"{finding.id}/{TODO}"
    params = {name: param for variant in variants for name, param in variant.params.items()} \
        if len(variants) == 1 else {}
    if not params:
        out.item(4, ref, choose)
        return
    out.field(4, ref, item=True, note=choose)
    for name, param in params.items():
        note = None if param.required else "optional: delete the line to leave it out"
        out.field(8, name, TODO if param.type != "text" else f"{TODO} {param.help or name}".strip(), note)


def _variant_comment(out: YamlText, variant: Variant) -> None:
    wording = _TAG.sub(lambda tag: tag.group().replace(" ", "\u00a0"), fold(variant.phrasing.source))
    out.comment(f"{variant.id} ({variant.judgement}): {wording}", 6)
    for name, param in variant.params.items():
        out.comment(f"  {name}: {param.describe()}", 6)
