"""Library phrasings as patterns: parameters recovered typed, and only exact renderings count."""

from __future__ import annotations

import datetime as dt

import pytest

from letterforge.errors import Location
from letterforge.extract.match import Units, likeness, split_exact
from letterforge.extract.patterns import compile_pattern
from letterforge.load.params import Param
from letterforge.language.phrasing import compile_phrasing

HERE = Location("test.yaml", 1, 1)


def pattern(source, **params):
    declared = {name: Param(name, location=HERE, **spec) for name, spec in params.items()}
    return compile_pattern(compile_phrasing(source, HERE), declared)


TRAINED = dict(type="integer", minimum=1)


@pytest.mark.parametrize("text, expected", [
    ("Training went to 500 officers.", {"trained": 500}),
    ("Training went to 1,500 officers.", {"trained": 1500}),
    ("Training went to 1500 officers.", None),  # the library prints 1,500
    ("Training went to 0 officers.", None),  # below the declared minimum
    ("Training went to many officers.", None),
])
def test_integers_with_thousands_separators(text, expected):
    assert pattern("Training went to {{ trained }} officers.", trained=TRAINED).match(text) == expected


def test_dates_read_as_the_letter_prints_them():
    found = pattern("The plan was agreed on {{ agreed }}.", agreed=dict(type="date")).match(
        "The plan was agreed on 3 September 2014.")
    assert found == {"agreed": dt.date(2014, 9, 3)}


def test_choices_only_match_a_declared_choice():
    p = pattern("The force is {{ grade }} at this.", grade=dict(type="choice", choices=("good", "outstanding")))
    assert p.match("The force is outstanding at this.") == {"grade": "outstanding"}
    assert p.match("The force is poor at this.") is None


def test_optional_parameter_inside_an_if_may_be_absent_or_present():
    p = pattern("There is proactive use of ANPR.\n{% if detail %}{{ detail }}{% endif %}",
                detail=dict(type="text", required=False))
    assert p.match("There is proactive use of ANPR.") == {}
    assert p.match("There is proactive use of ANPR. It is well resourced.") == {"detail": "It is well resourced."}


def test_a_test_against_a_choice_sets_the_choice():
    p = pattern("Supervision is {% if level == 'high' %}strong{% else %}weak{% endif %}.",
                level=dict(type="choice", choices=("high", "low")))
    assert p.match("Supervision is strong.") == {"level": "high"}
    assert p.match("Supervision is weak.") is None  # 'low' cannot be told from the text: not exact


def test_a_text_parameter_in_the_middle_and_a_required_one_missing():
    p = pattern("The control room is unclear. {{ evidence }} This could have an impact.", evidence=dict(type="text"))
    assert p.match("The control room is unclear. We saw it. Twice. This could have an impact.") == {
        "evidence": "We saw it. Twice."}
    assert p.match("The control room is unclear. This could have an impact.") is None


def test_a_phrasing_with_a_filter_has_no_pattern():
    assert pattern("Training went to {{ trained | default }} officers.", trained=TRAINED) is None


def test_likeness_leaves_parameter_text_out_of_both_sides():
    pieces = ["The control room is unclear.", "This could have an impact."]
    score, edits = likeness("The control room is unclear. A long account of what was seen on several nights. "
                            "This could have an impact.", pieces)
    assert (score, edits) == (100.0, 0)
    score, edits = likeness("The control room is not clear. A long account. This could have an impact.", pieces)
    assert edits == 1 and 80 < score < 100  # "unclear" -> "not"; "clear a long account" is the parameter


def test_units_prefer_the_most_specific_exact_match():
    units = Units([
        ("general", compile_phrasing("The force is doing well. {% if more %}{{ more }}{% endif %}", HERE),
         {"more": Param("more", "text", HERE, required=False)}, {}),
        ("specific", compile_phrasing("The force is doing well. It has a plan.", HERE), {}, {}),
    ])
    assert units.exact("The force is doing well. It has a plan.").key == "specific"
    assert units.exact("The force is doing well. It has no plan.").params == {"more": "It has no plan."}


def test_split_exact_needs_every_part_to_match():
    known = {"One thing.", "Another thing.", "how well forces do;"}
    assert split_exact("One thing. Another thing.", known.__contains__) == ["One thing.", "Another thing."]
    assert split_exact("One thing. Something new.", known.__contains__) is None
    assert split_exact("One thing.", known.__contains__) is None
    text = "One thing. how well forces do;"  # no sentence boundary: only the text splitter's join point
    assert split_exact(text, known.__contains__) is None
    assert split_exact(text, known.__contains__, [text.index("how")]) == ["One thing.", "how well forces do;"]
