"""The comparison core: pairing blocks, and one summary line per change in the inspector's terms."""

from __future__ import annotations

import pytest

from letterforge.diff.compare import compare
from letterforge.diff.inputs import read_draft
from letterforge.diff.words import changed_span, word_diff
from letterforge.app.pipeline import build_letter
from letterforge.render.docx import render_docx

from . import diff_edits as edits


@pytest.fixture
def kent_draft(selection_file, library):
    """The letter of kent.yaml after an edit."""
    return lambda edit: build_letter(selection_file(edit, "new.yaml"), library)


def summary(old, new) -> list[str]:
    return [c.summary() for c in compare(old.blocks, new.blocks).changes]


def test_identical_letters_have_no_changes(kent_letter):
    comparison = compare(kent_letter.blocks, kent_letter.blocks)
    assert comparison.changes == ()
    assert {s.kind for s in comparison.steps} == {"same"}


def test_parameter_and_salutation(kent_letter, kent_draft):
    new = kent_draft(edits.parameter_and_salutation)
    assert summary(kent_letter, new) == [
        "salutation: Dear Alan -> Dear Mr Pughsley",
        "preventing-crime / crime-prevention-training: trained 500 -> 650",
    ]
    parameter = compare(kent_letter.blocks, new.blocks).changes[1]
    assert (parameter.change, parameter.field, parameter.old, parameter.new) == ("parameter", "trained", 500, 650)


def test_variant(kent_letter, kent_draft):
    assert summary(kent_letter, kent_draft(edits.variant)) == [
        "attendance / iom: variant not-effective -> well-managed"]


def test_added_and_removed_findings(kent_letter, kent_draft):
    new = kent_draft(edits.added_and_removed)
    assert summary(kent_letter, new) == [
        "preventing-crime / prevention-database: finding removed (variant problem-solving)",
        "attendance / quality-of-service: finding added (variant good-checks)",
    ]
    assert summary(new, kent_letter) == [
        "preventing-crime / prevention-database: finding added (variant problem-solving)",
        "attendance / quality-of-service: finding removed (variant good-checks)",
    ]


def test_reordered_sections_are_one_change(kent_letter, kent_draft):
    assert summary(kent_letter, kent_draft(edits.sections_swapped)) == [
        "sections: order preventing-crime, attendance, freeing-up-time "
        "-> preventing-crime, freeing-up-time, attendance",
    ]


def test_moved_finding(kent_letter, kent_draft):
    comparison = compare(kent_letter.blocks, kent_draft(edits.finding_moved).blocks)
    assert [c.summary() for c in comparison.changes] == ["attendance / iom: moved after named-suspects"]
    assert sorted(s.kind for s in comparison.steps if s.kind != "same") == ["deleted", "inserted"]


def test_wording_title_long_parameter_and_free_text(kent_letter, kent_draft):
    assert summary(kent_letter, kent_draft(edits.wording_and_title)) == [
        "attendance: title Attendance at crimes and incidents -> Crime recording and attendance",
        "attendance / resource-availability: evidence …on duty several days beforehand… "
        "-> …on duty two days beforehand…",
        "freeing-up-time / workload-supervision: wording …performance of frontline officers and… "
        "-> …performance of front-line officers and…",
        "freeing-up-time / free text: added A free paragraph that no library finding covers.",
    ]


def test_bespoke_wording_in_place_of_a_variant(kent_letter, kent_draft):
    bespoke = '    - savings: {text: "Savings were found."}\n'
    new = kent_draft(lambda t: t.replace("    - savings/identified\n", bespoke))
    assert summary(kent_letter, new) == ["freeing-up-time / savings: variant identified -> bespoke wording"]
    assert summary(new, kent_letter) == ["freeing-up-time / savings: bespoke wording -> variant identified"]


def test_date_after_the_address_is_a_move(kent_letter, kent_draft):
    new = kent_draft(lambda t: t.replace("salutation: Dear Alan",
                                         "salutation: Dear Alan\ndate_position: after-address"))
    assert summary(kent_letter, new) == ["date: moved after recipient"]


def test_docx_letters_compare_by_their_words(kent_letter, kent_draft, tmp_path, library):
    (tmp_path / "old.docx").write_bytes(render_docx(kent_letter))
    (tmp_path / "new.docx").write_bytes(render_docx(kent_draft(edits.parameter_and_salutation)))
    old, new = read_draft(str(tmp_path / "old.docx"), library), read_draft(str(tmp_path / "new.docx"), library)
    assert summary(old, new) == [
        "salutation: Dear Alan -> Dear Mr Pughsley",
        "Preventing crime / bullet: …training to 500 officers and… -> …training to 650 officers and…",
    ]


def test_docx_letters_with_a_section_moved(kent_letter, kent_draft, tmp_path, library):
    (tmp_path / "old.docx").write_bytes(render_docx(kent_letter))
    (tmp_path / "new.docx").write_bytes(render_docx(kent_draft(edits.sections_swapped)))
    old, new = read_draft(str(tmp_path / "old.docx"), library), read_draft(str(tmp_path / "new.docx"), library)
    assert summary(old, new) == [
        "sections: order Preventing crime, Attendance at crimes and incidents, Freeing up time -> "
        "Preventing crime, Freeing up time, Attendance at crimes and incidents",
    ]


def test_a_selection_against_a_docx_names_findings_where_it_can(kent_letter, kent_draft, tmp_path, library):
    (tmp_path / "new.docx").write_bytes(render_docx(kent_draft(edits.added_and_removed)))
    assert summary(kent_letter, read_draft(str(tmp_path / "new.docx"), library)) == [
        "preventing-crime / prevention-database: finding removed (variant problem-solving)",
        "attendance / bullet: added There are good checking systems in place to monitor the…",
    ]


def test_word_diff_folds_a_lone_space_between_changes():
    assert word_diff("the quick brown fox", "a slow brown fox") == [
        ("del", "the quick"), ("ins", "a slow"), ("same", " brown fox")]
    assert word_diff("Dear Alan", "Dear Mr Pughsley") == [("same", "Dear "), ("del", "Alan"), ("ins", "Mr Pughsley")]


def test_word_diff_gives_back_both_texts():
    old, new = "Crime is recorded, initially, by the force.", "Crime is recorded by the force; initially."
    pieces = word_diff(old, new)
    assert "".join(t for op, t in pieces if op != "ins") == old
    assert "".join(t for op, t in pieces if op != "del") == new


def test_changed_span_keeps_two_words_either_side():
    assert changed_span("one two three four five six", "one two three FOUR five six") == (
        "…two three four five six", "…two three FOUR five six")
