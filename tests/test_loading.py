"""Loading: located YAML, the library's own errors, and what a selection resolves to."""

from __future__ import annotations

import pytest

from letterforge.load import yamlnodes as y
from letterforge.load import yamlparse
from letterforge.errors import LetterforgeError, Problems, flatten
from letterforge.load.library import Library
from letterforge.resources import default_library
from letterforge.load.selection import load_selection

from .conftest import KENT, edit


def messages(error: LetterforgeError) -> list[str]:
    return [e.format_message() for e in flatten(error)]


def test_nodes_remember_line_and_column():
    root = y.load_bytes(b"a: 1\nb:\n  c: [x, 'y']\n", "f.yaml")
    m = y.Mapping(root, "the file")
    inner = y.Mapping(m.require("b"), "b")
    items = y.sequence(inner.require("c"), "c")
    assert [str(i.location) for i in items] == ["f.yaml:3:7", "f.yaml:3:10"]
    assert y.integer(m.require("a"), "a") == 1


@pytest.mark.parametrize("data, expected", [
    (b"a: 1\na: 2\n", "f.yaml:2:1: error: duplicate key 'a' in the file (first given at line 1)"),
    (b"a: !!python/object:os.system x\n", "f.yaml:1:4: error: unsupported YAML tag '!!python/object:os.system' "
                                          "(only plain YAML values are read)"),
    (b"a: \xff\n", "f.yaml:1:4: error: file is not UTF-8 text (save it as UTF-8)"),
    (b"", "f.yaml:1:1: error: file is empty (see examples/kent.yaml for a selection)"),
    (b"# only a comment\n", "f.yaml:1:1: error: file is empty (see examples/kent.yaml for a selection)"),
    (b"a: \"bell\\a\"\n", "f.yaml:1:4: error: a contains the control character U+0007 (remove it)"),
])
def test_bad_yaml_is_located(data, expected):
    with pytest.raises(LetterforgeError) as e:
        y.text(y.Mapping(y.load_bytes(data, "f.yaml"), "the file").require("a"), "a")
    assert e.value.format_message() == expected


def test_bom_and_crlf_are_accepted():
    root = y.load_bytes("\ufeffname: Zoë\r\nother: x\r\n".encode("utf-8"), "f.yaml")
    assert y.text(y.Mapping(root, "f").require("name"), "name") == "Zoë"


def test_unknown_key_suggests_the_closest():
    m = y.Mapping(y.load_bytes(b"salutaton: Dear Alan\n", "f.yaml"), "the selection")
    with pytest.raises(LetterforgeError) as e:
        m.check_keys(["salutation", "force"])
    assert e.value.format_message() == ("f.yaml:1:1: error: unknown key 'salutaton' in the selection "
                                        "(did you mean 'salutation'?)")


def test_a_folder_is_not_a_selection(tmp_path, library):
    with pytest.raises(LetterforgeError) as e:
        load_selection(tmp_path, library)
    assert e.value.format_message() == f"{tmp_path}: error: is a folder, not a YAML file"


@pytest.mark.parametrize("name", ["../../etc/passwd", "Core Business", "/abs"])
def test_names_that_leave_their_folder_are_refused(selection_file, library, name):
    path = selection_file(lambda t: t.replace("inspection: core-business-2014", f"inspection: '{name}'"))
    with pytest.raises(LetterforgeError) as e:
        load_selection(path, library)
    assert f"error: inspection '{name}' is not a valid name" in e.value.format_message()


# ---------------------------------------------------------------- the library's own errors


def test_variant_using_an_undeclared_parameter(library_copy):
    edit(library_copy / "core-business-2014" / "attendance.yaml",
         ("answer police bail.", "answer police bail ({{ trained }})."))
    with pytest.raises(Problems) as e:
        Library(library_copy).inspection("core-business-2014")
    [message] = messages(e.value)
    assert message.endswith("attendance.yaml:110:15: error: variant 'robust' uses {{ trained }} "
                            "but declares no parameter 'trained'")


def test_library_problems_are_reported_together(library_copy):
    path = library_copy / "core-business-2014" / "freeing-up-time.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("judgement: strength", "judgement: strong", 1)
                    .replace("is taking steps", "is {% if %} taking"), encoding="utf-8")
    with pytest.raises(Problems) as e:
        Library(library_copy).inspection("core-business-2014")
    found = messages(e.value)
    assert len(found) == 2
    assert "error: unknown judgement 'strong' (expected one of 'improvement', 'neutral', 'strength')" in found[0]
    assert "error: invalid phrasing: Expected an expression, got 'end of statement block'" in found[1]


def test_a_selection_resolves_to_variants_and_typed_parameters(library):
    selection = load_selection(KENT, library)
    training = selection.sections[0].choices[3]
    assert (training.finding.id, training.variant.id, training.params) == (
        "crime-prevention-training", "delivered", {"trained": 500})
    assert str(training.location).endswith("examples/kent.yaml:26:7")
    bespoke = selection.sections[2].choices[2]
    assert (bespoke.source, bespoke.finding.id, bespoke.variant) == ("bespoke", "workload-supervision", None)


def test_selection_values_are_data_not_templates(selection_file, library):
    from letterforge.app.pipeline import build_letter
    path = selection_file(lambda t: t.replace(
        "salutation: Dear Alan", "salutation: \"Dear {{ force }} {% raw %}\""))
    letter = build_letter(path, library)
    assert next(b for b in letter.blocks if b.kind == "salutation").text == "Dear {{ force }} {% raw %}"


def _shape(node):
    """A node tree as (tag, line, column, value) tuples, for comparing two composers."""
    raw = node.raw if isinstance(node, y.Node) else node
    mark = (raw.tag, raw.start_mark.line, raw.start_mark.column)
    if isinstance(raw, y.yaml.ScalarNode):
        return mark + (raw.value,)
    if isinstance(raw, y.yaml.SequenceNode):
        return mark + tuple(_shape(item) for item in raw.value)
    return mark + tuple((_shape(k), _shape(v)) for k, v in raw.value)


@pytest.mark.skipif(yamlparse.CParser is None, reason="PyYAML without libyaml")
def test_libyaml_composes_the_same_located_nodes_as_pure_python():
    files = sorted(default_library().rglob("*.yaml")) + sorted(KENT.parent.glob("*.yaml"))
    for path in files:
        source = path.read_text(encoding="utf-8")
        fast = y.yaml.compose(source, Loader=yamlparse._FastComposer)
        pure = y.yaml.compose(source, Loader=yamlparse._ComposeOnlyLoader)
        assert _shape(fast) == _shape(pure), path


@pytest.mark.parametrize("data", [b"[" * 100_000, b"- " * 200_000 + b"x"])
def test_deep_nesting_is_refused_not_a_crash(data):
    with pytest.raises(LetterforgeError) as e:
        y.load_bytes(data, "f.yaml")
    assert e.value.format_message() == "f.yaml: error: invalid YAML: nested too deeply"


def test_every_problem_of_a_variant_is_reported(library_copy):
    edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
         ("{{ trained }} officers", "{{ trained }} {{ staff }} officers {{ areas }}"),
         ("{type: integer, min: 1,", "{type: number, min: 1,"))
    inspection, problems = Library(library_copy).inspection_with_problems("core-business-2014")
    assert [m.split(": error: ")[1] for m in messages(problems)] == [
        "unknown parameter type 'number' (expected one of 'choice', 'date', 'integer', 'text')",
        "variant 'delivered' uses {{ areas }} but declares no parameter 'areas'",
        "variant 'delivered' uses {{ staff }} but declares no parameter 'staff'",
    ]
    assert "delivered" in inspection.find("crime-prevention-training").variants
    with pytest.raises(Problems):
        Library(library_copy).inspection("core-business-2014")


def test_duplicate_introduction_paragraphs_are_refused(library_copy):
    edit(library_copy / "core-business-2014" / "inspection.yaml", ("- id: peel-update", "- id: peel-revisit"))
    with pytest.raises(Problems) as e:
        Library(library_copy).inspection("core-business-2014")
    [message] = messages(e.value)
    assert message.endswith("inspection.yaml:47:5: error: duplicate introduction paragraph 'peel-revisit' "
                            "(first given at line 42)")


def test_an_optional_parameter_left_out_never_prints_none(library_copy, selection_file):
    from letterforge.app.pipeline import build_letter

    edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
         ("intelligence it produces as a preventative tool.", "intelligence it produces as a preventative tool. "
                                                              "Detail: {{ detail }}."))
    path = selection_file(lambda t: t.replace("    - crime-prevention-training/delivered: {trained: 500}",
                                              "    - anpr/proactive"))
    anpr = next(b for b in build_letter(path, Library(library_copy)).blocks if b.provenance.finding == "anpr")
    assert anpr.text.endswith("as a preventative tool. Detail: .")


@pytest.mark.parametrize("old, new, message", [
    ("salutation: Dear Alan", 'salutation: ""', "12:13: error: salutation is empty"),
    ("  name: Mr Alan Pughsley", '  name: "  "', "10:9: error: name is empty"),
    ("force: Kent Police", 'force: "Kent\\nPolice"', "4:8: error: force must be one line (write several lines as a list)"),
    ("  position: Chief Constable – Kent Police", '  position: ""',
     "11:13: error: position is empty (leave it out if there is none)"),
    ("  - name: Sonya Gransden\n    position: HMIC Liaison Officer", '  - ","',
     "59:5: error: copy_to names nobody (write 'Name, Position' or {name: …, position: …})"),
])
def test_blank_or_broken_one_line_fields_are_refused(selection_file, library, old, new, message):
    path = selection_file(lambda t: t.replace(old, new))
    with pytest.raises(LetterforgeError) as e:
        load_selection(path, library)
    assert [m.replace(f"{path}:", "") for m in messages(e.value)] == [message]


def inspection_messages(library_root) -> list[str]:
    with pytest.raises(Problems) as e:
        Library(library_root).inspection("core-business-2014")
    return [m.split("core-business-2014/")[1] for m in messages(e.value)]


def test_a_parameter_no_value_could_satisfy_is_refused(library_copy):
    edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
         ("{type: integer, min: 1,", "{type: integer, min: 10, max: 5,"))
    assert inspection_messages(library_copy) == [
        "preventing-crime.yaml:78:20: error: parameter 'trained' has min 10 above max 5 (no value could satisfy both)"]


def test_a_variant_with_no_text_is_refused(library_copy):
    section = library_copy / "core-business-2014" / "preventing-crime.yaml"
    text = section.read_text(encoding="utf-8")
    start, end = text.index("      not-delivered:"), text.index("  anpr:")
    section.write_text(text[:start] + "      not-delivered:\n        judgement: improvement\n        text: ''\n\n"
                       + text[end:], encoding="utf-8")
    assert inspection_messages(library_copy) == [
        "preventing-crime.yaml:81:15: error: variant 'not-delivered' has no text (a variant is the wording a letter "
        "prints)"]


def value_node(key: str, text: str) -> y.Node:
    """The node of ``key: text`` in a one-line YAML file."""
    return y.Mapping(y.load_bytes(f"{key}: {text}\n".encode(), "f.yaml"), "f").require(key)


@pytest.mark.parametrize("text, expected", [("500", 500), ("1_500", 1500), ("017", 17), ("'42'", 42)])
def test_whole_numbers_are_read_as_decimal_digits(text, expected):
    assert y.integer(value_node("n", text), "n") == expected


@pytest.mark.parametrize("text, message", [
    ("0x10", "n must be a whole number written in digits, e.g. 500, not a number ('0x10')"),
    ("1.5", "n must be a whole number, not a decimal number"),
    ("many", "n must be a whole number, not text"),
])
def test_other_spellings_of_numbers_are_refused(text, message):
    with pytest.raises(LetterforgeError) as e:
        y.integer(value_node("n", text), "n")
    assert e.value.message == message


@pytest.mark.parametrize("reader, text", [(y.date, "20140903"), (y.date, "2014-W36-3"),
                                          (y.timestamp, "2014-09-04"), (y.timestamp, "2014-09-04 00:01:30")])
def test_dates_and_times_are_read_only_as_documented(reader, text):
    with pytest.raises(LetterforgeError):
        reader(value_node("d", f"'{text}'"), "d")
