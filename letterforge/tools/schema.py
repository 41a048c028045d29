"""A JSON Schema (draft 2020-12) of a selection of one inspection, for YAML editors.

Pure: an :class:`~letterforge.model.Inspection` and the library's signatories
and offices in, a schema (plain dicts and lists) out; :func:`schema_text` gives
the JSON a schema file holds.  The schema says what the loader
(:mod:`letterforge.load.selection`) says, in the terms an editor understands:

- the top-level keys, each described, the required ones required, no others;
- ``sections`` keyed by this inspection's section ids;
- each finding entry, in every form a selection may use, constrained to that
  section's findings: a lone ``finding/variant`` (or ``finding`` when it has one
  variant) where no parameter is required, ``finding/variant: {params}``,
  ``finding: {text: …}`` (bespoke wording) and ``text: …`` (a free paragraph);
- each variant's parameters typed (:mod:`letterforge.tools.schema_values`);
- ``from`` and ``letterhead`` as a key of people.yaml or an inline mapping.

Descriptions come from the library: the topic, judgement and phrasing of each
variant (so hovering a finding id in an editor shows its words), each
parameter's help, each section's and introduction paragraph's standard text.
"""

from __future__ import annotations

import json
from typing import Callable

from ..errors import LetterforgeError, Location
from ..language.phrasing import fold
from ..load.library import Library
from ..load.selection import DATE_POSITIONS, STATUSES
from ..model import JUDGEMENTS, Finding, Inspection, Office, Person, Section, Variant
from .schema_values import (IDENTIFIER_PATTERN, NAMED_LINE_PATTERN, NULL, Schema, date, described, filled_text,
                            boolean, line, lines, nullable, one_of, parameter, text)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE_PREFIX = "letterforge selection: "
MODELINE = "# yaml-language-server: $schema={}"
"""The first line of a selection that tells a YAML language server (VS Code's YAML extension …) its schema."""


def schema_file_name(inspection_id: str) -> str:
    """The name a selection's schema file has beside it: ``core-business-2014.schema.json``."""
    return f"{inspection_id}.schema.json"


def modeline(schema_path: str) -> str:
    """``# yaml-language-server: $schema=PATH`` (a path relative to the selection, or a URL)."""
    return MODELINE.format(schema_path)


def schema_text(schema: Schema) -> str:
    """The schema as the JSON text of a schema file: indented, key order kept, non-ASCII as written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def selection_schema(inspection: Inspection, people: dict[str, Person], offices: dict[str, Office]) -> Schema:
    """The JSON Schema of a selection of ``inspection``, signed by one of ``people`` or someone written out."""
    sections = {section.id: _section(section) for section in inspection.sections.values()}
    properties: dict[str, Schema] = {
        "inspection": described({"const": inspection.id}, f"The inspection: {inspection.title}.",
                                f"The inspection: **{inspection.title}** (`{inspection.id}`)."),
        "force": described(line(), "The police force the letter is to, e.g. Kent Police."),
        "date": described(date(), "The letter's date, YYYY-MM-DD (before the embargo lifts)."),
        "status": described(nullable(one_of(STATUSES)),
                            "draft (default) or final: a final letter is written only if every check passes."),
        "from": described(_signatory(people, offices), "Who signs: a signatory key of people.yaml, or "
                          "{name, letters, title, office} written out."),
        "letterhead": described(nullable(_office_choice(offices)), "Optional: another office's letterhead than "
                                "the signatory's: an office key of people.yaml, or {name, address}."),
        "to": described(_recipient(), "Who the letter is addressed to: name, and optionally letters, position "
                        "and address lines."),
        "salutation": described(line(), "The salutation, e.g. Dear Alan."),
        "introduction": described(nullable(_introduction(inspection)), "Optional: this letter's own wording for "
                                  "paragraphs of the standard introduction, by paragraph id."),
        "lead_in": described(nullable(boolean()), _lead_in_help(inspection)),
        "sections": described({"type": "object", "properties": sections, "additionalProperties": False},
                              "The findings under each section, by section id, in the letter's order."),
        "copy_to": described(nullable({"type": "array", "items": _copy_entry()}),
                             'Who the letter is copied to: "Name, Position" or {name, position} entries.'),
        "template": described(nullable({"type": "string", "pattern": IDENTIFIER_PATTERN}),
                              "Optional: another layout than letter (templates/NAME.j2)."),
        "date_position": described(nullable(one_of(DATE_POSITIONS)),
                                   "Where the date sits: before-address (default) or after-address."),
    }
    return {
        "$schema": DIALECT,
        "title": f"{TITLE_PREFIX}{inspection.title}",
        "description": f"One force's letter of the inspection {inspection.id}: which findings, in which "
                       "variant, with which parameters. Made by letterforge schema from the findings library.",
        "type": "object",
        "properties": properties,
        "required": ["inspection", "force", "date", "from", "to", "salutation", "sections"],
        "additionalProperties": False,
        "$defs": {_entry_key(section): _entry(section) for section in inspection.sections.values()},
    }


# ---------------------------------------------------------------- who writes, who receives


def _signatory(people: dict[str, Person], offices: dict[str, Office]) -> Schema:
    inline: Schema = {
        "type": "object",
        "properties": {
            "name": described(line(), "The signatory's name."),
            "letters": described(nullable(line()), "Optional letters after the name."),
            "title": described(line(), "The signatory's title, e.g. HM Inspector of Constabulary."),
            "office": described(nullable(_keys(offices, _office_words(offices))), "Optional: an office key of people.yaml "
                                "(its letterhead)."),
        },
        "required": ["name", "title"],
        "additionalProperties": False,
    }
    return {"anyOf": [_keys(people, _person_words(people)), inline]} if people else inline


def _office_choice(offices: dict[str, Office]) -> Schema:
    inline: Schema = {"type": "object",
                      "properties": {"name": described(line(), "The office's name, the letterhead's first line."),
                                     "address": described(lines(), "The office's postal lines.")},
                      "required": ["name"], "additionalProperties": False}
    return {"anyOf": [_keys(offices, _office_words(offices)), inline]} if offices else inline


def _keys(entries: dict[str, Person] | dict[str, Office], words: Callable[[str], str]) -> Schema:
    """One of the keys of ``entries``, each described by ``words(key)``; nothing matches when there are none."""
    return {"anyOf": [described({"const": key}, words(key)) for key in sorted(entries)]} if entries else {"not": {}}


def _recipient() -> Schema:
    return {"type": "object",
            "properties": {"name": described(line(), "The recipient's name, e.g. Mr Alan Pughsley."),
                           "letters": described(nullable(line()), "Optional letters after the name, e.g. QPM."),
                           "position": described(nullable(line()), "The recipient's position, e.g. Chief Constable."),
                           "address": described(lines(), "Optional postal lines.")},
            "required": ["name"], "additionalProperties": False}


def _copy_entry() -> Schema:
    short = {"type": ["string", "number", "boolean"], "pattern": NAMED_LINE_PATTERN}
    long: Schema = {"type": "object", "properties": {"name": line(), "position": nullable(line())},
                    "required": ["name"], "additionalProperties": False}
    return {"anyOf": [short, long]}


def _introduction(inspection: Inspection) -> Schema:
    paragraphs = {part.id: described(text(), f"Instead of: {fold(part.phrasing.source)}",
                                     f"This letter's wording instead of the standard paragraph:\n\n> "
                                     f"{fold(part.phrasing.source)}")
                  for part in inspection.introduction}
    return {"type": "object", "properties": paragraphs, "additionalProperties": False}


def _lead_in_help(inspection: Inspection) -> str:
    if inspection.lead_in:
        return f"Optional: false leaves out the line “{fold(inspection.lead_in)}”."
    return "Optional: false leaves out the lead-in line before the findings."


# ---------------------------------------------------------------- sections and their findings


def _entry_key(section: Section) -> str:
    return f"entry-{section.id}"


def _section(section: Section) -> Schema:
    entries: Schema = {"type": "array", "items": {"$ref": f"#/$defs/{_entry_key(section)}"}}
    titled: Schema = {"type": "object",
                      "properties": {"title": described(nullable(text()), f"This letter's title for the section "
                                                        f"(standard: {section.title})."),
                                     "findings": described(nullable(entries), "The section's findings in order.")},
                      "additionalProperties": False}
    return described({"anyOf": [NULL, entries, titled]}, f"{section.title}: a list of findings, or "
                     "{title, findings}.", f"**{section.title}** (`{section.id}`): a list of findings, or "
                     "`{title: …, findings: […]}` to retitle it.")


def _entry(section: Section) -> Schema:
    """One entry of the section: a lone id, an id mapped to its parameters or bespoke text, or free text.

    The loader also reads ``finding/`` as ``finding``; the schema accepts that
    spelling by pattern, so that editors accept it without offering it.
    """
    lone: list[Schema] = []
    mapped: dict[str, Schema] = {}
    slashed: dict[str, Schema] = {}
    for finding in section.findings.values():
        only = next(iter(finding.variants.values())) if len(finding.variants) == 1 else None
        if only is not None:
            if not only.required:
                lone.append(described({"const": finding.id}, *_variant_words(finding, only)))
                lone.append({"type": "string", "pattern": f"^{finding.id}/$"})
            mapped[finding.id] = described(_variant_value(only), *_variant_words(finding, only))
        else:
            mapped[finding.id] = described(_bespoke(None), *_finding_words(finding))
        slashed[f"^{finding.id}/$"] = mapped[finding.id]
        for variant in finding.variants.values():
            ref = f"{finding.id}/{variant.id}"
            if not variant.required:
                lone.append(described({"const": ref}, *_variant_words(finding, variant)))
            mapped[ref] = described(_variant_value(variant), *_variant_words(finding, variant))
    free: Schema = {"type": "object",
                    "properties": {"text": described(filled_text(), "A free paragraph that no library finding covers."),
                                   "judgement": _judgement()},
                    "required": ["text"], "additionalProperties": False}
    one_finding: Schema = {"type": "object", "properties": mapped, "patternProperties": slashed,
                           "additionalProperties": False, "minProperties": 1, "maxProperties": 1}
    return {"anyOf": [*lone, one_finding, free]}


def _variant_value(variant: Variant) -> Schema:
    """What ``finding/variant:`` may map to: its parameters, bespoke wording, or nothing when none is required."""
    params: Schema = {"type": "object", "properties": {name: parameter(p) for name, p in variant.params.items()},
                      "required": variant.required, "additionalProperties": False}
    forms = [params, _bespoke(variant)]
    return {"anyOf": forms if variant.required else [NULL, *forms]}


def _bespoke(variant: Variant | None) -> Schema:
    standard = f" (instead of: {fold(variant.phrasing.source)})" if variant is not None else ""
    return {"type": "object",
            "properties": {"text": described(filled_text(), f"This letter's own wording for the topic{standard}."),
                           "judgement": _judgement()},
            "required": ["text"], "additionalProperties": False}


def _judgement() -> Schema:
    return described(nullable(one_of(JUDGEMENTS)), "Optional: strength, improvement or neutral.")


def _variant_words(finding: Finding, variant: Variant) -> tuple[str, str]:
    """The plain and markdown description of a variant: its finding's topic, its judgement, phrasing and parameters."""
    phrasing = fold(variant.phrasing.source)
    plain = f"{variant.finding}/{variant.id} ({variant.judgement}) — {finding.topic}: {phrasing}"
    markdown = f"**{variant.finding}/{variant.id}** — {variant.judgement}\n\n*{finding.topic}*\n\n> {phrasing}"
    if variant.params:
        plain += " Parameters: " + "; ".join(f"{p.name}: {p.describe()}" for p in variant.params.values())
        markdown += "\n\nParameters:\n" + "\n".join(f"- `{p.name}`: {p.describe()}" for p in variant.params.values())
    return plain, markdown


def _finding_words(finding: Finding) -> tuple[str, str]:
    """A finding of several variants named alone: only bespoke wording may follow (a variant must be chosen)."""
    choices = ", ".join(f"{finding.id}/{v}" for v in finding.variants)
    plain = f"{finding.topic}: bespoke wording for this topic ({{text: …}}); to use the library's, name a " \
            f"variant: {choices}."
    markdown = f"**{finding.id}** — {finding.topic}\n\nBespoke wording for this topic (`{{text: …}}`); " \
               "to use the library's, name a variant:\n" + "\n".join(
                   f"- `{finding.id}/{v.id}` ({v.judgement}): {fold(v.phrasing.source)}"
                   for v in finding.variants.values())
    return plain, markdown


def _person_words(people: dict[str, Person]) -> Callable[[str], str]:
    return lambda key: f"{people[key].name}, {people[key].title}"


def _office_words(offices: dict[str, Office]) -> Callable[[str], str]:
    return lambda key: ", ".join((offices[key].name, *offices[key].address))


def library_schema(library: Library, inspection_id: str | None = None) -> tuple[Inspection, Schema]:
    """The schema of a selection of ``inspection_id`` in ``library`` (default: its one inspection).

    Raises a located error for an unknown inspection, a library with none, or
    several to choose from when none is named.
    """
    from .catalog import inspection as named_inspection, inspection_ids

    if inspection_id is None:
        known = inspection_ids(library)
        if len(known) > 1:
            raise LetterforgeError(f"the library has {len(known)} inspections", Location.of_file(library.root),
                                   "name one with --inspection: " + ", ".join(known))
        inspection_id = known[0]
    chosen = named_inspection(library, inspection_id)
    return chosen, selection_schema(chosen, library.people, library.offices)


def with_modeline(selection_text: str, inspection_id: str) -> str:
    """``selection_text`` with, as its first line, the modeline naming the schema file beside it."""
    return modeline(schema_file_name(inspection_id)) + "\n" + selection_text


def is_letterforge_schema(content: bytes) -> bool:
    """Whether ``content`` is a schema file letterforge wrote (so that writing a new one loses nothing)."""
    try:
        data = json.loads(content)
    except ValueError:
        return False
    return isinstance(data, dict) and str(data.get("title", "")).startswith(TITLE_PREFIX)
