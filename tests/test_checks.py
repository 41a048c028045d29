"""Embargo-ready: the checks, draft and final letters, and what a final render refuses."""

from __future__ import annotations

import io
import pickle
import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from letterforge.checks.rules import CheckProblem, check_letter
from letterforge.cli import main
from letterforge.load.library import Library
from letterforge.app.pipeline import load_letter
from letterforge.render.docx import render_docx
from letterforge.resources import default_library


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def problems_of(path, library):
    """The check results for the selection at ``path``, without the path in front."""
    return [re.sub(r"^\S*?\.yaml:", "", p.format_message()) for p in check_letter(*load_letter(path, library))]


def test_the_examples_have_no_errors_and_the_expected_warnings(library):
    from .conftest import KENT, UNNAMED

    assert problems_of(KENT, library) == [
        "51:7: warning: bespoke text for 'workload-supervision' is within 1 word of library variant "
        "'workload-supervision/clear-structure' (use 'workload-supervision/clear-structure' unless the "
        "difference is meant)"]
    assert problems_of(UNNAMED, library) == [
        "21:7: warning: house style: ‘the Force’ and ‘the force’ in one letter (use one spelling throughout)"]


@pytest.mark.parametrize("date, message", [
    ("2014-09-05", "dated 5 September 2014, after the embargo lifted at 00:01 on Thursday 4 September 2014"),
    ("2014-09-04", "dated 4 September 2014, the day the embargo lifts at 00:01 on Thursday 4 September 2014"),
])
def test_a_letter_dated_on_or_after_the_embargo_is_an_error(selection_file, library, date, message):
    path = selection_file(lambda t: t.replace("date: 2014-09-03", f"date: {date}"))
    assert problems_of(path, library)[0] == f"5:7: error: {message} (date the letter before the embargo)"


def test_a_placeholder_anywhere_is_an_error_at_the_line_to_fix(selection_file, library):
    path = selection_file(lambda t: t.replace("Dear Alan", "Dear TODO").replace(
        "in assessing the workload", "in assessing the [...] workload"))
    errors = [p for p in problems_of(path, library) if "error" in p]
    assert errors == [
        "12:13: error: salutation holds the placeholder ‘TODO’ (replace it with the real text)",
        "51:7: error: the text of finding 'workload-supervision' holds the placeholder ‘[...]’ (replace it with the "
        "real text)"]


@pytest.mark.parametrize("text", ["XX officers", "{{ trained }} officers", "{trained} officers", "TBC officers",
                                  "{% if x %} officers", "officers }}"])
def test_every_kind_of_placeholder_is_caught_once(selection_file, library, text):
    path = selection_file(lambda t: t.replace("Dear Alan", f"Dear Alan, {text}"))
    assert sum("salutation holds the placeholder" in p for p in problems_of(path, library)) == 1


def test_a_letter_with_no_findings_is_an_error(selection_file, library):
    path = selection_file(lambda t: t[:t.index("sections:")] + "sections: {}\ncopy_to: [Sonya Gransden]\n")
    assert problems_of(path, library) == [
        "14:11: error: the letter has no findings (choose the findings for this force under sections)"]


def test_the_same_finding_twice_is_an_error(selection_file, library):
    path = selection_file(lambda t: t.replace("    - crime-recording\n", "    - crime-recording\n    - crime-recording\n"))
    assert problems_of(path, library)[0] == "43:7: error: finding 'crime-recording' appears twice (first at line 42)"


def test_an_empty_section_is_a_warning(selection_file, library):
    path = selection_file(lambda t: re.sub(r"  freeing-up-time:\n(    .*\n|    #.*\n|        .*\n)+", "  freeing-up-time: []\n", t))
    assert "47:3: warning: section 'freeing-up-time' has no findings (add findings or leave the section out)" in \
        problems_of(path, library)


def test_bespoke_text_identical_to_a_variant_is_named(selection_file, library):
    path = selection_file(lambda t: t.replace("frontline officers", "front-line officers"))
    assert problems_of(path, library) == [
        "51:7: warning: bespoke text for 'workload-supervision' is identical to library variant "
        "'workload-supervision/clear-structure' (write '- workload-supervision/clear-structure' instead)"]


def test_free_text_close_to_any_variant_is_named(selection_file, library):
    free = "- text: The response and deployment policy is under review."
    path = selection_file(lambda t: t.replace("    - named-suspects/robust", f"    - named-suspects/robust\n    {free}"))
    assert ("46:7: warning: free text is within 1 word of library variant 'response-policy-review/under-review' "
            "(use 'response-policy-review/under-review' unless the difference is meant)") in problems_of(path, library)


def test_house_style_terms_spelt_two_ways_in_one_letter(selection_file, library):
    path = selection_file(lambda t: t.replace("Dear Alan", "Dear Alan, front-line"))
    assert problems_of(path, library)[-1] == (
        "51:7: warning: house style: ‘front-line’ and ‘frontline’ in one letter (use one spelling throughout)")


def test_a_reworded_embargo_paragraph_without_the_embargo_is_an_error(selection_file, library):
    path = selection_file(lambda t: t + "introduction:\n  embargo: Attached is a copy of the national report.\n")
    assert problems_of(path, library)[0] == (
        "62:12: error: the embargo sentence is missing: no paragraph says ‘Thursday 4 September 2014 at 00:01’ "
        "(keep the introduction's embargo paragraph)")


@pytest.fixture
def library_with_embargo(tmp_path):
    """A copy of the shipped library whose embargo line is replaced: ``library_with_embargo("embargo: …")``."""

    def make(line: str) -> Library:
        root = tmp_path / "library"
        shutil.copytree(default_library(), root)
        inspection = root / "core-business-2014" / "inspection.yaml"
        text = inspection.read_text(encoding="utf-8")
        inspection.write_text(text.replace("embargo: 2014-09-04 00:01", line), encoding="utf-8")
        return Library(root)

    return make


def test_a_missing_embargo_lets_a_draft_render_but_is_an_error(library_with_embargo):
    from .conftest import KENT

    library = library_with_embargo("# no embargo yet")
    selection, letter = load_letter(KENT, library)
    assert any("published by HMIC on [embargo date and time]." in b.text for b in letter.blocks)
    messages = [p.message for p in check_letter(selection, letter) if p.severity == "error"]
    assert messages == ["the embargo instant is unusable: the inspection has no embargo instant"]


@pytest.mark.parametrize("line, message", [
    ("embargo: 2014-03-30 01:30", "embargo 2014-03-30 01:30 does not exist in London (the clocks go forward)"),
    ("embargo: 2014-10-26 01:30", "embargo 2014-10-26 01:30 happens twice in London (the clocks go back)"),
    ("embargo: next Thursday", "embargo must be a local date and time written YYYY-MM-DD HH:MM, e.g. 2014-09-04 00:01"),
])
def test_an_invalid_embargo_is_an_error_located_in_the_library(library_with_embargo, line, message):
    from .conftest import KENT

    problem = check_letter(*load_letter(KENT, library_with_embargo(line)))[0]
    assert problem.message == f"the embargo instant is unusable: {message}"
    assert str(problem.location).endswith("core-business-2014/inspection.yaml:6:10")


def test_check_problems_survive_pickling():
    problem = CheckProblem("embargo", "error", "dated late", None, "date it earlier", 4)
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.check, copy.severity, copy.format_message(), copy.block) == (
        "embargo", "error", "error: dated late (date it earlier)", 4)


# ---------------------------------------------------------------- the command line


def test_check_prints_warnings_and_exits_0_without_errors():
    from .conftest import EXAMPLES

    result = run("check", EXAMPLES)
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 3
    assert result.stderr.splitlines()[-1] == "2 checked: 2 with warnings only, 0 with errors"


def test_check_exits_1_on_a_check_error(selection_file):
    path = selection_file(lambda t: t.replace("Dear Alan", "Dear XX"))
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"1 checked: 0 with warnings only, 1 with errors: {path}"


def test_a_final_letter_dated_after_the_embargo_is_refused_and_nothing_written(selection_file, tmp_path):
    path = selection_file(lambda t: t.replace("date: 2014-09-03", "date: 2014-09-05"))
    out = tmp_path / "out"
    result = run("render", path, "--final", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:5:7: error: dated 5 September 2014, after the embargo lifted at 00:01 on Thursday 4 September 2014 "
        "(date the letter before the embargo)",
        f"{path}: error: final letter not written: it fails 1 check"]
    assert not out.exists()


def test_status_final_in_the_selection_is_the_same_as_final_flag(selection_file):
    path = selection_file(lambda t: t.replace("status: draft", "status: final").replace("Dear Alan", "Dear TODO"))
    result = run("render", path, "-f", "txt")
    assert result.exit_code == 1
    assert "salutation holds the placeholder ‘TODO’" in result.stderr
    assert not path.with_suffix(".txt").exists()


def test_a_draft_with_check_errors_is_still_rendered(selection_file):
    path = selection_file(lambda t: t.replace("Dear Alan", "Dear TODO"))
    assert run("render", path, "-f", "txt").exit_code == 0


def docx_parts(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def test_a_draft_docx_carries_draft_in_its_header(tmp_path):
    from .conftest import KENT

    assert run("render", KENT, "-o", tmp_path, "-f", "docx").exit_code == 0
    parts = docx_parts(tmp_path / "kent.docx")
    headers = [name for name in parts if re.fullmatch(r"word/header\d+\.xml", name)]
    assert headers and all(">DRAFT<" in parts[name] for name in headers)


def test_a_final_kent_has_no_comments_no_draft_mark_and_clean_properties(tmp_path):
    from .conftest import KENT

    result = run("render", KENT, "--final", "-o", tmp_path, "-f", "docx")
    assert result.exit_code == 0, result.stderr
    parts = docx_parts(tmp_path / "kent.docx")
    assert not any("comment" in name for name in parts)
    assert not any("commentReference" in text or "w:ins " in text or "w:del " in text for text in parts.values())
    assert [name for name, text in parts.items() if "draft" in text.lower()] == []  # not even the unused style
    assert "rsid" not in parts["word/settings.xml"]
    core = parts["docProps/core.xml"]
    assert "<dc:creator>Zoë Billingham</dc:creator>" in core and "house style" not in core
    import docx

    properties = docx.Document(tmp_path / "kent.docx").core_properties
    assert (properties.author, properties.title, properties.revision) == (
        "Zoë Billingham", "Core business: An inspection of crime prevention, police attendance and use of police "
        "time – Kent Police", 1)


def test_final_status_reaches_the_letter(library):
    from .conftest import KENT

    _, letter = load_letter(KENT, library, final=True)
    assert letter.meta.status == "final"
    assert b"DRAFT" not in zipfile.ZipFile(io.BytesIO(render_docx(letter))).read("word/header1.xml")


def test_bespoke_text_is_compared_with_variants_that_compare_their_numbers(library_copy, selection_file):
    from .conftest import edit

    edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
         ("{{ trained }} officers and staff", "{{ trained }} {% if trained > 1 %}officers{% else %}officer{% endif %}"
                                              " and staff"))
    path = selection_file(lambda t: t.replace("- crime-prevention-training/delivered: {trained: 500}",
                                              "- crime-prevention-training: {text: 'The force has already provided "
                                              "formal crime prevention training to 20 officers and staff and "
                                              "has plans to extend this further.'}"))
    problems = check_letter(*load_letter(path, Library(library_copy)))
    assert ("bespoke text for 'crime-prevention-training' is within 2 words of library variant "
            "'crime-prevention-training/delivered'") in [p.message for p in problems]
