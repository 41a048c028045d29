"""The selection schema: valid draft 2020-12, agreeing with the loader on what a selection may be.

Selections are validated as an editor sees them (:mod:`tests.editor_yaml`:
YAML 1.2's core schema, dates as strings).  A hypothesis property drives the
loader and the schema with the same generated selections: every one the loader
accepts, the schema accepts; every one the loader refuses for an unknown id, a
finding in the wrong section, a wrong type or an unknown key, the schema refuses.
"""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from letterforge.errors import LetterforgeError, flatten
from letterforge.load import yamlnodes as y
from letterforge.load.library import Library
from letterforge.load.selection import read_selection
from letterforge.resources import default_library
from letterforge.tools.schema import library_schema, schema_file_name

from .conftest import EXAMPLES, KENT, UNNAMED, run
from .editor_yaml import editor_view

SCHEMA_FILE = EXAMPLES / schema_file_name("core-business-2014")

EXTRA_FINDING = """
  review-date:
    topic: When the force will review its attendance policy
    variants:
      scheduled:
        judgement: neutral
        text: >-
          The force will review the policy on {{ due }} at {{ level }} level{% if panel %} with a panel
          of {{ panel }}{% endif %}.
        params:
          due: {type: date, help: the day of the review}
          level: {type: choice, choices: [force, division], help: who reviews it}
          panel: {type: integer, min: 2, max: 9, required: false, help: people on the panel}
"""
"""A finding with a date, a choice and a bounded optional integer, which the shipped library does not have."""


def validator_for(library: Library) -> jsonschema.Draft202012Validator:
    _, schema = library_schema(library)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def shipped() -> tuple[Library, jsonschema.Draft202012Validator]:
    library = Library(default_library())
    return library, validator_for(library)


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> tuple[Library, jsonschema.Draft202012Validator]:
    root = tmp_path_factory.mktemp("typed") / "library"
    shutil.copytree(default_library(), root)
    with (root / "core-business-2014" / "attendance.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_FINDING)
    library = Library(root)
    return library, validator_for(library)


def test_the_schema_is_a_valid_draft_2020_12_schema(shipped):
    _, validator = shipped
    jsonschema.Draft202012Validator.check_schema(validator.schema)
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_command_writes_a_schema_both_examples_satisfy_and_mutations_break(tmp_path):
    out = tmp_path / "S.json"
    result = run("schema", "-o", out)
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(json.loads(out.read_text(encoding="utf-8")))
    for example in (KENT, UNNAMED):
        assert list(validator.iter_errors(editor_view(example.read_text(encoding="utf-8")))) == [], example
    kent = KENT.read_text(encoding="utf-8")
    mutations = {
        "misspelt id": ("- named-suspects/robust", "- named-suspect/robust"),
        "wrong section": ("- prevention-database/problem-solving", "- named-suspects/robust"),
        "wrong type": ("{trained: 500}", "{trained: many}"),
        "unknown key": ("salutation:", "salutaton:"),
    }
    for name, (old, new) in mutations.items():
        assert old in kent
        assert not validator.is_valid(editor_view(kent.replace(old, new, 1))), name


def test_the_examples_schema_file_is_what_the_library_makes_now():
    """examples/*.yaml point at this file; `letterforge schema -o examples/core-business-2014.schema.json` remakes it."""
    result = run("schema")
    assert result.exit_code == 0
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.output


def test_a_variant_is_described_by_its_words_and_a_parameter_by_its_help(shipped):
    _, validator = shipped
    entry = validator.schema["$defs"]["entry-attendance"]["anyOf"]
    robust = next(s for s in entry if s.get("const") == "named-suspects/robust")
    assert "clear, robust arrangements to manage its outstanding named suspects" in robust["markdownDescription"]
    assert robust["markdownDescription"].startswith("**named-suspects/robust** — strength")
    mapped = next(s for s in entry if s.get("type") == "object" and "minProperties" in s)["properties"]
    assert "named-suspects" in mapped and "crime-prevention-training/delivered" not in mapped
    training = validator.schema["$defs"]["entry-preventing-crime"]["anyOf"]
    params = next(s for s in training if "minProperties" in s)["properties"]["crime-prevention-training/delivered"]
    trained = params["anyOf"][0]["properties"]["trained"]
    assert trained["description"] == "trained: integer, at least 1 — number of officers and staff trained"
    assert trained["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999}
    assert params["anyOf"][0]["required"] == ["trained"]
    lone = {s.get("const") for s in training}
    assert "crime-prevention-training/delivered" not in lone  # its parameter is required: never alone
    assert "crime-prevention-training/not-delivered" in lone


def test_several_inspections_need_one_named(library_copy):
    shutil.copytree(library_copy / "core-business-2014", library_copy / "second-2015")
    result = run("schema", "--library", library_copy)
    assert result.exit_code == 1
    assert "the library has 2 inspections (name one with --inspection: core-business-2014, second-2015)" in result.stderr
    assert run("schema", "--library", library_copy, "--inspection", "second-2015").exit_code == 0


def test_schema_output_must_be_json(tmp_path):
    result = run("schema", "-o", tmp_path / "kent.yaml")
    assert result.exit_code == 2
    assert not (tmp_path / "kent.yaml").exists()


# ---------------------------------------------------------------- the loader and the schema agree

# Each pool: (spellings the loader takes, spellings it refuses); a draw is mostly of the first.
TEXTS = (["Kent Police", '"Kent Police"', "'it''s'", "500", "true", "yes", "2014-09-03", '"Dear {{ name }}"'],
         ['""', '" "', "~", '"two\\nlines"', "[a, b]", "{a: b}"])
DATES = (["2014-09-03", '"2014-09-03"', "'2014-09-30'", "2016-02-29"], ["2014-02-30", "2015-02-29", "soon", "20140903", "500", "~", "[2014]"])
INTEGERS = (["500", "1", "+7", '"650"', "1_500", "0500"], ["0", "-3", "many", "5.5", "~", "0x1F", "[1]", '""'])
CHOICES = (["force", "division", '"force"'], ["region", "500", "~", "[force]"])
BOOLEANS = (["true", "false", "yes", "off", "True"], ["maybe", "1", "~"])
REFS_BAD = ["named-suspect/robust", "iom/robust", "no-such-finding", "named-suspects/", "Named-Suspects"]
TOP = {
    "inspection": (["core-business-2014"], ["other-2015", "[core-business-2014]"]),
    "force": TEXTS, "date": DATES, "salutation": TEXTS,
    "from": (["zoe-billingham", "roger-baker", "{name: Ann Smith, title: HMI}",
              "{name: Ann Smith, title: HMI, office: london, letters: OBE}"],
             ["zoe-billingam", "{name: Ann Smith}", "{name: Ann Smith, title: HMI, office: paris}", "~", "[x]"]),
    "to": (["{name: Mr Alan Pughsley}", "{name: A, position: Chief Constable, address: [1 Road, Town]}",
            "{name: A, address: One Road}", "{name: A, letters: QPM, address: ~}"],
           ["{position: B}", "{name: A, rank: B}", "Mr Pughsley", "{name: A, letters: ''}"]),
}
OPTIONAL = {
    "status": (["draft", "final", "~"], ["sent", "[draft]"]),
    "lead_in": BOOLEANS,
    "date_position": (["before-address", "after-address", "~"], ["above"]),
    "letterhead": (["london", "{name: Office, address: [1 Road]}", "~"], ["paris", "{address: x}"]),
    "copy_to": (['["Sonya Gransden, HMIC Liaison Officer"]', "[{name: S, position: P}]", "[Sonya]", "~"],
                ['[", nobody"]', "[{position: P}]", "Sonya"]),
    "introduction": (["{factual-accuracy: Our own words.}", "~", "{}"], ["{no-such-paragraph: x}"]),
    "template": (["letter", "regional_2", "~"], ["Bad/Name", "[letter]"]),
    "salutaton": ([], ["Dear Alan"]),
}

REFUSED_BY_BOTH = re.compile(
    r"unknown (finding|variant|section|key|parameter|signatory|office|inspection|introduction paragraph)"
    r"|is not in section|must be a whole number, not|must be a date|must be one of|must be text, not"
    r"|must be true or false|must be a (mapping|list)|is missing|is empty|must be one line|has \d+ variants; name one"
    r"|missing parameter|must name one finding|names nobody|is not a valid name")
"""The loader's refusals a schema can state: unknown ids and keys, wrong sections, wrong types, missing values."""

OUT_OF_BOUNDS = re.compile(r"must be at (least|most) -?\d+, not")
SPELT_AS_TEXT = re.compile(r"""["'][-+]?[0-9]|[0-9]_""")
"""A number an editor sees as text ("650", 1_500): the schema checks its digits, not its bounds."""


def stated_by_schema(message: str, source: str) -> bool:
    """Whether the loader's refusal ``message`` of ``source`` is one the schema states too."""
    if OUT_OF_BOUNDS.search(message):
        return not SPELT_AS_TEXT.search(source)
    return bool(REFUSED_BY_BOTH.search(message))


@st.composite
def pick(draw, pool: tuple[list[str], list[str]]) -> str:
    """A spelling of ``pool``: one the loader takes eleven times in twelve, else one it refuses."""
    good, bad = pool
    return draw(st.sampled_from(bad if not good or (bad and draw(st.integers(0, 11)) == 0) else good))


@st.composite
def selections(draw, library: Library) -> str:
    """A selection's YAML text (flow style), mostly well formed, with wrong values and ids mixed in."""
    inspection = library.inspection("core-business-2014")
    findings = [(s.id, f) for s in inspection.sections.values() for f in s.findings.values()]
    top = {key: draw(pick(pool)) for key, pool in TOP.items()}
    for key, pool in OPTIONAL.items():
        if draw(st.integers(0, 4 if pool[0] else 30)) == 0:
            top[key] = draw(pick(pool))
    if draw(st.integers(0, 20)) == 0:
        del top[draw(st.sampled_from(sorted(top)))]
    sections = {}
    for section in inspection.sections.values():
        if draw(st.booleans()):
            entries = [draw(_entry(section.id, findings)) for _ in range(draw(st.integers(0, 4)))]
            listed = "[" + ", ".join(entries) + "]"
            sections[section.id] = draw(st.sampled_from(
                [listed, listed, f"{{title: Our title, findings: {listed}}}", f"{{findings: {listed}, title: ~}}",
                 "~"]))
    if draw(st.integers(0, 20)) == 0:
        sections["no-such-section"] = "[]"
    top["sections"] = "{" + ", ".join(f"{k}: {v}" for k, v in sections.items()) + "}"
    return "\n".join(f"{key}: {value}" for key, value in top.items()) + "\n"


@st.composite
def _entry(draw, section_id: str, findings) -> str:
    here = [f for s, f in findings if s == section_id]
    finding = draw(st.sampled_from(here if draw(st.integers(0, 15)) else [f for _, f in findings]))
    variant = draw(st.sampled_from(list(finding.variants.values())))
    ref = draw(pick(([f"{finding.id}/{variant.id}"] * 4 + [finding.id], REFS_BAD)))
    form = draw(st.sampled_from(["lone", "params", "params", "bespoke", "free", "null"]))
    if form == "lone":
        return ref
    if form == "null":
        return f"{{{ref}: ~}}"
    if form == "free":
        return draw(pick((["{text: A free paragraph.}", "{text: A paragraph, judgement: strength}",
                           "{text: x, judgement: ~}"], ["{text: ~}", "{text: x, judgement: good}", "{text: x, other: y}"])))
    if form == "bespoke":
        return f"{{{ref}: {{text: {draw(pick(TEXTS))}, judgement: {draw(pick((['improvement', '~'], ['bad'])))}}}}}"
    params = []
    for name, param in variant.params.items():
        if param.required or draw(st.booleans()):
            pool = {"integer": INTEGERS, "date": DATES, "choice": CHOICES}.get(param.type, TEXTS)
            params.append(f"{name}: {draw(pick(pool))}")
    if draw(st.integers(0, 20)) == 0:
        params.append("trainde: 5")
    if params and draw(st.integers(0, 20)) == 0:
        params.pop()
    return f"{{{ref}: {{{', '.join(params)}}}}}"


def loader_verdict(library: Library, source: str) -> list[str] | None:
    """None if the loader accepts the selection ``source``, else its messages (a YAML error is no verdict)."""
    try:
        node = y.load_bytes(source.encode("utf-8"), "s.yaml")
    except LetterforgeError:
        return ["yaml"]
    try:
        read_selection(node, library)
    except LetterforgeError as e:
        return [problem.message for problem in flatten(e)]
    return None


def check_agreement(library: Library, validator: jsonschema.Draft202012Validator, source: str) -> None:
    refusals = loader_verdict(library, source)
    if refusals == ["yaml"]:
        return
    errors = [e.message for e in validator.iter_errors(editor_view(source))]
    if refusals is None:
        assert errors == [], f"the loader accepts what the schema refuses:\n{source}\n{errors}"
    elif all(stated_by_schema(message, source) for message in refusals):
        assert errors, f"the schema accepts what the loader refuses ({refusals}):\n{source}"


AGREEMENT = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@AGREEMENT
@given(data=st.data())
def test_the_loader_and_the_schema_agree_on_the_shipped_library(shipped, data):
    library, validator = shipped
    check_agreement(library, validator, data.draw(selections(library)))


@AGREEMENT
@given(data=st.data())
def test_the_loader_and_the_schema_agree_on_dates_choices_and_bounds(typed, data):
    library, validator = typed
    source = data.draw(selections(library))
    check_agreement(library, validator, source)


@pytest.mark.parametrize("entry, accepted", [
    ("{review-date/scheduled: {due: 2014-09-03, level: force}}", True),
    ("{review-date/scheduled: {due: '2014-09-03', level: division, panel: 9}}", True),
    ("{review-date/scheduled: {due: soon, level: force}}", False),
    ("{review-date/scheduled: {due: 2014-09-03, level: region}}", False),
    ("{review-date/scheduled: {due: 2014-09-03, level: force, panel: 10}}", False),
    ("{review-date/scheduled: {level: force}}", False),
    ("review-date/scheduled", False),
    ("{review-date: {text: Our own words.}}", True),
])
def test_dates_choices_and_bounds(typed, entry, accepted):
    library, validator = typed
    source = KENT.read_text(encoding="utf-8").replace("- named-suspects/robust", f"- {entry}", 1)
    assert (loader_verdict(library, source) is None) is accepted
    assert validator.is_valid(editor_view(source)) is accepted


# ---------------------------------------------------------------- editors find it


def test_new_starts_with_the_modeline():
    result = run("new", "--inspection", "core-business-2014", "--force", "Essex Police")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "# yaml-language-server: $schema=core-business-2014.schema.json"


def test_new_writes_the_schema_beside_the_selection(tmp_path):
    target = tmp_path / "essex.yaml"
    result = run("new", "--inspection", "core-business-2014", "--force", "Essex Police", "--from", "roger-baker",
                 "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=core-business-2014.schema.json\n")
    assert "\nfrom: roger-baker\n" in target.read_text(encoding="utf-8")
    assert (tmp_path / "core-business-2014.schema.json").read_text(encoding="utf-8") == SCHEMA_FILE.read_text(
        encoding="utf-8")


def test_new_never_replaces_a_file_it_did_not_write(tmp_path):
    foreign = tmp_path / "core-business-2014.schema.json"
    foreign.write_text('{"title": "my own"}', encoding="utf-8")
    result = run("new", "--inspection", "core-business-2014", "--force", "Essex Police", "-o", tmp_path / "e.yaml")
    assert result.exit_code == 1
    assert "letterforge did not write" in result.stderr
    assert foreign.read_text(encoding="utf-8") == '{"title": "my own"}' and not (tmp_path / "e.yaml").exists()


def test_new_refuses_an_unknown_signatory():
    result = run("new", "--inspection", "core-business-2014", "--force", "Essex Police", "--from", "zoe-bilingham")
    assert result.exit_code == 1
    assert "unknown signatory 'zoe-bilingham' in people.yaml (did you mean 'zoe-billingham'?)" in result.stderr


@pytest.mark.parametrize("example", [KENT, UNNAMED], ids=["kent", "unnamed-force"])
def test_the_examples_name_their_schema_in_their_first_line(example):
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=core-business-2014.schema.json"
    assert (example.parent / "core-business-2014.schema.json").is_file()
