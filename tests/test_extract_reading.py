"""Reading letters that differ from the library: reworded, new, run together, retitled, other heads."""

from __future__ import annotations

import time

import pytest

from letterforge.extract import extract
from letterforge.extract.blocks import join_lines, split_text
from letterforge.load.selection import load_selection

from .test_extract_golden import RAW_KENT, choices

KENT_TEXT = RAW_KENT.read_text(encoding="utf-8")

VULNERABLE = ("The force has clear policies and procedures to enable call handlers to \nconsistently identify "
              "vulnerable and repeat victims of crime and anti-social \nbehaviour.")
SAVINGS = ("The force has a well-established programme of continuous improvement and \nhas been able to identify "
           "savings from these initiatives, either in terms of \nmoney, time or both.")


def edited(tmp_path, library, *replacements, name="letter.txt"):
    """Extract the raw Kent letter with ``(old, new)`` replacements; returns (extracted, loaded selection)."""
    text = KENT_TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    letter = tmp_path / name
    letter.write_text(text, encoding="utf-8")
    target = tmp_path / "letter.yaml"
    extracted = extract(letter, library, target)
    target.write_text(extracted.text, encoding="utf-8")
    return extracted, load_selection(target, library)


def entries(extracted, source):
    return [(section.id, entry) for section, entry in extracted.extraction.entries(source)]


def test_one_sentence_reworded_is_bespoke_linked_to_its_finding(tmp_path, library):
    reworded = ("The force has clear procedures that help call handlers to \nidentify vulnerable and repeat "
                "victims of crime and anti-social \nbehaviour quickly.")
    extracted, selection = edited(tmp_path, library, (VULNERABLE, reworded))
    bespoke = entries(extracted, "bespoke")
    assert [(section, e.variant.finding, e.likeness.key.id) for section, e in bespoke] == [
        ("attendance", "vulnerable-victims", "clear-policies"), ("freeing-up-time", "workload-supervision",
                                                                 "clear-structure")]
    assert 80 < bespoke[0][1].likeness.score < 90
    attendance = choices(selection)["attendance"]
    assert attendance[2] == ("vulnerable-victims", None, {}, reworded.replace(" \n", " "))
    assert "# bespoke: reworded library text; the closest is vulnerable-victims/clear-policies (85.1% alike," in (
        extracted.text)
    assert extracted.warnings == []


def test_a_paragraph_about_something_else_is_free_text(tmp_path, library):
    other = ("The chief officer team has set up a new wellbeing service for officers \nand staff, which is run "
             "jointly with the local health board.")
    extracted, selection = edited(tmp_path, library, (SAVINGS, other))
    free = entries(extracted, "free")
    assert [(section, e.text) for section, e in free] == [("freeing-up-time", other.replace(" \n", " "))]
    assert free[0][1].likeness.score < 60
    assert choices(selection)["freeing-up-time"][3] == (None, None, {}, other.replace(" \n", " "))
    assert "    # free text: no library finding is close (the closest," in extracted.text
    assert extracted.warnings == []


def test_two_bullets_run_together_on_one_line_are_split_where_each_matches(tmp_path, library):
    extracted, selection = edited(tmp_path, library, ("could be.  \n  The force was able", "could be. The force was able"))
    attendance = choices(selection)["attendance"]
    assert [entry[:2] for entry in attendance[-2:]] == [("iom", "not-effective"), ("named-suspects", "robust")]
    assert extracted.warnings == []


def test_a_heading_worded_otherwise_stands_for_its_findings_section_as_a_title(tmp_path, library):
    extracted, selection = edited(tmp_path, library, ("\nAttendance at crimes and incidents \n",
                                                      "\nResponding to reports of crime \n"))
    assert [(s.id, s.title, s.title_is_bespoke) for s in selection.sections][1] == (
        "attendance", "Responding to reports of crime", True)
    assert "    title: Responding to reports of crime  # the library's title: Attendance at crimes and incidents\n" in (
        extracted.text)
    assert extracted.warnings == []


def test_an_optional_parameter_that_would_hold_a_whole_finding_is_split_off(tmp_path, library):
    # risk-based ends in an optional {{ consultation }}; the next finding run onto it must not become its value
    extracted, selection = edited(tmp_path, library, (
        "obtained through \nsurveys. \n\n The force control room", "obtained through \nsurveys. The force control room"))
    attendance = choices(selection)["attendance"]
    assert [entry[:2] for entry in attendance[:2]] == [("attendance-policy", "risk-based"),
                                                       ("resource-availability", "unclear")]


def test_numbers_with_thousands_separators_are_integers(tmp_path, library):
    extracted, selection = edited(tmp_path, library, ("training to 500 \nofficers", "training to 1,500 \nofficers"))
    assert choices(selection)["preventing-crime"][3] == ("crime-prevention-training", "delivered", {"trained": 1500},
                                                         None)


def test_a_number_the_library_would_print_otherwise_is_not_library_wording(tmp_path, library):
    extracted, selection = edited(tmp_path, library, ("training to 500 \nofficers", "training to 1500 \nofficers"))
    (section, entry), _ = entries(extracted, "bespoke")
    assert (section, entry.variant.finding, entry.likeness.key.id) == ("preventing-crime", "crime-prevention-training",
                                                                        "delivered")
    assert extracted.warnings == []  # it still renders as written


def test_a_reworded_introduction_paragraph_becomes_this_letters_wording(tmp_path, library):
    extracted, selection = edited(tmp_path, library, ("relate to your force are included in this letter",
                                                      "relate to Kent Police are included in this letter"))
    assert list(selection.introduction) == ["factual-accuracy"]
    assert selection.introduction["factual-accuracy"].text.startswith("The findings that specifically relate to "
                                                                       "Kent Police are included")
    assert extracted.warnings == [] and "library wording except 'factual-accuracy' (reworded)" in extracted.report[2]


def test_head_with_address_letters_and_date_after_it(tmp_path, library):
    extracted, selection = edited(tmp_path, library, (
        "3 September 2014 \n\n \n\nMr Alan Pughsley \nChief Constable – Kent Police  \n",
        "Mr Alan Pughsley QPM\nChief Constable – Kent Police  \nSutton Road\nMaidstone ME15 9BZ\n\n3 September 2014\n"))
    assert (selection.recipient.name, selection.recipient.position, selection.recipient.address) == (
        "Mr Alan Pughsley QPM", "Chief Constable – Kent Police", ("Sutton Road", "Maidstone ME15 9BZ"))
    assert selection.date_position == "after-address" and selection.force == "Kent Police"
    assert extracted.warnings == []


def test_a_signatory_the_library_does_not_know_is_written_inline(tmp_path, library):
    extracted, selection = edited(
        tmp_path, library,
        ("Zoë Billingham BA Hons (Oxon)", "Jane Doe MA"),
        ("HM Inspector of Constabulary, Eastern Region  \n\n \n \n\n \n \n\n3 September",
         "HM Inspector of Constabulary, Western Region\n\n3 September"),
        ("Zoë Billingham \nHM Inspector of Constabulary, Eastern Region",
         "Jane Doe \nHM Inspector of Constabulary, Western Region"))
    sender = selection.sender
    assert (sender.id, sender.name, sender.letters, sender.title) == (
        "inline", "Jane Doe", "MA", "HM Inspector of Constabulary, Western Region")
    assert selection.office.name == "Her Majesty’s Inspectorate of Constabulary"
    assert "from:  # not a signatory of the library's people.yaml\n" in extracted.text
    assert extracted.warnings == []


def test_a_letterhead_the_library_does_not_know_is_written_inline(tmp_path, library):
    extracted, selection = edited(tmp_path, library, (
        " Her Majesty’s Inspectorate of Constabulary \n\n6th Floor | Globe House | 89 Eccleston Square | London \n"
        "SW1V 1PN   ", " HMIC Northern Office\n\n1 Park Row | Leeds LS1 5AB"))
    assert (selection.office.name, selection.office.address) == ("HMIC Northern Office", ("1 Park Row", "Leeds LS1 5AB"))
    assert selection.sender.id == "zoe-billingham"
    assert extracted.warnings == []


def test_copies_to_several_people_pair_names_and_positions(tmp_path, library):
    extracted, selection = edited(tmp_path, library, (
        "Copied to Sonya Gransden  \nHMIC Liaison Officer",
        "Copied to Sonya Gransden  \nHMIC Liaison Officer\nJohn Smith\nStaff Officer"))
    assert [(c.name, c.position) for c in selection.copy_to] == [
        ("Sonya Gransden", "HMIC Liaison Officer"), ("John Smith", "Staff Officer")]
    assert extracted.warnings == []


def test_what_cannot_round_trip_is_warned_at_its_line(tmp_path, library):
    extracted, _ = edited(tmp_path, library, ("\n3 September 2014", "\n3rd September 2014"))
    assert [w.format_message() for w in extracted.warnings] == [
        f"{tmp_path / 'letter.txt'}:18:1: warning: the selection renders date '3 September 2014' where the letter "
        "has date '3rd September 2014'"]


# ---------------------------------------------------------------- the text splitter


def test_wrapped_lines_join_and_hyphenation_follows_the_vocabulary():
    assert join_lines(["long-", "term plans"], frozenset({"long-term"})) == ("long-term plans", (0, 5))
    assert join_lines(["the inspec-", "tion team"], frozenset({"inspection"})) == ("the inspection team", (0, 10))
    assert join_lines(["a well-", "established plan"], frozenset())[0] == "a well-established plan"
    assert join_lines(["HMIC found", "that"], frozenset())[0] == "HMIC found that"


def test_a_word_broken_over_three_lines_closes_up_across_all_of_them():
    known = frozenset({"inspection", "inspectional"})
    assert join_lines(["the in-", "spection-", "al team"], known) == ("the inspectional team", (0, 6, 14))
    assert join_lines(["the in-", "spection-", "al team"], frozenset())[0] == "the in-spection-al team"


def test_joining_a_long_paragraph_looks_at_each_line_once():
    # 200 KB of hyphen-wrapped lines: searching the whole paragraph so far at every
    # line took minutes; looking only at the line before takes milliseconds.
    lines = [f"word{i} and some more text to fill the line of a letter, wrapped at its hyph-" for i in range(2600)]
    start = time.perf_counter()
    text, starts = join_lines(lines + ["enated end"], frozenset({"hyphenated"}))
    assert time.perf_counter() - start < 2
    assert len(text) > 200_000 and len(starts) == 2601
    assert text.endswith("wrapped at its hyphenated end") and "hyph-word1 and" in text


@pytest.mark.parametrize("text, expected", [
    ("\uf0b7 first bullet\n\uf0b7 second bullet\n", [(("first bullet",), "bullet"), (("second bullet",), "bullet")]),
    ("  • a bullet that\n    wraps\n", [(("a bullet that", "wraps"), "bullet")]),
    ("A paragraph that\n\ncontinues after a blank line.\n\n2\n\nNext one.",
     [(("A paragraph that", "continues after a blank line."), None), (("Next one.",), None)]),
    ("Heading\n-------\n\nText.", [(("Heading",), "heading"), (("Text.",), None)]),
    ("Stray   spaces\u00a0and\ttabs  \n", [(("Stray spaces and tabs",), None)]),
])
def test_split_text(text, expected):
    assert [(p.lines, p.hint) for p in split_text(text)] == expected


def test_a_joined_paragraph_remembers_where_it_was_joined():
    (paragraph,) = split_text("These were:\n\nhow well forces prevent crime;\n\nhow they respond.")
    assert paragraph.joins == frozenset({1, 2})
