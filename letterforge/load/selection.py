"""Load a per-force selection and resolve it against the library.

A selection names the inspection, the force, the date, who signs and who
receives the letter, and which findings (and which variant of each) go under
each section.  Loading checks every name against the library and every
parameter against its declaration, so that assembling can no longer fail on
bad input.  See ``examples/kent.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from . import yamlnodes as y
from ..errors import LetterforgeError, Location, Problems
from ..letter import Source
from .library import Library, read_office, read_person
from ..model import JUDGEMENTS, Finding, Inspection, Office, Person, Variant
from .names import check_identifier, known_list, suggest, unknown
from .params import ParamValue
from ..language.phrasing import fold

STATUSES = ("draft", "final")
DATE_POSITIONS = ("before-address", "after-address")
DEFAULT_TEMPLATE = "letter"

TOP_KEYS = ("inspection", "force", "date", "status", "from", "letterhead", "to", "salutation",
            "introduction", "lead_in", "sections", "copy_to", "template", "date_position")
REQUIRED_KEYS = ("inspection", "force", "date", "from", "to", "salutation", "sections")
BESPOKE_KEYS = ("text", "judgement")

T = TypeVar("T")
D = TypeVar("D")


TODO = "TODO"
"""What a scaffold (``letterforge new``) writes wherever a person must decide: refused by the loader where a
value must be chosen (a variant, a signatory), and by the checks wherever it would be printed."""

@dataclass(frozen=True)
class Recipient:
    """Who the letter is addressed to."""

    name: str
    position: str = ""
    letters: str = ""
    address: tuple[str, ...] = ()

    @property
    def name_with_letters(self) -> str:
        return f"{self.name} {self.letters}".strip()


@dataclass(frozen=True)
class CopyTo:
    """Someone the letter is copied to."""

    name: str
    position: str = ""


@dataclass(frozen=True)
class Choice:
    """One entry of a section: a library variant with parameters, bespoke wording for a finding, or free text."""

    section: str
    location: Location
    finding: Finding | None = None
    variant: Variant | None = None
    params: dict[str, ParamValue] = field(default_factory=dict)
    text: str | None = None
    judgement: str | None = None

    @property
    def source(self) -> Source:
        if self.text is None:
            return "library"
        return "bespoke" if self.finding is not None else "free"


@dataclass(frozen=True)
class SectionChoice:
    """A section of the letter: its heading and its entries in order."""

    id: str
    title: str
    title_is_bespoke: bool
    choices: tuple[Choice, ...]
    location: Location


@dataclass(frozen=True)
class IntroOverride:
    """This letter's own wording for one paragraph of the standard introduction."""

    text: str
    location: Location


@dataclass(frozen=True)
class Selection:
    """One force's letter, every reference resolved against the library."""

    path: str
    """The file the selection was read from, as the file system names it (show it with ``display_path``)."""
    inspection: Inspection
    force: str
    date: dt.date
    status: str
    sender: Person
    office: Office | None
    recipient: Recipient
    salutation: str
    copy_to: tuple[CopyTo, ...]
    introduction: dict[str, IntroOverride]
    lead_in: bool
    sections: tuple[SectionChoice, ...]
    template: str
    date_position: str
    locations: dict[str, Location]
    """Where each top-level key's value was written (for checks that point at the selection)."""

    @property
    def stem(self) -> str:
        """The file name without its extension: the base name of every output."""
        return Path(self.path).stem


def load_selection(path: str | Path, library: Library) -> Selection:
    """Read the selection at ``path`` and resolve it against ``library``.

    Raises :class:`~letterforge.errors.Problems` listing every problem found,
    each located in the selection (or the library file at fault).
    """
    root = y.load_file(path)
    return read_selection(root, library, str(path))


def read_selection(root: y.Node, library: Library, path: str | None = None) -> Selection:
    """Resolve an already parsed selection document (see :func:`load_selection`) read from the file ``path``
    (default: the name the document is shown by)."""
    top = y.Mapping(root, "the selection")
    problems = Problems()  # every problem of the selection, reported in one run
    with problems.collecting():
        top.check_keys(TOP_KEYS, REQUIRED_KEYS)
    inspection_node = top.get("inspection")
    if inspection_node is None:  # nothing below can be read without it; the missing key is reported
        problems.raise_if_any()
        inspection_node = top.require("inspection")
    try:
        inspection = library.inspection(y.text(inspection_node, "inspection"), inspection_node.location)
    except LetterforgeError as e:  # with the key problems found so far
        problems.add(e)
        raise problems from None

    def field_of(key: str, read: Callable[[y.Node], T], default: D) -> T | D:
        """``read`` of the value of ``key``; ``default`` if it is absent, or if it is wrong (a problem recorded)."""
        node = top.get(key)
        if node is None:
            return default
        with problems.collecting():
            return read(node)
        return default

    force = field_of("force", lambda n: y.line(n, "force"), "")
    date = field_of("date", lambda n: y.date(n, "date"), dt.date.min)
    status = field_of("status", lambda n: _one_of(n, "status", STATUSES), "draft")
    sender = field_of("from", lambda n: _read_sender(n, library), None)
    office = field_of("letterhead", lambda n: _read_letterhead(n, library), sender.office if sender else None)
    recipient = field_of("to", _read_recipient, None)
    salutation = field_of("salutation", lambda n: y.line(n, "salutation"), "")
    copy_to = field_of("copy_to", _read_copy_to, ())
    introduction = field_of("introduction", lambda n: _read_intro_overrides(n, inspection), {})
    lead_in = field_of("lead_in", lambda n: y.boolean(n, "lead_in"), True)
    template = field_of("template", lambda n: check_identifier(y.text(n, "template"), "template", n.location),
                        DEFAULT_TEMPLATE)
    date_position = field_of("date_position", lambda n: _one_of(n, "date_position", DATE_POSITIONS),
                             DATE_POSITIONS[0])
    sections = field_of("sections", lambda n: _read_sections(n, inspection, problems), ())
    problems.raise_if_any()
    # "from" and "to" are required keys (check_keys above), so None here means their reading failed, and that
    # problem was just raised.
    assert sender is not None and recipient is not None
    locations = {key: (top.get(key) or top.key_node(key)).location for key in top}
    return Selection(path if path is not None else root.path, inspection, force, date, status, sender, office, recipient, salutation,
                     copy_to, introduction, lead_in, sections, template, date_position, locations)


def _one_of(node: y.Node, what: str, allowed: tuple[str, ...]) -> str:
    value = y.text(node, what)
    if value not in allowed:
        raise node.error(f"{what} must be one of {known_list(allowed)}, not '{value}'", suggest(value, allowed))
    return value


def _read_sender(node: y.Node, library: Library) -> Person:
    """``from:`` is a signatory key of people.yaml or an inline ``{name, letters, title, office}``."""
    if isinstance(node.raw, yaml.ScalarNode):
        key = y.text(node, "from")
        if key.strip() == TODO:
            people = "; ".join(f"{k} ({p.name}, {p.title})" for k, p in sorted(library.people.items()))
            raise node.error("from is still TODO: choose who signs the letter",
                             f"one of {people}, or write {{name: …, title: …}}" if people
                             else "the library has no signatories (people.yaml): write {name: …, title: …}")
        return library.person(key, node.location)
    return read_person("inline", node, "from", library.office)


def _read_letterhead(node: y.Node, library: Library) -> Office:
    """``letterhead:`` is an office key of people.yaml or an inline ``{name, address}``."""
    if isinstance(node.raw, yaml.ScalarNode):
        return library.office(y.text(node, "letterhead"), node.location)
    return read_office("letterhead", node)


def _read_recipient(node: y.Node) -> Recipient:
    m = y.Mapping(node, "to")
    m.check_keys(("name", "letters", "position", "address"), required=("name",))
    address = y.line_list(address_node, "address") if (address_node := m.get("address")) is not None else ()
    return Recipient(y.line(m.require("name"), "name"), y.optional_line(m, "position"), y.optional_line(m, "letters"),
                     address)


def _read_copy_to(node: y.Node) -> tuple[CopyTo, ...]:
    """A list of ``"Name, Position"`` texts or ``{name, position}`` mappings."""
    entries = []
    for item in y.sequence(node, "copy_to"):
        if isinstance(item.raw, yaml.ScalarNode):
            name, _, position = y.line(item, "copy_to").partition(",")
            if not name.strip():
                raise item.error("copy_to names nobody", "write 'Name, Position' or {name: …, position: …}")
            entries.append(CopyTo(name.strip(), position.strip()))
        else:
            m = y.Mapping(item, "a copy_to entry")
            m.check_keys(("name", "position"), required=("name",))
            entries.append(CopyTo(y.line(m.require("name"), "name"), y.optional_line(m, "position")))
    return tuple(entries)


def _read_intro_overrides(node: y.Node, inspection: Inspection) -> dict[str, IntroOverride]:
    """``introduction: {paragraph-id: "this letter's wording"}``."""
    known = [part.id for part in inspection.introduction]
    overrides = {}
    for part_id, value in y.Mapping(node, "introduction").items():
        if part_id not in known:
            raise unknown("introduction paragraph", part_id, known, value.location)
        overrides[part_id] = IntroOverride(y.text(value, f"introduction '{part_id}'").strip(), value.location)
    return overrides


def _read_sections(node: y.Node, inspection: Inspection, problems: Problems) -> tuple[SectionChoice, ...]:
    sections = []
    entries = y.Mapping(node, "sections")
    for section_id, value in entries.items():
        with problems.collecting():
            key_location = entries.key_node(section_id).location
            if section_id not in inspection.sections:
                raise unknown("section", section_id, inspection.sections, key_location,
                              f" in inspection '{inspection.id}'")
            sections.append(_read_section(section_id, value, key_location, inspection, problems))
    return tuple(sections)


def _read_section(section_id: str, node: y.Node, location: Location, inspection: Inspection,
                  problems: Problems) -> SectionChoice:
    """A section is a list of entries, or ``{title: …, findings: [entries]}``."""
    section = inspection.sections[section_id]
    title, bespoke_title, entries = section.title, False, None
    if node.is_null:
        entries = []
    elif isinstance(node.raw, yaml.MappingNode):
        m = y.Mapping(node, f"section '{section_id}'")
        m.check_keys(("title", "findings"))
        if (title_node := m.get("title")) is not None:
            title = y.text(title_node, "title").strip()
            bespoke_title = title != section.title
        entries = y.sequence(findings_node, "findings") if (findings_node := m.get("findings")) is not None else []
    else:
        entries = y.sequence(node, f"section '{section_id}'")
    choices = []
    for entry in entries:
        with problems.collecting():
            choices.append(_read_choice(entry, section_id, inspection))
    return SectionChoice(section_id, title, bespoke_title, tuple(choices), location)


def _read_choice(node: y.Node, section_id: str, inspection: Inspection) -> Choice:
    """One entry: ``finding/variant``, ``finding/variant: {params}``, ``finding: {text: …}`` or ``text: …``."""
    if isinstance(node.raw, yaml.ScalarNode):
        ref, value = y.text(node, "a finding"), None
        ref_node = node
    else:
        m = y.Mapping(node, "a finding entry")
        if "text" in m:  # free text, no library topic
            m.check_keys(BESPOKE_KEYS, required=("text",))
            return Choice(section_id, node.location, text=_bespoke_text(m), judgement=_judgement(m))
        if len(m) != 1:
            raise node.error("a finding entry must name one finding",
                             "write '- finding/variant: {param: value}' or '- text: …'")
        ref = next(iter(m))
        ref_node, value = m.key_node(ref), m.get(ref)
    finding, variant = _resolve(ref.strip(), ref_node.location, section_id, inspection)
    if value is not None:
        values = y.Mapping(value, f"finding '{finding.id}'")
        if "text" in values:  # bespoke wording for a library topic
            values.check_keys(BESPOKE_KEYS, required=("text",))
            judgement = _judgement(values) or (variant.judgement if variant else None)
            return Choice(section_id, ref_node.location, finding, variant, text=_bespoke_text(values),
                          judgement=judgement)
    else:
        values = None
    if variant is None:
        variant = _only_variant(finding, ref_node.location)
    return Choice(section_id, ref_node.location, finding, variant, _read_params(values, variant, ref_node),
                  judgement=variant.judgement)


def _resolve(ref: str, location: Location, section_id: str, inspection: Inspection) -> tuple[Finding, Variant | None]:
    finding_id, _, variant_id = ref.partition("/")
    section = inspection.sections[section_id]
    if finding_id not in section.findings:
        elsewhere = inspection.find(finding_id)
        if elsewhere is not None:
            raise LetterforgeError(f"finding '{finding_id}' is not in section '{section_id}'", location,
                                   f"it belongs to section '{elsewhere.section}'")
        raise unknown("finding", finding_id, section.findings, location, f" in section '{section_id}'")
    finding = section.findings[finding_id]
    if not variant_id:
        return finding, None
    if variant_id not in finding.variants:
        if variant_id == TODO:  # a scaffold's entry nobody has decided yet
            raise LetterforgeError(f"finding '{finding_id}' is still TODO: choose its variant, or delete the entry",
                                   location, "one of " + ", ".join(f"'{finding_id}/{v}'" for v in finding.variants))
        raise unknown("variant", variant_id, finding.variants, location, f" of finding '{finding_id}'")
    return finding, finding.variants[variant_id]


def _only_variant(finding: Finding, location: Location) -> Variant:
    if len(finding.variants) == 1:
        return next(iter(finding.variants.values()))
    raise LetterforgeError(f"finding '{finding.id}' has {len(finding.variants)} variants; name one", location,
                           "write " + " or ".join(f"'{finding.id}/{v}'" for v in finding.variants))


def _read_params(values: y.Mapping | None, variant: Variant, ref_node: y.Node) -> dict[str, ParamValue]:
    given: dict[str, ParamValue] = {}
    problems = Problems()
    misspelt: set[str] = set()  # declared names an unknown parameter was probably meant to be
    if values is not None:
        for name, node in values.items():
            with problems.collecting():
                if name not in variant.params:
                    import difflib  # only a mistake needs it

                    declared = list(variant.params)
                    misspelt.update(difflib.get_close_matches(name, declared, n=1, cutoff=0.6))
                    hint = suggest(name, declared) or (
                        f"variant '{variant.id}' takes {known_list(declared)}" if declared
                        else f"variant '{variant.id}' takes no parameters")
                    raise LetterforgeError(f"unknown parameter '{name}' for {variant.finding}/{variant.id}",
                                           values.key_node(name).location, hint)
                given[name] = variant.params[name].read(node)
    for name in variant.required:
        if name not in given and not (values and name in values) and name not in misspelt:
            param = variant.params[name]
            help_text = f" ({param.help})" if param.help else ""
            problems.add(LetterforgeError(
                f"missing parameter '{name}' for {variant.finding}/{variant.id}{help_text}", ref_node.location,
                f"write '{variant.finding}/{variant.id}: {{{name}: …}}'"))
    problems.raise_if_any()
    return given


def _bespoke_text(m: y.Mapping) -> str:
    value = y.text(m.require("text"), "text").strip()
    if not value:
        raise m.require("text").error("text is empty")
    return fold(value)


def _judgement(m: y.Mapping) -> str | None:
    node = m.get("judgement")
    return _one_of(node, "judgement", JUDGEMENTS) if node is not None else None
