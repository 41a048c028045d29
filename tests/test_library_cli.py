"""``letterforge library list | show | search`` on the shipped library."""

from __future__ import annotations

import pytest

from letterforge.tools.search import search

from .conftest import edit, run

ATTENDANCE = "findings_library/core-business-2014/attendance.yaml"


def test_list_gives_findings_by_inspection_and_section_with_variants():
    result = run("library", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "core-business-2014  Core business: An inspection of crime prevention, police attendance and use of police time",
        "  preventing-crime  Preventing crime",
        "    prevention-strategy  An overarching crime prevention strategy",
        "      absent                 improvement",
        "      absent-not-inhibiting  strength     {{ evidence }}",
        "    long-term-initiatives  Long-term crime prevention initiatives and daily management meetings",
    ]
    assert [line for line in lines if not line.startswith("    ")] == [
        lines[0], "  preventing-crime  Preventing crime", "  attendance  Attendance at crimes and incidents",
        "  freeing-up-time  Freeing up time"]
    assert "      well-managed   strength" in lines and "      not-effective  improvement" in lines


def test_list_one_inspection_and_an_unknown_one():
    assert run("library", "list", "--inspection", "core-business-2014").stdout == run("library", "list").stdout
    result = run("library", "list", "--inspection", "core-busines-2014")
    assert result.exit_code == 1
    assert result.stderr == "error: unknown inspection 'core-busines-2014' (did you mean 'core-business-2014'?)\n"


def test_show_a_finding_with_phrasings_parameters_and_how_to_select_it():
    result = run("library", "show", "crime-prevention-training")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:7] == [
        "crime-prevention-training — Formal crime prevention training",
        "  inspection core-business-2014, section preventing-crime, "
        "findings_library/core-business-2014/preventing-crime.yaml:70:5",
        "",
        "delivered (strength)",
        "  The force has already provided formal crime prevention training to {{ trained }}",
        "  officers and staff and has plans to extend this further.",
        "  trained: integer, at least 1 — number of officers and staff trained",
    ]
    assert "  in a selection: - crime-prevention-training/delivered: {trained: …}" in result.stdout.splitlines()
    assert "  in a selection: - crime-prevention-training/not-delivered" in result.stdout.splitlines()


def test_show_one_variant_with_an_example_value():
    result = run("library", "show", "long-term-initiatives/good-examples-linked")
    assert result.exit_code == 0
    assert "good-examples (strength)" not in result.stdout
    assert ("  linked_to: text — the initiative the meetings are linked to "
            "(e.g. the force’s predictive policing initiative)") in result.stdout.splitlines()


def test_show_unknown_finding_or_variant_suggests():
    result = run("library", "show", "named-suspect")
    assert (result.exit_code, result.stderr) == (1, "error: unknown finding 'named-suspect' (did you mean 'named-suspects'?)\n")
    result = run("library", "show", "iom/well-manged")
    assert (result.exit_code, result.stderr) == (
        1, "error: unknown variant 'well-manged' of finding 'iom' (did you mean 'well-managed'?)\n")


def test_search_ranks_and_marks_the_matching_words():
    result = run("library", "search", "named", "suspects", "-n", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"named-suspects/robust  strength  100%  {ATTENDANCE}:110:15",
        "  The force was able to provide HMIC with the number of «named suspects» that are yet to",
        "  be arrested or interviewed, as well as those who had failed to answer police bail. The",
        "  inspection team found that the force has clear, robust arrangements to manage its",
        "  outstanding «named suspects» and offenders.",
        "",
        f"named-suspect-files/documented  strength  97%  {ATTENDANCE}:121:15",
        "  A small sample of «named suspect» files, including those circulated as wanted on the",
        "  police national computer, provided clear evidence that activity had been documented",
        "  and properly supervised in a number of cases.",
    ]


def test_search_forgives_slips_and_weighs_rare_words(library):
    assert [h.variant.id for h in search(library, "suspcts bail", limit=1)] == ["robust"]
    ranked = [f"{h.variant.finding}/{h.variant.id}" for h in search(library, "force training", limit=3)]
    assert ranked[:2] == ["crime-prevention-training/delivered", "crime-prevention-training/not-delivered"]
    [hit] = search(library, "train", limit=1)
    assert [hit.text[a:b] for a, b in hit.marks] == ["training", "trained"]  # "trained" is the placeholder


def test_search_with_no_match():
    result = run("library", "search", "zzzz")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no phrasing matches 'zzzz'\n")


def test_a_library_with_problems_is_reported_not_listed(library_copy):
    edit(library_copy / "core-business-2014" / "attendance.yaml", ("judgement: neutral", "judgement: neutrall"))
    for command in (("list",), ("show", "iom"), ("search", "bail")):
        result = run("library", *command, "--library", library_copy)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.endswith("attendance.yaml:18:20: error: unknown judgement 'neutrall' "
                                      "(expected one of 'improvement', 'neutral', 'strength')\n")


def test_an_empty_blank_or_wordless_search_is_wrong_usage():
    # "!!!" was an input problem (exit 1) while "" was wrong usage (exit 2): the same mistake.
    for words in ([""], ["  "], ["", "\t"], ["--", "!!!"], ["--", "-", "…", "?!", "'"]):
        result = run("library", "search", *words)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == "Error: Invalid value for 'WORD...': give one or more words to search for"


NOT_A_NAME = "is not a valid name (use lower-case letters, digits and '-', e.g. 'named-suspects')"


@pytest.mark.parametrize("reference, message", [
    ("iom/", "'iom/' names no variant (write 'iom' for all its variants, or 'iom/VARIANT' for one)"),
    ("../../etc/passwd", f"finding '../../etc/passwd' {NOT_A_NAME}"),
    ("iom/../../x", f"finding 'iom/../../x' {NOT_A_NAME}"),
    ("../iom", f"finding '..' {NOT_A_NAME}"),
    ("/iom", f"finding '' {NOT_A_NAME}"),
    ("iom/Well Managed", f"variant 'Well Managed' {NOT_A_NAME.replace('named-suspects', 'robust')}"),
])
def test_show_refuses_a_reference_that_is_not_finding_or_finding_variant(reference, message):
    result = run("library", "show", reference)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")


def test_a_folder_with_no_inspection_is_not_listed_shown_or_searched(tmp_path):
    (tmp_path / "people.yaml").write_text("signatories: {}\n", encoding="utf-8")
    for command in (("list",), ("list", "--inspection", "core-business-2014"), ("show", "iom"), ("search", "bail")):
        result = run("library", *command, "--library", tmp_path)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"{tmp_path}: error: no inspections here (no <id>/inspection.yaml) "
            "(give the findings library: the folder holding people.yaml and one folder per inspection)\n")
