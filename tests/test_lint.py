"""``letterforge library lint``: clean on the shipped library, and each planted fault found, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.errors import Location
from letterforge.tools.lint import ends_with_full_stop
from letterforge.language.phrasing import compile_phrasing

from .conftest import EXAMPLES, edit, run

INSPECTION = """\
title: A test inspection
embargo: 2014-09-04 00:01
sections:
  - id: patrol
    title: Patrol
  - id: custody
    title: Custody
"""

PATROL = """\
findings:
  patrols:
    topic: Visible patrols
    variants:
      strong:
        judgement: strength
        text: The force patrols {{ areas }} areas well.
        params:
          areas: {type: integer, min: 1}
      weak:
        judgement: improvement
        text: The force does not patrol its rural areas often enough to reassure residents.
"""

CUSTODY = """\
findings:
  custody-checks:
    topic: Checks on detainees
    variants:
      regular:
        judgement: strength
        text: Detainees are checked regularly and their care is well recorded.
"""


PEOPLE = """\
signatories:
  a-person: {name: A Person, title: HM Inspector}
"""


@pytest.fixture
def make_library(tmp_path):
    """Write a small library: ``make_library(patrol=…, custody=…, **other_files)`` returns its folder.

    It has a ``people.yaml`` with one signatory unless ``people=None``.
    """

    def make(patrol: str = PATROL, custody: str = CUSTODY, people: str | None = PEOPLE, **others: str) -> Path:
        root = tmp_path / "library"
        folder = root / "test-2014"
        folder.mkdir(parents=True, exist_ok=True)
        if people is not None:
            (root / "people.yaml").write_text(people, encoding="utf-8")
        files = {"inspection.yaml": INSPECTION, "patrol.yaml": patrol, "custody.yaml": custody} | others
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return root

    return make


def lint(root: Path, *options) -> tuple[int, list[str]]:
    result = run("library", "lint", "--library", root, *options)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    return result.exit_code, [line.replace(f"{root}/test-2014/", "") for line in lines]


def test_the_shipped_library_is_clean():
    result = run("library", "lint", "--selections", EXAMPLES)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["0 errors, 0 warnings"]


def test_near_identical_variants_are_flagged_unless_one_rewords_the_other(library_copy):
    attendance = library_copy / "core-business-2014" / "attendance.yaml"
    edit(attendance, ("        rewords: effective-oversight  # the same finding in the past tense, as other letters "
                      "worded it\n", ""))
    result = run("library", "lint", "--library", library_copy)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{attendance}:80:15: warning: variants 'investigation-supervision/effective-oversight' and "
        "'investigation-supervision/oversight' say nearly the same thing (2 words differ) (keep one, make the "
        "difference a parameter, or mark one 'rewords: effective-oversight' if letters need both)",
        "0 errors, 1 warning"]


def test_rewords_must_name_another_variant_of_the_finding(library_copy):
    attendance = library_copy / "core-business-2014" / "attendance.yaml"
    edit(attendance, ("rewords: effective-oversight", "rewords: effective-oversigt"))
    result = run("library", "lint", "--library", library_copy)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{attendance}:80:18: error: unknown variant 'effective-oversigt' of finding 'investigation-supervision' "
        "to reword (did you mean 'effective-oversight'?)")


def test_a_clean_small_library(make_library):
    assert lint(make_library()) == (0, ["0 errors, 0 warnings"])


def test_parameter_used_but_not_declared(make_library):
    root = make_library(patrol=PATROL.replace("{{ areas }} areas well.", "{{ areas }} areas in {{ county }}."))
    assert lint(root) == (1, [
        "patrol.yaml:7:15: error: variant 'strong' uses {{ county }} but declares no parameter 'county'",
        "1 error, 0 warnings"])


def test_parameter_declared_but_not_used(make_library):
    root = make_library(patrol=PATROL.replace("{{ areas }} areas well.", "its areas well."))
    assert lint(root) == (1, [
        "patrol.yaml:9:18: error: variant 'patrols/strong' declares parameter 'areas' but its text never uses it "
        "(write {{ areas }} in the text, or remove the parameter)",
        "1 error, 0 warnings"])


@pytest.mark.parametrize("files, expected", [
    ({"patrol": PATROL + CUSTODY.removeprefix("findings:\n").replace("custody-checks", "patrols")},
     "patrol.yaml:13:3: error: duplicate key 'patrols' in findings (first given at line 2)"),
    ({"custody": CUSTODY.replace("custody-checks", "patrols")},
     "custody.yaml:3:5: error: finding 'patrols' is in both section 'patrol' and 'custody' "
     "(finding ids are unique within an inspection)"),
    ({"patrol": PATROL.replace("      weak:", "      strong:")},
     "patrol.yaml:10:7: error: duplicate key 'strong' in variants of 'patrols' (first given at line 5)"),
    ({"inspection.yaml": INSPECTION.replace("id: custody", "id: patrol")},
     "inspection.yaml:6:9: error: duplicate section 'patrol'"),
])
def test_duplicate_ids(make_library, files, expected):
    others = {k: v for k, v in files.items() if k.endswith(".yaml")}
    sections = {k: v for k, v in files.items() if not k.endswith(".yaml")}
    assert lint(make_library(**sections, **others)) == (1, [expected, "1 error, 0 warnings"])


def test_variants_that_say_nearly_the_same_thing(make_library):
    root = make_library(custody=CUSTODY + """\
      regular-recorded:
        judgement: strength
        text: Detainees are checked regularly and their care is recorded well.
""")
    assert lint(root) == (0, [
        "custody.yaml:10:15: warning: variants 'custody-checks/regular' and 'custody-checks/regular-recorded' say "
        "nearly the same thing (2 words differ) (keep one, make the difference a parameter, or mark one "
        "'rewords: regular' if letters need both)",
        "0 errors, 1 warning"])


def test_phrasing_without_a_full_stop(make_library):
    root = make_library(custody=CUSTODY.replace("well recorded.", "well recorded"))
    assert lint(root) == (1, ["custody.yaml:7:15: error: variant 'custody-checks/regular' does not end with a full stop",
                              "1 error, 0 warnings"])


@pytest.mark.parametrize("text, ends", [
    ("It works.", True),
    ("It works well for {{ areas }}.", True),
    ("It works. {{ evidence }}", True),
    ("It works. {% if detail %}{{ detail }}{% endif %}", True),
    ("It is ‘good’.’", True),
    ("It is (mostly) good.)", True),
    ("{{ evidence }}", True),
    ("It works", False),
    ("It works:", False),
    ("It works for {{ areas }}", False),
    ("It works {% if detail %}{{ detail }}{% endif %}", False),
])
def test_ends_with_full_stop(text, ends):
    assert ends_with_full_stop(compile_phrasing(text, Location("f.yaml", 1, 1))) is ends


def test_house_style_term_spelt_two_ways(make_library):
    root = make_library(
        patrol=PATROL.replace("its rural areas", "its front-line rural areas"),
        custody=CUSTODY.replace("Detainees are", "Frontline detainees are"))
    code, lines = lint(root)
    assert (code, lines) == (0, [
        "patrol.yaml:12:15: warning: ‘front-line’ is also written ‘frontline’ in this library "
        "(‘frontline’ at custody.yaml:7:15; the house style spells a term one way)",
        "0 errors, 1 warning"])


def test_findings_no_selection_uses(make_library, tmp_path):
    root = make_library()
    selections = tmp_path / "selections"
    selections.mkdir()
    (selections / "kent.yaml").write_text("""\
inspection: test-2014
force: Kent Police
date: 2014-09-03
from: {name: A Person, title: HM Inspector}
to: {name: Chief Constable}
salutation: Dear Chief Constable
sections:
  patrol:
    - patrols/weak
""", encoding="utf-8")
    assert lint(root, "--selections", selections) == (0, [
        "custody.yaml:3:5: warning: no selection uses finding 'custody-checks' (1 selection checked)",
        "0 errors, 1 warning"])


def test_a_selection_that_does_not_load_is_an_error(make_library, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("inspection: test-2014\nforce: [\n", encoding="utf-8")
    code, lines = lint(make_library(), "--selections", broken)
    assert code == 1
    assert lines[0].startswith(f"{broken}:3:1: error: invalid YAML: ")
    assert lines[-1] == "1 error, 0 warnings"


def test_missing_selections_folder(make_library, tmp_path):
    assert lint(make_library(), "--selections", tmp_path / "nowhere") == (
        1, [f"{tmp_path / 'nowhere'}: error: no such file or folder"])


def test_a_yaml_file_that_is_not_a_section(make_library):
    assert lint(make_library(**{"traffic.yaml": CUSTODY})) == (0, [
        "traffic.yaml: warning: not a section of inspection 'test-2014', so no letter uses it "
        "(list 'traffic' under sections in inspection.yaml)",
        "0 errors, 1 warning"])


def test_every_fault_is_reported_in_one_run(make_library):
    root = make_library(
        patrol=PATROL.replace("{{ areas }} areas well.", "{{ areas }} areas in {{ county }}")
                     .replace("judgement: improvement", "judgement: poor"),
        custody=CUSTODY.replace("well recorded.", "well recorded")
                       .replace("      regular:", "      regular:\n        params: {unused: text}"))
    (root / "people.yaml").write_text("signatories:\n  someone: {name: Someone}\n", encoding="utf-8")
    code, lines = lint(root)
    assert code == 1
    assert [line.split(": error: ")[1] for line in lines[:-1]] == [
        "signatory 'someone' is missing 'title'",
        "variant 'custody-checks/regular' declares parameter 'unused' but its text never uses it "
        "(write {{ unused }} in the text, or remove the parameter)",
        "variant 'custody-checks/regular' does not end with a full stop",
        "variant 'patrols/strong' does not end with a full stop",
        "variant 'strong' uses {{ county }} but declares no parameter 'county'",
        "unknown judgement 'poor' (expected one of 'improvement', 'neutral', 'strength')",
    ]
    assert lines[-1] == "6 errors, 0 warnings"


def test_a_folder_with_no_inspection_is_not_a_library(tmp_path):
    (tmp_path / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("findings: {}\n", encoding="utf-8")
    result = run("library", "lint", "--library", tmp_path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{tmp_path}: error: no inspections here (no <id>/inspection.yaml) "
        "(give the findings library: the folder holding people.yaml and one folder per inspection)",
        "1 error, 0 warnings"]


def test_an_inspection_folder_given_as_the_library_says_so(make_library):
    folder = make_library() / "test-2014"
    assert lint(folder)[1][0] == (
        f"{folder}: error: no inspections here (no <id>/inspection.yaml) "
        "(this is one inspection's folder: give the folder above it)")


def test_the_repository_is_not_a_library(monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    result = run("library", "lint", "--library", ".")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1, ".: error: no inspections here (no <id>/inspection.yaml) "
           "(give the findings library: the folder holding people.yaml and one folder per inspection)")


NO_PEOPLE = ("warning: no people.yaml here, so a selection that names its signatory (from: zoe-billingham) will not "
             "load (add people.yaml, or write each selection's from: in full as {name: …, title: …})")


def test_no_people_yaml_is_a_warning_unless_every_selection_checked_loads(make_library, tmp_path):
    root = make_library(people=None)
    assert lint(root) == (0, [f"{root}: {NO_PEOPLE}", "0 errors, 1 warning"])
    selections = tmp_path / "selections"
    selections.mkdir()
    inline = ("inspection: test-2014\nforce: Kent Police\ndate: 2014-09-03\nto: {name: Chief Constable}\n"
              "salutation: Dear Chief Constable\nsections:\n  patrol: [patrols/weak]\n  custody: [custody-checks]\n")
    (selections / "inline.yaml").write_text(inline + "from: {name: A Person, title: HM Inspector}\n", encoding="utf-8")
    assert lint(root, "--selections", selections) == (0, ["0 errors, 0 warnings"])
    (selections / "named.yaml").write_text(inline + "from: a-person\n", encoding="utf-8")
    assert lint(root, "--selections", selections) == (1, [
        f"{root}: {NO_PEOPLE}",
        f"{selections / 'named.yaml'}:9:7: error: unknown signatory 'a-person' in people.yaml",
        "1 error, 1 warning"])



def test_an_unusable_embargo_is_an_error_at_its_place(unusable_embargo):
    # Lint said "0 errors, 0 warnings" while every final letter of the inspection was refused.
    library, inspection, where, problem = unusable_embargo
    result = run("library", "lint", "--library", library)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"{inspection}:{where}: error: {problem}", "1 error, 0 warnings"]


def test_an_optional_parameter_printed_outside_its_condition(make_library):
    root = make_library(patrol=PATROL.replace(
        "text: The force does not patrol its rural areas often enough to reassure residents.",
        "text: The force does not patrol its rural areas often enough. {{ detail }} {% if note %}{{ note }}{% endif %}"
        "\n        params:\n          detail: {type: text, required: false}\n          note: {type: text, required: false}"))
    assert lint(root) == (1, [
        "patrol.yaml:12:15: error: variant 'patrols/weak' prints optional parameter 'detail' outside an "
        "{% if detail %} (a letter that leaves 'detail' out would print a gap; write "
        "{% if detail %}…{{ detail }}…{% endif %})",
        "1 error, 0 warnings"])


def test_a_librarys_own_layout_is_linted(make_library):
    root = make_library()
    (root / "templates").mkdir()
    (root / "templates" / "letter.j2").write_text("{% for i in range(10) %}x{% endfor %}", encoding="utf-8")
    code, lines = lint(root)
    assert code == 1
    assert lines[0] == (f"{root}/templates/letter.j2:1:1: error: a layout may not use a {{% for %}} loop over "
                        "anything but a name or an attribute (a layout may use {{ block(kind, text) }}, {% if %}, "
                        "{% for x in name %} (two deep), attributes, ~ and the filters capitalize, default, join, "
                        "lower, title, trim, upper; its names are block, copy_to, date, date_position, force, introduction, "
                        "lead_in, office, recipient, salutation, sections, sender, status, subject)")
