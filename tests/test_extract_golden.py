"""Sent letters brought back: extracting each reference letter gives a selection that renders it again.

The raw letters are the text extracted from the sent PDFs (wrapped lines,
lost bullet glyphs, two bullets run together, blank lines inside a
paragraph); the DOCX and text are what letterforge itself rendered.
"""

from __future__ import annotations

import pytest

from letterforge.extract import extract
from letterforge.app.pipeline import build_letter
from letterforge.render.docx import render_docx
from letterforge.render.json import letter_to_data
from letterforge.render.text import render_text
from letterforge.load.selection import load_selection

from .conftest import GOLDEN, KENT, UNNAMED, reference_blocks

RAW_KENT = GOLDEN / "003_5f89cbb1e20b7fb1.txt"
RAW_UNNAMED = GOLDEN / "000_29e2c5d29752cf3a.txt"


def kinds_and_texts(blocks):
    return [(b["kind"], b["text"]) for b in blocks]


def from_salutation(pairs):
    return pairs[[kind for kind, _ in pairs].index("salutation"):]


def extract_to(letter, tmp_path, library, name="extracted.yaml"):
    """Extract ``letter``, write the selection as the CLI would, and return (extracted, its path)."""
    target = tmp_path / name
    extracted = extract(letter, library, target)
    target.write_text(extracted.text, encoding="utf-8")
    return extracted, target


def choices(selection):
    """Each section's entries as (finding, variant, params, text): what a selection says, not how it is written."""
    return {
        section.id: [(c.finding.id if c.finding else None, c.variant.id if c.variant and c.text is None else None,
                      dict(c.params), c.text) for c in section.choices]
        for section in selection.sections}


@pytest.fixture(scope="module")
def kent_docx(tmp_path_factory, kent_letter):
    path = tmp_path_factory.mktemp("rendered") / "kent.docx"
    path.write_bytes(render_docx(kent_letter))
    return path


@pytest.fixture(scope="module")
def kent_txt(tmp_path_factory, kent_letter):
    path = tmp_path_factory.mktemp("rendered") / "kent.txt"
    path.write_bytes(render_text(kent_letter))
    return path


@pytest.mark.parametrize("letter", ["raw", "docx", "txt"])
def test_kent_extracts_to_a_selection_that_renders_the_reference(letter, request, tmp_path, library):
    source = {"raw": RAW_KENT, "docx": None, "txt": None}[letter] or request.getfixturevalue(f"kent_{letter}")
    extracted, selection = extract_to(source, tmp_path, library)
    got = kinds_and_texts(letter_to_data(build_letter(selection, library))["blocks"])
    assert got == kinds_and_texts(reference_blocks("kent"))
    assert extracted.warnings == []
    assert extracted.report[-1] == "  round trip: the selection renders the letter block for block (43 blocks)"


@pytest.mark.parametrize("letter", ["raw", "docx", "txt"])
def test_kent_findings_are_recovered_as_the_example_expresses_them(letter, request, tmp_path, library):
    source = RAW_KENT if letter == "raw" else request.getfixturevalue(f"kent_{letter}")
    _, selection = extract_to(source, tmp_path, library)
    extracted, example = load_selection(selection, library), load_selection(KENT, library)
    assert choices(extracted) == choices(example)
    assert [(s.title, s.title_is_bespoke) for s in extracted.sections] == [
        (s.title, s.title_is_bespoke) for s in example.sections]
    assert (extracted.sender.id, extracted.date, extracted.recipient, extracted.copy_to, extracted.lead_in) == (
        example.sender.id, example.date, example.recipient, example.copy_to, example.lead_in)
    assert extracted.force == "Kent Police" and extracted.introduction == {}


def test_kent_bespoke_paragraph_names_its_closest_variant(tmp_path, library):
    extracted, _ = extract_to(RAW_KENT, tmp_path, library)
    assert ("    # bespoke: reworded library text; the closest is workload-supervision/clear-structure (99.7%\n"
            "    #   alike, 1 word differs)\n"
            "    - workload-supervision:\n"
            "        text: >-\n") in extracted.text
    assert ("    bespoke  line 150  freeing-up-time: workload-supervision (closest workload-supervision/clear-structure, "
            "99.7% alike, 1 word edit)") in extracted.report


def test_kent_parameters_come_back_typed(tmp_path, library):
    extracted, _ = extract_to(RAW_KENT, tmp_path, library)
    assert "    - crime-prevention-training/delivered:\n        trained: 500\n" in extracted.text
    assert "        linked_to: the force’s predictive policing initiative – PredPol\n" in extracted.text


def test_unnamed_letter_renders_the_reference_from_the_salutation(tmp_path, library):
    extracted, selection = extract_to(RAW_UNNAMED, tmp_path, library)
    got = kinds_and_texts(letter_to_data(build_letter(selection, library))["blocks"])
    assert from_salutation(got) == kinds_and_texts(reference_blocks("unnamed-force"))
    assert extracted.warnings == []
    assert extracted.report[-1] == ("  round trip: the selection renders the letter block for block from the "
                                    "salutation on (37 blocks)")


def test_unnamed_letter_findings_match_the_example(tmp_path, library):
    _, selection = extract_to(RAW_UNNAMED, tmp_path, library)
    extracted, example = load_selection(selection, library), load_selection(UNNAMED, library)
    assert choices(extracted) == choices(example)
    assert [s.title for s in extracted.sections] == [s.title for s in example.sections]
    assert extracted.sender.id == "roger-baker" and extracted.lead_in is False


def test_unnamed_letter_lost_head_gets_marked_stand_ins(tmp_path, library):
    extracted, selection = extract_to(RAW_UNNAMED, tmp_path, library)
    loaded = load_selection(selection, library)
    assert loaded.force == "TODO force name" and loaded.recipient.name == "TODO recipient's name"
    assert "date: 2014-09-03  # stand-in: the letter shows no date; the day before the embargo is written\n" in (
        extracted.text)
    assert "to:  # stand-in: the letter shows no recipient\n" in extracted.text
    assert "  stand-ins (not in the letter; fill them in): date, to, force" in extracted.report
