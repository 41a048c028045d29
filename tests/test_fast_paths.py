"""The fast paths of issue 17 give exactly what the plain ways give: same text, same parts, same pairs."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from letterforge.language.phrasing import fold
from letterforge.ooxml.package import Package
from letterforge.render.docx import house_style_at, letter_document, render_docx
from letterforge.resources import templates_dir

from .conftest import KENT, edit

PLAIN_FOLD = re.compile(r"[ \t\r\n]+")


@given(st.text(alphabet=" \t\r\n\xa0\u2003\u2028\x0b\x0cab."))
def test_fold_is_the_regex_fold_whatever_the_spaces(text: str) -> None:
    assert fold(text) == PLAIN_FOLD.sub(" ", text).strip()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {name: z.read(name) for name in z.namelist()}


def test_prepacked_docx_holds_the_parts_a_fresh_zip_holds(library) -> None:
    from letterforge.compose.build import build_letter

    letter = build_letter(KENT, library)
    document = letter_document(letter)
    prepacked = _parts(document.to_bytes())
    fresh = _parts(Package(dict(document.package.parts)).to_bytes())
    assert prepacked == fresh
    assert list(prepacked)[0] == "[Content_Types].xml"
    assert b"DRAFT" in b"".join(v for k, v in prepacked.items() if k.startswith("word/header"))


def test_each_letter_gets_its_own_body_and_properties_and_nothing_stale(library, tmp_path) -> None:
    from letterforge.compose.build import build_letter

    final = tmp_path / "final.yaml"
    final.write_text(KENT.read_text(encoding="utf-8"), encoding="utf-8")
    edit(final, ("status: draft", "status: final"), ("force: Kent Police", "force: Surrey Police"),
         ("salutation: Dear Alan", "salutation: Dear Surrey Police"))
    first, second = (_parts(render_docx(build_letter(path, library))) for path in (KENT, final))
    assert b"Kent Police" in first["docProps/core.xml"] and b"Surrey Police" in second["docProps/core.xml"]
    assert b"Surrey Police" not in first["word/document.xml"] and b"Surrey Police" in second["word/document.xml"]
    headers = [name for name in first if name.startswith("word/header")]
    assert headers and all(b"DRAFT" in first[h] and b"DRAFT" not in second[h] for h in headers)
    assert b"Draft" not in second["word/styles.xml"]
    style = house_style_at(templates_dir() / "house-style.docx")
    assert all(second[name] == data for name, data in style.package.parts.items()
               if name not in ("docProps/core.xml", "word/styles.xml"))


def _every_pair(texts, cutoff):
    """The plain way: score every pair (what similar_pairs did before it filtered)."""
    from rapidfuzz import fuzz

    from letterforge.checks.similarity import normalised

    found = []
    for i, (a, first) in enumerate(texts):
        for b, second in texts[i + 1:]:
            value = fuzz.ratio(normalised(first), normalised(second))
            if value >= cutoff:
                found.append((a, b, value))
    return found


def test_near_duplicates_of_the_shipped_library_are_those_every_pair_finds(library):
    from letterforge.checks.similarity import similar_pairs

    texts = [(f"{v.finding}/{v.id}", fold(v.phrasing.source)) for name in library.inspection_ids()
             for v in library.inspection(name).variants()]
    assert len(texts) >= 30
    for cutoff in (60, 75, 90):
        assert similar_pairs(texts, cutoff) == _every_pair(texts, cutoff)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_phrasing_with_a_few_words_changed_added_or_dropped_is_always_found(data):
    from benchmarks.corpus import lint_vocabulary
    from letterforge.checks.similarity import similar_pairs

    vocabulary = lint_vocabulary(300)
    words = st.sampled_from(vocabulary + ["the", "force", "and", "of", "staff"])
    originals = data.draw(st.lists(st.lists(words, min_size=15, max_size=40), min_size=2, max_size=12))
    texts = [(n, " ".join(w)) for n, w in enumerate(originals)]
    for n, original in enumerate(originals):  # a near copy of each, one to three words changed, added or dropped
        changed = list(original)
        for _ in range(data.draw(st.integers(1, 3))):
            at = data.draw(st.integers(0, len(changed) - 1))
            edit_kind = data.draw(st.sampled_from(("change", "add", "drop")))
            if edit_kind == "change":
                changed[at] = data.draw(words)
            elif edit_kind == "add":
                changed.insert(at, data.draw(words))
            elif len(changed) > 1:
                del changed[at]
        texts.append((100 + n, " ".join(changed)))
    found = similar_pairs(texts, 90)  # the lint's cutoff; with 15 words or more, 3 edits keep 3/4 of them shared
    assert found == _every_pair(texts, 90)


def test_a_part_registered_per_letter_is_declared_once_and_made_for_each_letter(library):
    """The draft's identity (docProps/custom.xml) is such a part: declared once per house style and status,
    built for each draft, and left out of a final letter."""
    from dataclasses import replace

    from letterforge.compose.build import build_letter
    from letterforge.ooxml.identity import read_identity
    from letterforge.render import docx

    style = docx.HouseStyle.load(templates_dir() / "house-style.docx")
    letter = build_letter(KENT, library)
    parts = _parts(style.new_document(letter).to_bytes())
    identity = read_identity(parts["docProps/custom.xml"])
    assert identity is not None and (identity.force, identity.selection) == ("Kent Police", "kent.yaml")
    assert b'PartName="/docProps/custom.xml"' in parts["[Content_Types].xml"]
    assert b'Target="docProps/custom.xml"' in parts["_rels/.rels"]
    declarations = style.letter_declarations()
    again = style.new_document(letter)
    assert again.package.parts["[Content_Types].xml"] is declarations["[Content_Types].xml"]  # made once, shared
    assert style.zips.is_shared(declarations["_rels/.rels"])
    assert "docProps/custom.xml" not in _parts(style.new_document(None).to_bytes())  # a document of no letter has none
    final = _parts(style.new_document(replace(letter, meta=replace(letter.meta, status="final"))).to_bytes())
    assert "docProps/custom.xml" not in final and b"custom.xml" not in final["[Content_Types].xml"] + final["_rels/.rels"]


def _tree_body(letter) -> bytes:
    """``word/document.xml`` the plain way: the letter's paragraphs built as a tree and serialised."""
    from letterforge.ooxml.package import serialise

    return serialise(letter_document(letter).root)


def test_a_plain_letters_body_joined_from_pieces_is_the_tree_serialised(library):
    from dataclasses import replace

    from letterforge.compose.build import build_letter
    from letterforge.render.pagination import keeps

    for example in ("kent.yaml", "unnamed-force.yaml"):
        letter = build_letter(KENT.with_name(example), library)
        for status in ("draft", "final"):
            shown = replace(letter, meta=replace(letter.meta, status=status))
            pieces = house_style_at(shown.meta.house_style).body_pieces
            assert pieces.can_hold(shown.blocks)
            assert pieces.document(shown.blocks, keeps(shown.blocks)) == _tree_body(shown)
            assert _parts(render_docx(shown))["word/document.xml"] == _tree_body(shown)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(("paragraph", "bullet", "heading", "subject", "recipient")),
                          st.text(min_size=1, max_size=40)), min_size=1, max_size=8))
def test_any_text_is_written_as_the_tree_writes_it_or_refused_as_the_tree_refuses_it(library, blocks):
    from dataclasses import replace

    from letterforge.compose.build import build_letter
    from letterforge.letter import Block
    from letterforge.render.pagination import keeps

    letter = build_letter(KENT, library)
    letter = replace(letter, blocks=tuple(Block(kind, text) for kind, text in blocks))
    pieces = house_style_at(letter.meta.house_style).body_pieces
    try:
        expected = _tree_body(letter)
    except ValueError:  # lxml: "All strings must be XML compatible"
        assert not pieces.can_hold(letter.blocks)
        return
    assert pieces.can_hold(letter.blocks)
    assert pieces.document(letter.blocks, keeps(letter.blocks)) == expected
