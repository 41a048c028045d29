"""The redline DOCX: Accept All gives the new letter and Reject All the old, paragraph for paragraph."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from letterforge.diff.compare import compare_drafts
from letterforge.diff.inputs import read_draft
from letterforge.docx_reader import read_docx_paragraphs
from letterforge.render.docx import render_docx
from letterforge.render.redline import render_redline

from . import diff_edits as edits
from .conftest import UNNAMED
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
