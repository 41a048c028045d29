"""``letterforge extract`` and ``letterforge new`` through the command line: outputs, messages, exit codes."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil

import pytest

from letterforge.dates import long_date
from letterforge.load.library import Library
from letterforge.resources import default_library

from .conftest import KENT, edit
from .test_cli import run
from .test_extract_golden import RAW_KENT, RAW_UNNAMED

KENT_REPORT = [
    "  from zoe-billingham to Mr Alan Pughsley, dated 3 September 2014",
    "  introduction: library wording; lead-in present",
    "  findings: 15 from library wording, 1 bespoke, 0 free",
    "    bespoke  line 150  freeing-up-time: workload-supervision (closest workload-supervision/clear-structure, "
    "99.7% alike, 1 word edit)",
    "  round trip: the selection renders the letter block for block (43 blocks)",
]


@pytest.fixture
def letter(tmp_path):
    path = tmp_path / "kent.txt"
    shutil.copy(RAW_KENT, path)
    return path


def test_extract_writes_beside_the_letter_and_prints_path_and_report(letter):
    result = run("extract", letter)
    assert result.exit_code == 0, result.output
    target = letter.with_suffix(".yaml")
    assert result.stdout.splitlines() == [str(target), f"read {letter} as a letter of core-business-2014: 43 blocks",
                                          *KENT_REPORT]
    assert result.stderr == ""
    assert run("check", target).exit_code == 0


def test_extract_to_a_named_output_then_render_gives_the_letter(letter, tmp_path):
    target = tmp_path / "out" / "selection.yaml"
    assert run("extract", letter, "-o", target, "--inspection", "core-business-2014").exit_code == 0
    assert run("render", target, "-f", "txt").exit_code == 0
    rendered = (tmp_path / "out" / "selection.txt").read_text(encoding="utf-8")
    assert "Findings that specifically relate to your force are;" in rendered


def test_extract_never_replaces_an_existing_selection_without_overwrite(letter):
    target = letter.with_suffix(".yaml")
    target.write_text("my edits\n", encoding="utf-8")
    result = run("extract", letter)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{target}: error: already exists; not replaced (pass --overwrite to replace it, or -o another file)\n"
    assert target.read_text(encoding="utf-8") == "my edits\n"
    assert run("extract", letter, "--overwrite").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Extracted from")


def test_extract_refuses_to_write_over_the_letter_itself(tmp_path):
    letter = tmp_path / "letter.yaml"
    shutil.copy(RAW_KENT, letter)
    result = run("extract", letter, "--overwrite")
    assert result.exit_code == 1
    assert result.stderr == (f"{letter}: error: this output would overwrite one of the command's own inputs "
                             f"(it is the same file as {letter}; write it elsewhere with -o)\n")
    assert letter.read_bytes() == RAW_KENT.read_bytes()


def test_extract_prints_what_does_not_round_trip_as_warnings(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(RAW_KENT.read_text(encoding="utf-8").replace("Yours sincerely", "Yours faithfully"),
                      encoding="utf-8")
    result = run("extract", letter)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{letter}:161:1: warning: the letter closes 'Yours faithfully'; the layout prints 'Yours sincerely'",
        f"{letter}:161:1: warning: the selection renders closing 'Yours sincerely' where the letter has closing "
        "'Yours faithfully'"]
    assert result.stdout.splitlines()[-1] == "  round trip: 1 difference (see the warnings)"


BAD_LETTERS = {
    "missing": (None, "{path}: error: no such file"),
    "folder": ("folder", "{path}: error: is a folder, not a letter"),
    "pdf": (b"%PDF-1.4\n", "{path}: error: is a PDF; extract reads text or DOCX "
                           "(save its text first, e.g. pdftotext -layout LETTER.pdf)"),
    "not-utf8": (b"Dear Alan\n\xff\xfe\n", "{path}:2:1: error: file is not UTF-8 text (save it as UTF-8)"),
    "empty": (b" \n\n", "{path}: error: holds no text"),
    "broken-docx": (b"PK\x03\x04broken", "{path}: error: not a readable DOCX: File is not a zip file"),
    "not-a-letter": (b"Shopping list\n\nmilk\neggs\n",
                     "{path}: error: cannot tell which inspection this letter is from: no line of it is an "
                     "inspection's title (pass --inspection, one of 'core-business-2014')"),
}


@pytest.mark.parametrize("case", sorted(BAD_LETTERS))
def test_unreadable_letters_exit_1_with_a_located_error_and_write_nothing(case, tmp_path):
    content, expected = BAD_LETTERS[case]
    path = tmp_path / "letter.txt"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run("extract", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == expected.format(path=path) + "\n"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_a_letter_with_a_200_kb_paragraph_is_refused_at_that_paragraph_quickly(tmp_path):
    # Joining and matching a paragraph this long took minutes; it could never load as a selection's text.
    text = RAW_KENT.read_text(encoding="utf-8")
    vocabulary = sorted({word for word in text.split() if word.isalpha()})
    rng = random.Random(0)
    lines = ["The " + " ".join(rng.choices(vocabulary, k=12)) for _ in range(2500)]
    at = text.index("\nAttendance at crimes and incidents") + 1
    letter = tmp_path / "letter.txt"
    letter.write_text(text[:at] + "\n".join(lines) + "\n\n" + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    length = len(" ".join(lines))
    assert length > 200_000
    result = run("extract", letter)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"{letter}:{line}:1: error: paragraph is too long to extract ({length:,} characters; "
                             "a selection's text holds at most 10,000)\n")
    assert not letter.with_suffix(".yaml").exists()


def test_a_folder_named_like_a_selection_is_reported_as_a_folder(tmp_path):
    folder = tmp_path / "letters.yaml"
    folder.mkdir()
    result = run("extract", folder, "--overwrite")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{folder}: error: is a folder, not a letter\n"


@pytest.mark.parametrize("folder, shown", [(".", "."), ("./", "."), ("/", "/")])
def test_a_folder_with_no_name_is_reported_as_a_folder(folder, shown, tmp_path, monkeypatch):
    # There is no name to put .yaml on: with_suffix raised ValueError before the letter was looked at.
    monkeypatch.chdir(tmp_path)
    result = run("extract", folder)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{shown}: error: is a folder, not a letter\n"
    assert list(tmp_path.iterdir()) == []


def test_an_empty_letter_name_is_wrong_usage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for options in ([], ["-o", "out.yaml"]):
        result = run("extract", "", *options)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1] == "Error: Invalid value for 'LETTER': must name a letter file, " \
                                                 "e.g. sent/kent.txt"
    assert list(tmp_path.iterdir()) == []


def test_a_docx_that_is_not_a_zip_is_not_read_as_text(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(b"Shopping list\n\nmilk\neggs\n")
    result = run("extract", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{path}: error: not a readable DOCX: File is not a zip file\n"
    assert not path.with_suffix(".yaml").exists()


@pytest.mark.parametrize("name, hint", [
    ("core-busines-2014", "did you mean 'core-business-2014'?"),
    ("nope", "expected one of 'core-business-2014'"),
])
def test_extract_unknown_inspection_exits_1_with_a_hint_and_no_location(letter, name, hint):
    result = run("extract", letter, "--inspection", name, "--library", default_library())
    assert result.exit_code == 1
    assert result.stderr == f"error: unknown inspection '{name}' ({hint})\n"
    assert not letter.with_suffix(".yaml").exists()


NO_INSPECTIONS = "error: no inspections here (no <id>/inspection.yaml) ({hint})\n"
NOT_A_LIBRARY = "give the findings library: the folder holding people.yaml and one folder per inspection"
ONE_INSPECTION = "this is one inspection's folder: give the folder above it"


@pytest.mark.parametrize("command", [
    ("extract", RAW_UNNAMED), ("extract", RAW_UNNAMED, "--inspection", "core-business-2014"),
    ("new", "--inspection", "core-business-2014", "--force", "Kent Police"),
], ids=["extract", "extract-inspection", "new"])
def test_a_library_with_no_inspections_is_refused_as_library_commands_refuse_it(command, tmp_path):
    # extract said "the findings library has no inspections" with no hint (and, like new, "unknown
    # inspection" with --inspection): the wording and hint are now catalog's, as in library list and lint.
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "people.yaml").write_text("signatories: {}\n", encoding="utf-8")
    one = tmp_path / "one"
    shutil.copytree(default_library() / "core-business-2014", one)
    for library, hint in ((empty, NOT_A_LIBRARY), (one, ONE_INSPECTION)):
        result = run(*command, "-o", tmp_path / "out.yaml", "--library", library)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"{library}: " + NO_INSPECTIONS.format(hint=hint)
        assert run("library", "list", "--library", library).stderr == result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_extract_usage_errors_exit_2():
    assert run("extract").exit_code == 2
    assert run("extract", RAW_UNNAMED, "--no-such-option").exit_code == 2


# ---------------------------------------------------------------- new


def fill(scaffold: str, library: Library) -> str:
    """Fill a scaffold as a person would: a date, a signatory, names, the first variant of each finding."""
    inspection = library.inspection("core-business-2014")
    values = {"integer": "250", "date": "2014-08-01", "text": "Filled in by the inspector."}
    out = []
    for line in scaffold.splitlines():
        line = (line.replace("date: TODO", "date: 2014-09-03").replace("from: TODO", "from: zoe-billingham")
                .replace("TODO recipient's name", "Mr Alan Pughsley").replace("TODO recipient's position",
                                                                              "Chief Constable – Kent Police")
                .replace("Dear TODO", "Dear Alan"))
        chosen = re.fullmatch(r"(\s*)- ([a-z0-9-]+)/TODO(:?)\s+#.*", line)
        if chosen:
            indent, finding_id, colon = chosen.groups()
            variant = next(iter(inspection.find(finding_id).variants.values()))
            if colon:  # the scaffold lists the parameters below, each TODO: filled in as they come
                out.append(f"{indent}- {finding_id}/{variant.id}:")
                continue
            out.append(f"{indent}- {finding_id}/{variant.id}:" if variant.params else f"{indent}- {finding_id}/{variant.id}")
            for name, param in variant.params.items():
                value = param.choices[0] if param.type == "choice" else values[param.type]
                out.append(f"{indent}    {name}: {value}")
            continue
        param = re.fullmatch(r"(\s*)(\w+): TODO\b.*", line)
        if param:
            out.append(f"{param.group(1)}{param.group(2)}: {values['text']}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_lists_every_finding_and_fails_check_until_filled(tmp_path, library):
    target = tmp_path / "new.yaml"
    result = run("new", "--inspection", "core-business-2014", "--force", "Kent Police", "-o", target)
    assert result.exit_code == 0 and result.stdout == f"{target}\n"
    scaffold = target.read_text(encoding="utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=core-business-2014.schema.json\n")  # date on line 9
    inspection = library.inspection("core-business-2014")
    for section in inspection.sections.values():
        for finding in section.findings.values():
            assert f"# {finding.id} — {finding.topic}" in scaffold
            for variant in finding.variants.values():
                assert f"# {variant.id} ({variant.judgement}): " in scaffold
    assert "#   trained: integer, at least 1 — number of officers and staff trained" in scaffold

    unfilled = run("check", target)
    assert unfilled.exit_code == 1
    errors = unfilled.stderr.splitlines()
    assert f"{target}:9:7: error: date must be a date written YYYY-MM-DD, e.g. 2014-09-03" in errors
    assert any(re.fullmatch(rf"{re.escape(str(target))}:\d+:7: error: finding 'prevention-strategy' is still TODO: "
                            r"choose its variant, or delete the entry \(one of 'prevention-strategy/absent', "
                            r"'prevention-strategy/absent-not-inhibiting'\)", e)
               for e in errors)

    target.write_text(fill(scaffold, library), encoding="utf-8")
    assert not [line for line in target.read_text(encoding="utf-8").splitlines()
                if "TODO" in line and not line.lstrip().startswith("#")]
    filled = run("check", target)
    assert filled.exit_code == 0, filled.stderr
    rendered = run("render", target, "-f", "json")
    assert rendered.exit_code == 0


def test_filling_in_the_head_of_a_scaffold_is_not_enough_to_pass_check(tmp_path, library):
    """Every finding is a decision: even one with a single variant is written FINDING/TODO, which check refuses."""
    target = tmp_path / "new.yaml"
    assert run("new", "--force", "Kent Police", "-o", target).exit_code == 0  # the library's one inspection
    head_only = "\n".join(line.replace("date: TODO", "date: 2014-09-03").replace("from: TODO", "from: zoe-billingham")
                          .replace("TODO recipient's name", "Mr Alan Pughsley")
                          .replace("TODO recipient's position", "Chief Constable").replace("Dear TODO", "Dear Alan")
                          for line in target.read_text(encoding="utf-8").splitlines())
    target.write_text(head_only + "\n", encoding="utf-8")
    result = run("check", target)
    assert result.exit_code == 1
    inspection = library.inspection("core-business-2014")
    findings = [f for section in inspection.sections.values() for f in section.findings.values()]
    undecided = [line for line in result.stderr.splitlines() if "is still TODO: choose its variant" in line]
    assert len(undecided) == len(findings)  # one error for every finding, a single variant's included
    single = [f for f in findings if len(f.variants) == 1]
    assert single, "the shipped library has findings with one variant"
    for finding in single:
        assert any(f"finding '{finding.id}' is still TODO" in line for line in undecided)
    assert run("render", target, "--final", "-o", tmp_path / "out").exit_code == 1
    assert not (tmp_path / "out").exists()


def test_new_needs_no_inspection_when_the_library_has_one_and_asks_when_it_has_several(tmp_path, library_copy):
    result = run("new", "--force", "Kent Police")
    assert result.exit_code == 0 and "\ninspection: core-business-2014\n" in result.stdout
    shutil.copytree(library_copy / "core-business-2014", library_copy / "other-2015")
    result = run("new", "--force", "Kent Police", "--library", library_copy)
    assert result.exit_code == 2
    assert "the library has 2 inspections; choose one with --inspection ID (core-business-2014, other-2015)" \
        in result.stderr


def test_from_todo_lists_the_signatories(tmp_path):
    target = tmp_path / "new.yaml"
    assert run("new", "--force", "Kent Police", "-o", target).exit_code == 0
    result = run("check", target)
    assert f"{target}:13:7: error: from is still TODO: choose who signs the letter (one of roger-baker (Roger " \
           "Baker, HM Inspector of Constabulary); zoe-billingham (Zoë Billingham, HM Inspector of Constabulary, " \
           "Eastern Region), or write {name: …, title: …})" in result.stderr.splitlines()


def test_new_prints_to_standard_output_without_o():
    result = run("new", "--inspection", "core-business-2014", "--force", "Kent Police")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=core-business-2014.schema.json\n"
                                    "# A new letter of core-business-2014 to Kent Police.\n")
    assert "\nforce: Kent Police\n" in result.stdout


def test_new_quotes_a_force_name_that_would_read_as_something_else(tmp_path, library):
    result = run("new", "--inspection", "core-business-2014", "--force", "yes: #1")
    assert "\nforce: 'yes: #1'\n" in result.stdout


def test_new_never_replaces_a_file_and_reports_unknown_inspections(tmp_path):
    target = tmp_path / "kent.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run("new", "--inspection", "core-business-2014", "--force", "Kent Police", "-o", target)
    assert result.exit_code == 1 and target.read_text(encoding="utf-8") == "mine\n"
    assert result.stderr == f"{target}: error: already exists; not replaced (pass --overwrite to replace it, or -o another file)\n"
    result = run("new", "--inspection", "core-busines-2014", "--force", "Kent Police")
    assert result.exit_code == 1
    assert result.stderr == "error: unknown inspection 'core-busines-2014' (did you mean 'core-business-2014'?)\n"
    assert run("new", "--inspection", "core-business-2014").exit_code == 2


ONE_LINE = '; name the force in plain text on one line, e.g. --force "Kent Police"'


@pytest.mark.parametrize("force, problem", [
    ("Kent\nlead_in: false", "contains a line break" + ONE_LINE),
    ("Kent\r\nPolice", "contains a line break" + ONE_LINE),
    ("Kent\u2028Police", "contains a line break" + ONE_LINE),
    ("Kent\x07", "contains the control character U+0007" + ONE_LINE),
    ("Kent\tPolice", "contains the control character U+0009" + ONE_LINE),
    ("Kent \u202ePolice", "contains the character U+202E" + ONE_LINE),
    ("", 'must name the force, e.g. --force "Kent Police"'),
    ("   ", 'must name the force, e.g. --force "Kent Police"'),
], ids=["newline", "crlf", "line-separator", "bell", "tab", "bidi-override", "empty", "blank"])
def test_new_refuses_a_force_name_that_is_not_one_line_of_text_as_wrong_usage(force, problem, tmp_path):
    target = tmp_path / "new.yaml"
    result = run("new", "--inspection", "core-business-2014", "--force", force, "-o", target)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--force': {problem}"
    assert not target.exists()


def test_new_strips_the_spaces_around_a_force_name():
    result = run("new", "--inspection", "core-business-2014", "--force", "  Kent Police ")
    assert result.exit_code == 0
    assert "\nforce: Kent Police\n" in result.stdout


def test_new_scaffolds_a_draft_when_the_embargo_is_unusable_and_warns(unusable_embargo, tmp_path):
    # Drafts render without an embargo, so a scaffold is written; it used to be a TypeError traceback.
    library, inspection, where, problem = unusable_embargo
    target = tmp_path / "new.yaml"
    result = run("new", "--inspection", "core-business-2014", "--force", "Kent Police", "-o", target,
                 "--library", library)
    assert result.exit_code == 0 and result.stdout == f"{target}\n"
    assert result.stderr == (f"{inspection}:{where}: warning: the embargo instant is unusable, so a final letter "
                             f"will be refused: {problem}\n")
    assert "\ndate: TODO  # the letter's date, YYYY-MM-DD; the inspection has no usable embargo yet (a final " \
           "letter is refused until it has)\n" in target.read_text(encoding="utf-8")
    target.write_text(fill(target.read_text(encoding="utf-8"), Library(library)), encoding="utf-8")
    checked = run("check", target, "--library", library)
    assert checked.exit_code == 1  # filled in, it is refused as a final letter for the embargo alone
    assert [line for line in checked.stderr.splitlines() if ": error: " in line] == [
        f"{inspection}:{where}: error: the embargo instant is unusable: {problem}"]
    assert run("render", target, "-f", "txt", "--library", library).exit_code == 0


def test_extract_a_letter_with_no_date_when_the_embargo_is_unusable(unusable_embargo, tmp_path):
    # The stand-in date was the day before the embargo: with none, an AttributeError traceback.
    library, inspection, where, problem = unusable_embargo
    target = tmp_path / "unnamed.yaml"
    before = dt.date.today()
    result = run("extract", RAW_UNNAMED, "-o", target, "--library", library)
    today = {before, dt.date.today()}
    assert result.exit_code == 0, result.output
    assert any(f"  from roger-baker to TODO recipient's name, dated {long_date(day)}" in result.stdout.splitlines()
               for day in today)
    assert result.stderr.splitlines()[0] == (f"{inspection}:{where}: warning: the embargo instant is unusable, so a "
                                             f"final letter will be refused: {problem}")
    text = target.read_text(encoding="utf-8")
    assert any(f"\ndate: {day.isoformat()}  # stand-in: the letter shows no date and the inspection no usable "
               "embargo; today's date is written\n" in text for day in today)
    assert run("render", target, "-f", "txt", "--library", library).exit_code == 0


def test_a_draft_rendered_without_an_embargo_extracts_to_the_library_introduction(library_copy, tmp_path):
    # Its introduction prints the embargo placeholder; read as "None", it came back as this letter's own wording.
    edit(library_copy / "core-business-2014" / "inspection.yaml", ("embargo: 2014-09-04 00:01\n", ""))
    draft = tmp_path / "kent.yaml"
    shutil.copy(KENT, draft)  # status: draft
    assert run("render", draft, "-f", "txt", "--library", library_copy).exit_code == 0
    assert "[embargo date and time]" in draft.with_suffix(".txt").read_text(encoding="utf-8")
    result = run("extract", draft.with_suffix(".txt"), "-o", tmp_path / "again.yaml", "--library", library_copy)
    assert result.exit_code == 0
    assert "  introduction: library wording; lead-in present" in result.stdout.splitlines()
    assert "introduction:" not in (tmp_path / "again.yaml").read_text(encoding="utf-8")
