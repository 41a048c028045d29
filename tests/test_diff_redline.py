"""The redline DOCX: Accept All gives the new letter and Reject All the old, paragraph for paragraph."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from lxml import etree

from letterforge.diff.compare import compare_drafts
from letterforge.diff.inputs import read_draft
from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.ooxml.package import DOCUMENT_PART, R, Package, relationships_part, serialise
from letterforge.render.docx import HouseStyle, render_docx
from letterforge.render.redline import render_redline

from . import diff_edits as edits
from .conftest import KENT, UNNAMED, run
from .tracked_changes import W, paragraphs_after, revisions

EDITS = [edits.parameter_and_salutation, edits.variant, edits.added_and_removed, edits.sections_swapped,
         edits.finding_moved, edits.copy_to_removed, edits.copy_to_changed, edits.wording_and_title]
WHEN = dt.datetime(2014, 8, 20, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def drafts(selection_file, library, kent_letter):
    """``(old, new)`` drafts of Kent: the letter as it is and after ``edit``."""

    def make(edit):
        path = selection_file(edit, "new.yaml")
        return read_draft(str(selection_file(name="old.yaml")), library), read_draft(str(path), library)

    return make


def redline(old, new, **options) -> bytes:
    return render_redline(compare_drafts(old, new, **options), when=WHEN)


def as_rendered(draft) -> list[tuple[str, str]]:
    return paragraphs_after(render_docx(draft.letter), accept=True)


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_accept_all_gives_the_new_letter_and_reject_all_the_old(edit, direction, drafts):
    old, new = drafts(edit) if direction == "forward" else reversed(drafts(edit))
    data = redline(old, new)
    assert paragraphs_after(data, accept=True) == as_rendered(new)
    assert paragraphs_after(data, accept=False) == as_rendered(old)


def test_two_different_forces_letters(library, kent_letter):
    kent, unnamed = read_draft(str(kent_letter.meta.selection), library), read_draft(str(UNNAMED), library)
    data = redline(kent, unnamed)
    assert paragraphs_after(data, accept=True) == as_rendered(unnamed)
    assert paragraphs_after(data, accept=False) == as_rendered(kent)


def test_the_issues_case_has_word_level_insertions_and_deletions(drafts):
    data = redline(*drafts(edits.parameter_and_salutation))
    changes = [(e.tag.removeprefix(f"{{{W}}}"), "".join(e.itertext())) for e in revisions(data)]
    assert changes == [("del", "Alan"), ("ins", "Mr Pughsley"), ("del", "500"), ("ins", "650")]


def test_every_revision_has_a_unique_id_the_author_and_the_date(drafts):
    data = redline(*drafts(edits.added_and_removed), author="Zoë Billingham")
    found = revisions(data)
    assert len(found) == 4  # two paragraphs, each with its runs and its mark
    ids = [e.get(f"{{{W}}}id") for e in found]
    assert len(set(ids)) == len(ids)
    assert {e.get(f"{{{W}}}author") for e in found} == {"Zoë Billingham"}
    assert {e.get(f"{{{W}}}date") for e in found} == {"2014-08-20T09:30:00Z"}


def test_removed_paragraphs_keep_their_style_and_are_deleted_with_their_mark(drafts):
    data = redline(*drafts(edits.added_and_removed))
    body = docx.Document(io.BytesIO(data)).element.body
    deleted = [p for p in body.iterchildren(f"{{{W}}}p") if p.find(f"{{{W}}}del") is not None]
    assert len(deleted) == 1
    assert deleted[0].find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None
    assert deleted[0].find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val") == "LetterBullet"


def test_python_docx_opens_the_redline_in_the_house_style(drafts):
    document = docx.Document(io.BytesIO(redline(*drafts(edits.parameter_and_salutation))))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Letter Bullet") == 19 and styles.count("Letter Heading") == 3
    assert document.core_properties.title == "Core business: An inspection of crime prevention, police attendance " \
                                             "and use of police time – Kent Police"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == section.first_page_header.paragraphs[0].text == "DRAFT"


def test_docx_inputs_give_a_redline_in_the_new_docx_dress(drafts, tmp_path, library):
    old, new = drafts(edits.added_and_removed)
    (tmp_path / "old.docx").write_bytes(render_docx(old.letter))
    (tmp_path / "new.docx").write_bytes(render_docx(new.letter))
    data = redline(read_draft(str(tmp_path / "old.docx"), library), read_draft(str(tmp_path / "new.docx"), library))
    assert paragraphs_after(data, accept=True) == paragraphs_after(tmp_path / "new.docx", accept=True)
    assert paragraphs_after(data, accept=False) == paragraphs_after(tmp_path / "old.docx", accept=True)
    assert docx.Document(io.BytesIO(data)).core_properties.title.endswith("– Kent Police")


# ---------------------------------------------------------------- a review copy as the new side: no comments carried over

WORD_COMMENT_PARTS = {  # part: (relationship type, content type), as Word writes them beside comments.xml
    "word/commentsExtended.xml": ("http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"),
    "word/commentsIds.xml": ("http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"),
    "word/commentsExtensible.xml": ("http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtensible+xml"),
    "word/people.xml": ("http://schemas.microsoft.com/office/2011/relationships/people",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"),
}


def _comment_traces(package: Package) -> list[str]:
    """Every part, relationship, content type or element of ``package`` that is about comments."""
    found = [name for name in package.parts if "comments" in name or "people" in name]
    for name, data in package.parts.items():
        if name.endswith((".xml", ".rels")):
            root = etree.fromstring(data)
            found += [f"{name}: {e.get('Type') or e.get('ContentType') or e.tag}" for e in root.iter()
                      if any("comment" in str(v).lower() or "people" in str(v) for v in (e.tag, *e.attrib.values()))]
    return found


def _dangling(package: Package) -> list[str]:
    """Relationships and content-type overrides that name a part the package does not hold."""
    types = etree.fromstring(package.parts["[Content_Types].xml"])
    missing = [o.get("PartName") for o in types if o.get("PartName") and o.get("PartName")[1:] not in package.parts]
    for owner in list(package.parts):
        rels = package.parts.get(relationships_part(owner))
        if rels is not None:
            kinds = {r.get("Type") for r in etree.fromstring(rels)}
            missing += [t for kind in kinds for t in package.related(kind, owner) if t not in package.parts]
    return missing


def test_a_redline_of_a_review_copy_carries_no_comments(tmp_path):
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    earlier = tmp_path / "earlier" / "kent.yaml"  # a draft that differs, so that there is a redline to write
    earlier.parent.mkdir()
    earlier.write_text(KENT.read_text(encoding="utf-8").replace("Dear Alan", "Dear Mr Pughsley"), encoding="utf-8")
    assert run("render", selection, "-f", "docx").exit_code == 0
    assert run("render", earlier, "-f", "docx").exit_code == 0
    assert run("review", selection, "-f", "docx").exit_code == 0
    review_copy, target = tmp_path / "kent.review.docx", tmp_path / "r.docx"
    assert _comment_traces(Package.read(review_copy))  # the review copy has comments to leave behind
    result = run("diff", earlier.with_suffix(".docx"), review_copy, "-o", target)
    assert result.exit_code == 0
    package = Package.read(target)
    assert (_comment_traces(package), _dangling(package)) == ([], [])
    assert paragraphs_after(target, accept=True) == paragraphs_after(tmp_path / "kent.docx", accept=True)
    assert len(docx.Document(str(target)).paragraphs) == 43


def test_a_docx_read_as_a_base_loses_words_comment_parts_and_anchors(tmp_path):
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    assert run("review", selection, "-f", "docx").exit_code == 0
    package = Package.read(tmp_path / "kent.review.docx")
    for name, (relationship, content_type) in WORD_COMMENT_PARTS.items():
        package.add_part(name, b"<x/>", content_type, relationship)
    package.parts["word/_rels/comments.xml.rels"] = package.parts["word/_rels/document.xml.rels"]
    header = package.related(f"{R}/header")[0]
    root = etree.fromstring(package.parts[header])
    paragraph = root.find(f"{{{W}}}p")
    paragraph.insert(1, etree.fromstring(f'<w:commentRangeStart xmlns:w="{W}" w:id="0"/>'))
    paragraph.append(etree.fromstring(f'<w:commentRangeEnd xmlns:w="{W}" w:id="0"/>'))
    paragraph.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:rPr/><w:commentReference w:id="0"/></w:r>'))
    package.parts[header] = serialise(root)
    path = tmp_path / "annotated.docx"
    path.write_bytes(package.to_bytes())
    assert len(_comment_traces(package)) > 10

    base = tmp_path / "base.docx"
    base.write_bytes(HouseStyle.load(path).new_document(None).to_bytes())
    loaded = Package.read(base)
    assert (_comment_traces(loaded), _dangling(loaded)) == ([], [])
    assert [t.text for t in etree.fromstring(loaded.parts[header]).iter(f"{{{W}}}t")] == ["DRAFT – REVIEW COPY"]


def test_the_shipped_house_style_loses_nothing(library, kent_letter):
    path = kent_letter.meta.house_style
    assert HouseStyle.load(path).package.parts.keys() == Package.read(path).parts.keys() - {DOCUMENT_PART}


# ---------------------------------------------------------------- LibreOffice's own Accept All / Reject All


def _python_with_uno() -> str | None:
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    return None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_accept_all_and_reject_all(drafts, tmp_path, library):
    python = _python_with_uno()
    if python is None:
        pytest.skip("no Python with LibreOffice's uno module")
    cases = {}
    for edit in (edits.parameter_and_salutation, edits.added_and_removed, edits.copy_to_removed, edits.copy_to_changed):
        old, new = drafts(edit)
        for name, (a, b) in {f"{edit.__name__}-forward": (old, new), f"{edit.__name__}-backward": (new, old)}.items():
            path = tmp_path / f"{name}.docx"
            path.write_bytes(redline(a, b))
            cases[path] = (a, b)
    helper = Path(__file__).with_name("libreoffice_changes.py")
    subprocess.run([python, str(helper), *map(str, cases)], check=True, timeout=240)
    for path, (old, new) in cases.items():
        for suffix, draft in (("accepted", new), ("rejected", old)):
            result = path.with_name(f"{path.stem}.{suffix}.docx")
            got = [(p.kind, p.text) for p in read_docx_paragraphs(result)]
            assert got == [(b.kind, b.text) for b in draft.blocks], result.name
            body = docx.Document(str(result)).paragraphs
            assert len(body) == len(draft.blocks), f"{result.name}: an empty paragraph is left over"
