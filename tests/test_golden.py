"""The acceptance bar: the shipped library and examples reproduce both real letters word for word."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest

from letterforge.render.docx import render_docx
from letterforge.render.json import letter_to_data, render_json
from letterforge.render.text import render_text

from .conftest import GOLDEN, SHARED_REFERENCE, reference_blocks


def from_salutation(blocks):
    kinds = [b["kind"] for b in blocks]
    return blocks[kinds.index("salutation"):]


def kinds_and_texts(blocks):
    return [(b["kind"], b["text"]) for b in blocks]


def test_kent_blocks_equal_reference(kent_letter):
    got = letter_to_data(kent_letter)["blocks"]
    assert kinds_and_texts(got) == kinds_and_texts(reference_blocks("kent"))
    assert len(got) == 43


def test_unnamed_blocks_equal_reference_from_salutation(unnamed_letter):
    got = from_salutation(letter_to_data(unnamed_letter)["blocks"])
    assert kinds_and_texts(got) == kinds_and_texts(reference_blocks("unnamed-force"))
    assert len(got) == 37


@pytest.mark.parametrize("letter_fixture, expected", [("kent_letter", (15, 1)), ("unnamed_letter", (20, 0))])
def test_finding_bullets_mostly_library_wording(request, letter_fixture, expected):
    letter = request.getfixturevalue(letter_fixture)
    findings = [b for b in letter.blocks if b.kind == "bullet" and b.provenance.section != "introduction"]
    library = sum(b.provenance.source == "library" for b in findings)
    bespoke = sum(b.provenance.source == "bespoke" for b in findings)
    assert (library, bespoke) == expected


def test_every_finding_block_names_its_finding_and_variant(kent_letter):
    for block in kent_letter.blocks:
        if block.kind == "bullet" and block.provenance.section != "introduction":
            assert block.provenance.finding
            if block.provenance.source == "library":
                assert block.provenance.variant and block.provenance.judgement


def test_json_output_carries_provenance(kent_letter):
    data = json.loads(render_json(kent_letter))
    training = next(b for b in data["blocks"] if b["finding"] == "crime-prevention-training")
    assert training == {
        "kind": "bullet", "text": training["text"], "source": "library", "section": "preventing-crime",
        "finding": "crime-prevention-training", "variant": "delivered", "judgement": "strength",
        "params": {"trained": 500}, "origin": training["origin"]}
    assert training["origin"].startswith("findings_library/core-business-2014/preventing-crime.yaml:")
    assert data["force"] == "Kent Police" and data["embargo"] == "2014-09-04T00:01:00+01:00"


# ---------------------------------------------------------------- DOCX


def docx_paragraphs(letter):
    document = docx.Document(io.BytesIO(render_docx(letter)))
    return document, [(p.style.name, p.text, p) for p in document.paragraphs]


@pytest.mark.parametrize("letter_fixture, name", [("kent_letter", "kent"), ("unnamed_letter", "unnamed-force")])
def test_docx_paragraphs_are_the_reference_blocks_in_order(request, letter_fixture, name):
    letter = request.getfixturevalue(letter_fixture)
    _, paragraphs = docx_paragraphs(letter)
    want = reference_blocks(name)
    got = [(style, text) for style, text, _ in paragraphs]
    if name == "unnamed-force":
        got = got[[s for s, _ in got].index("Letter Salutation"):]
    assert got == [(f"Letter {b['kind'].capitalize()}", b["text"]) for b in want]


def test_docx_bullets_are_word_lists_and_headings_bold(kent_letter):
    document, paragraphs = docx_paragraphs(kent_letter)
    styles = document.styles
    bullet = styles["Letter Bullet"]
    num_id = bullet.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    assert numbering.num_having_numId(num_id) is not None
    assert not any(text.lstrip().startswith(("•", "\uf0b7", "-")) for _, text, _ in paragraphs)
    for name in ("Letter Subject", "Letter Heading"):
        assert styles[name].font.bold is True
    assert styles["Letter Heading"].paragraph_format.keep_with_next is True
    assert styles["Letter Subject"].paragraph_format.keep_with_next is True


def test_docx_page_properties_and_metadata(kent_letter):
    document, _ = docx_paragraphs(kent_letter)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.footer._element.xml and "PAGE" not in section.first_page_footer._element.xml
    core = document.core_properties
    assert core.title.endswith("Kent Police") and core.title.startswith("Core business")
    assert core.author == "Zoë Billingham" and core.last_modified_by == "Zoë Billingham"
    assert core.subject == "Findings for Kent Police"
    assert core.comments == "" and core.revision == 1


def test_docx_keeps_nothing_from_the_template(kent_letter):
    import zipfile
    names = zipfile.ZipFile(io.BytesIO(render_docx(kent_letter))).namelist()
    assert not any("thumbnail" in n or "comments" in n or "customXml" in n for n in names)
    document, paragraphs = docx_paragraphs(kent_letter)
    assert len(paragraphs) == 43  # the house style's sample paragraphs are gone


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("letter_fixture, name", [("kent_letter", "kent"), ("unnamed_letter", "unnamed-force")])
def test_text_output_holds_every_block_in_order(request, letter_fixture, name):
    text = render_text(request.getfixturevalue(letter_fixture)).decode("utf-8")
    flat = " ".join(text.replace("  • ", " ").split())
    position = 0
    for block in reference_blocks(name):
        found = flat.find(block["text"], position)
        assert found >= 0, block["text"]
        position = found + len(block["text"])


def test_text_output_is_wrapped_and_marked(kent_letter):
    text = render_text(kent_letter).decode("utf-8")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 78
    assert sum(line.startswith("  • ") for line in lines) == 19  # 3 introduction + 16 finding bullets
    heading = lines.index("Attendance at crimes and incidents")
    assert lines[heading + 1] == "-" * len("Attendance at crimes and incidents") and lines[heading - 1] == ""
    assert "‘Core business’" in text and "Chief Constable – Kent Police" in text


# ---------------------------------------------------------------- the copies


@pytest.mark.skipif(not SHARED_REFERENCE.is_dir(), reason="../shared/reference is not beside this checkout")
def test_golden_copies_match_shared_reference():
    for path in GOLDEN.iterdir():
        original = SHARED_REFERENCE / path.name
        if not original.exists():
            original = SHARED_REFERENCE / "raw" / path.name
        assert path.read_bytes() == original.read_bytes(), path.name


def test_embargo_weekday_is_computed(library):
    inspection = library.inspection("core-business-2014")
    source = (GOLDEN.parent.parent / "findings_library/core-business-2014/inspection.yaml").read_text(encoding="utf-8")
    assert not any("Thursday" in line for line in source.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"^embargo: 2014-09-04 00:01$", source, re.M)
    assert inspection.embargo.utcoffset().total_seconds() == 3600  # BST
