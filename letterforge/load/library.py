"""Load the findings library: ``people.yaml`` and one folder per inspection.

::

    findings_library/
      people.yaml                  offices and signatories
      core-business-2014/
        inspection.yaml            title, embargo, introduction, lead-in, sections
        preventing-crime.yaml      the findings of one section
        ...

Inspections are read on first use and kept; every problem found in a file is
reported together, each at its line and column.  :meth:`Library.inspection_with_problems`
gives what could be read alongside every problem, for ``library lint``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable

from . import yamlnodes as y
from ..dates import NotALondonTime, embargo_instant
from ..errors import LetterforgeError, Location, Problems, display_path
from ..model import JUDGEMENTS, Finding, Inspection, IntroPart, Office, Person, Section, Variant
from .names import check_identifier, known_list, unknown
from .images import read_logo
from .params import read_param
from ..language.phrasing import Phrasing, compile_phrasing

INTRO_VARIABLES = frozenset({"title", "embargo", "force"})
"""What a paragraph of the introduction may use: the inspection title, the embargo instant, the force's name."""

PEOPLE_FILE = "people.yaml"
INSPECTION_FILE = "inspection.yaml"


class Library:
    """A findings library folder; inspections and signatories are loaded lazily and cached."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise LetterforgeError("findings library folder not found", Location(display_path(self.root)),
                                   "pass --library DIR or set LETTERFORGE_LIBRARY")
        self._inspections: dict[str, Inspection] = {}
        self._offices: dict[str, Office] | None = None
        self._people: dict[str, Person] | None = None

    # ---------------------------------------------------------- inspections

    def inspection_ids(self) -> list[str]:
        """The inspections in this library (folders holding an ``inspection.yaml`` file), sorted."""
        return sorted(p.parent.name for p in self.root.glob(f"*/{INSPECTION_FILE}") if p.is_file())

    def inspection(self, inspection_id: str, location: Location | None = None) -> Inspection:
        """The inspection named ``inspection_id``; ``location`` is where the name was written."""
        if inspection_id not in self._inspections:
            check_identifier(inspection_id, "inspection", location)
            if not (self.root / inspection_id / INSPECTION_FILE).is_file():
                known = self.inspection_ids()
                if not known:
                    empty = no_inspections(self.root)
                    raise LetterforgeError(f"unknown inspection '{inspection_id}': {empty.location} holds no "
                                           f"inspections (no <id>/{INSPECTION_FILE})", location, empty.hint)
                raise unknown("inspection", inspection_id, known, location)
            inspection, problems = self.inspection_with_problems(inspection_id)
            problems.raise_if_any()
            assert inspection is not None
            self._inspections[inspection_id] = inspection
        return self._inspections[inspection_id]

    def inspection_with_problems(self, inspection_id: str) -> tuple[Inspection | None, Problems]:
        """Read the inspection ``inspection_id`` (one of :meth:`inspection_ids`) without stopping at problems.

        Returns what could be read — without the findings or variants that
        could not be — and every problem found; the inspection is None when
        even ``inspection.yaml`` could not be read.  Nothing is cached.
        """
        problems = Problems()
        try:
            return _load_inspection(inspection_id, self.root / inspection_id, problems), problems
        except LetterforgeError as e:
            problems.add(e)
            return None, problems

    def files(self) -> list[Path]:
        """Every file a command may read from this library: ``people.yaml``, each inspection's YAML files and
        the layouts and house styles of its ``templates/`` (which no output may be written over)."""
        found = [self.root / PEOPLE_FILE]
        for inspection_id in self.inspection_ids():
            found.extend(sorted((self.root / inspection_id).glob("*.yaml")))
        own = self.root / "templates"
        if own.is_dir():
            found.extend(sorted(p for p in own.iterdir() if p.is_file()))
        return found

    # ---------------------------------------------------------- people

    @property
    def people(self) -> dict[str, Person]:
        """Signatories by key."""
        if self._people is None:
            self._load_people()
        assert self._people is not None
        return self._people

    @property
    def offices(self) -> dict[str, Office]:
        """Offices (letterheads) by key."""
        if self._offices is None:
            self._load_people()
        assert self._offices is not None
        return self._offices

    def person(self, key: str, location: Location | None) -> Person:
        """The signatory ``key``, or a located error with a did-you-mean."""
        check_identifier(key, "signatory", location)
        if key not in self.people:
            raise unknown("signatory", key, self.people, location, f" in {PEOPLE_FILE}")
        return self.people[key]

    def office(self, key: str, location: Location | None) -> Office:
        """The office ``key``, or a located error with a did-you-mean."""
        check_identifier(key, "office", location)
        if key not in self.offices:
            raise unknown("office", key, self.offices, location, f" in {PEOPLE_FILE}")
        return self.offices[key]

    def _load_people(self) -> None:
        path = self.root / PEOPLE_FILE
        if not path.exists():
            self._offices, self._people = {}, {}
            return
        top = y.Mapping(y.load_file(path), PEOPLE_FILE)
        top.check_keys(("offices", "signatories"))
        problems = Problems()
        offices: dict[str, Office] = {}
        if (node := top.get("offices")) is not None:
            for key, value in y.Mapping(node, "offices").items():
                with problems.collecting():
                    offices[key] = read_office(key, value)
        people: dict[str, Person] = {}
        if (node := top.get("signatories")) is not None:
            for key, value in y.Mapping(node, "signatories").items():
                with problems.collecting():
                    people[key] = read_person(key, value, f"signatory '{key}'", partial(_office_among, offices))
        problems.raise_if_any()
        self._offices, self._people = offices, people


@lru_cache(maxsize=4)
def library_at(root: Path) -> Library:
    """The findings library at ``root``, opened once per process.

    Its inspections load on first use and stay, so the jobs of a batch, and
    the worker processes forked after the first of them, share one library.
    """
    return Library(root)


def no_inspections(root: Path) -> LetterforgeError:
    """The error for a library folder ``root`` that holds no inspection, with a hint for the likely mistake."""
    if (root / INSPECTION_FILE).is_file():
        hint = "this is one inspection's folder: give the folder above it"
    else:
        hint = f"give the findings library: the folder holding {PEOPLE_FILE} and one folder per inspection"
    return LetterforgeError(f"no inspections here (no <id>/{INSPECTION_FILE})", Location.of_file(root), hint)


def read_office(key: str, node: y.Node) -> Office:
    """An office: ``{name: …, address: [line, …], logo: {file: …, alt: …}}`` (the logo optional, see
    :func:`~letterforge.load.images.read_logo`)."""
    m = y.Mapping(node, f"office '{key}'")
    m.check_keys(("name", "address", "logo"), required=("name",))
    address = y.line_list(address_node, "address") if (address_node := m.get("address")) is not None else ()
    logo = read_logo(logo_node) if (logo_node := m.get("logo")) is not None else None
    return Office(key, y.line(m.require("name"), "name"), address, logo)


def read_person(key: str, node: y.Node, what: str, office_named: Callable[[str, Location], Office]) -> Person:
    """A signatory ``{name, letters, title, office}`` (``what`` in messages), its ``office`` key resolved by
    ``office_named`` (which raises a located error for an unknown key)."""
    m = y.Mapping(node, what)
    m.check_keys(("name", "letters", "title", "office"), required=("name", "title"))
    office_node = m.get("office")
    office = office_named(y.text(office_node, "office"), office_node.location) if office_node is not None else None
    return Person(key, y.line(m.require("name"), "name"), y.line(m.require("title"), "title"),
                  office, y.optional_line(m, "letters"), m.location)


def _office_among(offices: dict[str, Office], key: str, location: Location) -> Office:
    """The office ``key`` of people.yaml's ``offices`` as read so far, or a located error with a did-you-mean."""
    if key not in offices:
        raise unknown("office", key, offices, location)
    return offices[key]


# ---------------------------------------------------------------- inspections


def _load_inspection(inspection_id: str, folder: Path, problems: Problems) -> Inspection:
    """The inspection in ``folder``; problems below the top level are added to ``problems``."""
    top = y.Mapping(y.load_file(folder / INSPECTION_FILE), INSPECTION_FILE)
    top.check_keys(("title", "embargo", "introduction", "lead_in", "sections"), required=("title", "sections"))
    title = y.text(top.require("title"), "title")
    embargo, embargo_problem = _read_embargo(top)

    introduction: dict[str, IntroPart] = {}
    if (node := top.get("introduction")) is not None:
        for item in y.sequence(node, "introduction"):
            with problems.collecting():
                part = _read_intro_part(item)
                if part.id in introduction:
                    raise LetterforgeError(f"duplicate introduction paragraph '{part.id}'", part.location,
                                           f"first given at line {introduction[part.id].location.line}")
                introduction[part.id] = part
    lead_in = y.text(node, "lead_in") if (node := top.get("lead_in")) is not None else None

    sections: dict[str, Section] = {}
    for item in y.sequence(top.require("sections"), "sections"):
        with problems.collecting():
            m = y.Mapping(item, "a section")
            m.check_keys(("id", "title"), required=("id", "title"))
            id_node = m.require("id")
            section_id = check_identifier(y.text(id_node, "id"), "section", id_node.location)
            if section_id in sections:
                raise id_node.error(f"duplicate section '{section_id}'")
            section_file = folder / f"{section_id}.yaml"
            if not section_file.is_file():
                raise id_node.error(f"section '{section_id}' has no file {display_path(section_file)}")
            sections[section_id] = _load_section(section_id, y.text(m.require("title"), "title"), section_file, problems)
    _check_unique_findings(sections, problems)
    return Inspection(inspection_id, title, embargo, embargo_problem, tuple(introduction.values()),
                      lead_in, sections, top.location)


def _read_embargo(top: y.Mapping) -> tuple[dt.datetime | None, LetterforgeError | None]:
    """The embargo instant, or what is wrong with it, located (drafts render without one)."""
    node = top.get("embargo")
    if node is None:
        where = top.location if "embargo" not in top else top.key_node("embargo").location
        return None, LetterforgeError(
            "the inspection has no embargo instant", where, "add  embargo: YYYY-MM-DD HH:MM  (Europe/London)")
    try:
        return embargo_instant(y.timestamp(node, "embargo")), None
    except LetterforgeError as e:
        return None, e
    except NotALondonTime as e:
        return None, node.error(f"embargo {node.raw.value.strip()} {e}", "choose another time")


def _read_intro_part(node: y.Node) -> IntroPart:
    m = y.Mapping(node, "an introduction paragraph")
    m.check_keys(("id", "text", "bullets"), required=("id", "text"))
    id_node = m.require("id")
    part_id = check_identifier(y.text(id_node, "id"), "introduction paragraph", id_node.location)
    phrasing = _intro_phrasing(m.require("text"))
    bullets_node = m.get("bullets")
    bullets = tuple(_intro_phrasing(b) for b in y.sequence(bullets_node, "bullets")) if bullets_node is not None else ()
    return IntroPart(part_id, phrasing, bullets, m.location)


def _intro_phrasing(node: y.Node) -> Phrasing:
    phrasing = compile_phrasing(y.text(node, "text"), node.location)
    for name in sorted(phrasing.variables - INTRO_VARIABLES):
        raise node.error(f"introduction uses {{{{ {name} }}}}, which is not available",
                         f"an introduction may use {known_list(INTRO_VARIABLES)}")
    return phrasing


def _load_section(section_id: str, title: str, path: Path, problems: Problems) -> Section:
    top = y.Mapping(y.load_file(path), path.name)
    top.check_keys(("findings",), required=("findings",))
    entries = y.Mapping(top.require("findings"), "findings")
    findings: dict[str, Finding] = {}
    for finding_id, node in entries.items():
        with problems.collecting():
            check_identifier(finding_id, "finding", entries.key_node(finding_id).location)
            findings[finding_id] = _read_finding(section_id, finding_id, node, problems)
    return Section(section_id, title, findings, top.location)


def _read_finding(section_id: str, finding_id: str, node: y.Node, problems: Problems) -> Finding:
    m = y.Mapping(node, f"finding '{finding_id}'")
    m.check_keys(("topic", "variants"), required=("variants",))
    topic = y.text(topic_node, "topic") if (topic_node := m.get("topic")) is not None else finding_id.replace("-", " ")
    entries = y.Mapping(m.require("variants"), f"variants of '{finding_id}'")
    if not len(entries):
        raise entries.node.error(f"finding '{finding_id}' has no variants")
    variants: dict[str, Variant] = {}
    for variant_id, variant_node in entries.items():
        with problems.collecting():
            check_identifier(variant_id, "variant", entries.key_node(variant_id).location)
            variants[variant_id] = _read_variant(finding_id, variant_id, variant_node, problems)
    for variant_id, variant in variants.items():
        if variant.rewords is not None and (variant.rewords == variant_id or variant.rewords not in variants):
            where = y.Mapping(entries.require(variant_id), "a variant").require("rewords").location
            problems.add(unknown("variant", variant.rewords, [v for v in variants if v != variant_id], where,
                                 f" of finding '{finding_id}' to reword"))
    return Finding(finding_id, section_id, topic, variants, m.location)


def _read_variant(finding_id: str, variant_id: str, node: y.Node, problems: Problems) -> Variant:
    """A variant; a bad parameter or an undeclared name is added to ``problems`` and the variant still read."""
    m = y.Mapping(node, f"variant '{variant_id}'")
    m.check_keys(("judgement", "text", "params", "rewords"), required=("judgement", "text"))
    params = {}
    declared: list[str] = []
    if (params_node := m.get("params")) is not None:
        specs = y.Mapping(params_node, f"params of '{variant_id}'")
        declared = list(specs)
        for name, spec in specs.items():
            with problems.collecting():
                params[name] = read_param(name, spec)
    judgement_node = m.require("judgement")
    judgement = y.text(judgement_node, "judgement")
    if judgement not in JUDGEMENTS:
        raise judgement_node.error(f"unknown judgement '{judgement}'", f"expected one of {known_list(JUDGEMENTS)}")
    text_node = m.require("text")
    text = y.text(text_node, "text")
    if not text.strip():
        raise text_node.error(f"variant '{variant_id}' has no text", "a variant is the wording a letter prints")
    phrasing = compile_phrasing(text, text_node.location)
    for name in sorted(phrasing.variables - set(declared)):
        problems.add(text_node.error(f"variant '{variant_id}' uses {{{{ {name} }}}} but declares no parameter '{name}'"))
    rewords = y.text(rewords_node, "rewords") if (rewords_node := m.get("rewords")) is not None else None
    return Variant(variant_id, finding_id, judgement, phrasing, params, m.location, rewords)


def _check_unique_findings(sections: dict[str, Section], problems: Problems) -> None:
    seen: dict[str, Section] = {}
    for section in sections.values():
        for finding in section.findings.values():
            if finding.id in seen:
                problems.add(LetterforgeError(
                    f"finding '{finding.id}' is in both section '{seen[finding.id].id}' and '{section.id}'",
                    finding.location, "finding ids are unique within an inspection"))
            seen[finding.id] = section
