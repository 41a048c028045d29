"""Units shared by several commands: reading a DOCX back, spotting house-style spelling clashes."""

from __future__ import annotations

from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.render.docx import render_docx
from letterforge.checks.terms import spelling_clashes

from .conftest import reference_blocks


def test_docx_reader_gives_back_kinds_and_texts(kent_letter, tmp_path):
    path = tmp_path / "kent.docx"
    path.write_bytes(render_docx(kent_letter))
    got = [(p.kind, p.text) for p in read_docx_paragraphs(path)]
    assert got == [(b["kind"], b["text"]) for b in reference_blocks("kent")]


def test_docx_reader_locates_a_file_that_is_not_a_docx(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_text("plain text", encoding="utf-8")
    try:
        read_docx_paragraphs(path)
    except Exception as e:
        assert e.format_message().endswith("error: not a readable DOCX: File is not a zip file")
    else:
        raise AssertionError("expected an error")


def test_spelling_clashes_hyphen_and_capital():
    clashes = spelling_clashes([("a", "front-line officers"), ("b", "frontline staff; the force"), ("c", "the Force")])
    assert [(c.term, c.spellings) for c in clashes] == [
        ("front-line", {"front-line": "a", "frontline": "b"}),
        ("the force", {"the force": "b", "the Force": "c"}),
    ]
    assert clashes[0].describe() == "‘front-line’ and ‘frontline’"


def test_spelling_clashes_none_for_consistent_text():
    assert spelling_clashes([("a", "long-term plans"), ("b", "a long-term view; the force")]) == []
