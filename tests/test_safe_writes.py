"""No writer writes over one of its inputs, and every write is all or nothing.

The shared rule is :func:`letterforge.app.output.write_all`: every command
passes the files it read as ``inputs=``, and a failure at any point of a
write leaves every earlier file as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from letterforge.app import output
from letterforge.app.output import write_all
from letterforge.errors import LetterforgeError

from .conftest import KENT, run

RAW_KENT = Path(__file__).resolve().parent / "golden" / "003_5f89cbb1e20b7fb1.txt"


def _spellings(tmp_path: Path, target: Path) -> dict[str, str]:
    """Four ways to name ``target`` (which exists): relative, absolute, through a symlink, through a hard link."""
    link = tmp_path / "via-link"
    link.mkdir(exist_ok=True)
    symlink = link / f"sym-{target.name}"
    symlink.symlink_to(target)
    hard = link / f"hard-{target.name}"
    os.link(target, hard)
    return {"relative": os.path.relpath(target), "absolute": str(target.resolve()),
            "symlink": str(symlink), "hard link": str(hard)}


SPELLINGS = ("relative", "absolute", "symlink", "hard link")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_matrix_never_writes_over_one_of_its_selections(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    selection = tmp_path / "kent.csv"
    shutil.copy(KENT, selection)
    target = _spellings(tmp_path, selection)[spelling]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run("matrix", "kent.csv", "-o", target)
    assert result.exit_code == 1, result.output
    assert "would overwrite one of the command's own inputs" in result.stderr
    assert selection.read_bytes() == KENT.read_bytes()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_render_never_writes_over_its_selection(tmp_path, monkeypatch, spelling):
    """A selection named ``letter.txt``, however it is named on the command line, is not replaced by its text letter."""
    monkeypatch.chdir(tmp_path)
    selection = tmp_path / "letter.txt"
    shutil.copy(KENT, selection)
    argument = _spellings(tmp_path, selection)[spelling]
    result = run("render", argument, "-f", "txt", "-f", "docx")
    assert result.exit_code == 1
    assert "would overwrite one of the command's own inputs" in result.stderr
    assert selection.read_bytes() == KENT.read_bytes()
    assert Path(argument).read_bytes() == KENT.read_bytes()
    assert not list(tmp_path.rglob("*.docx"))  # all or nothing: not the DOCX either


def test_render_never_writes_over_its_selection_through_a_hard_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    (tmp_path / "out").mkdir()
    os.link(selection, tmp_path / "out" / "kent.txt")  # render -o out would write out/kent.txt: the selection
    result = run("render", "kent.yaml", "-o", "out", "-f", "docx", "-f", "txt")
    assert result.exit_code == 1
    assert "out/kent.txt: error: this output would overwrite one of the command's own inputs" in result.stderr
    assert selection.read_bytes() == KENT.read_bytes()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kent.txt"]  # and no kent.docx either


def test_render_never_writes_over_its_house_style(tmp_path, monkeypatch, library_copy):
    monkeypatch.chdir(tmp_path)
    templates = library_copy / "templates"
    templates.mkdir()
    shutil.copy(_shipped("letter.j2"), templates / "letter.j2")
    shutil.copy(_shipped("house-style.docx"), templates / "house-style.docx")
    style = (templates / "house-style.docx").read_bytes()
    selection = tmp_path / "house-style.yaml"
    shutil.copy(KENT, selection)
    result = run("render", selection, "-o", templates, "-f", "docx", "--library", library_copy)
    assert result.exit_code == 1
    assert "would overwrite one of the command's own inputs" in result.stderr
    assert (templates / "house-style.docx").read_bytes() == style


def _shipped(name: str) -> Path:
    from letterforge.resources import templates_dir

    return templates_dir() / name


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_extract_never_writes_over_the_letter(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    letter = tmp_path / "letter.yaml"
    shutil.copy(RAW_KENT, letter)
    target = _spellings(tmp_path, letter)[spelling]
    result = run("extract", "letter.yaml", "-o", target, "--overwrite")
    assert result.exit_code == 1
    assert "would overwrite one of the command's own inputs" in result.stderr
    assert letter.read_bytes() == RAW_KENT.read_bytes()


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_extract_and_new_never_write_over_the_library(tmp_path, monkeypatch, library_copy, spelling):
    monkeypatch.chdir(tmp_path)
    people = library_copy / "people.yaml"
    before = people.read_bytes()
    target = _spellings(tmp_path, people)[spelling]
    result = run("new", "--inspection", "core-business-2014", "--force", "Kent Police", "-o", target,
                 "--overwrite", "--library", library_copy)
    assert result.exit_code == 1 and "own inputs" in result.stderr
    result = run("extract", RAW_KENT, "-o", target, "--overwrite", "--library", library_copy)
    assert result.exit_code == 1 and "own inputs" in result.stderr
    assert people.read_bytes() == before


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_diff_never_writes_over_either_draft(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    assert run("render", KENT, "-o", tmp_path, "-f", "docx").exit_code == 0
    old = tmp_path / "kent.docx"
    changed = tmp_path / "new.yaml"  # a draft that differs, so that diff has a redline to write
    changed.write_text(Path(KENT).read_text(encoding="utf-8").replace("{trained: 500}", "{trained: 650}"),
                       encoding="utf-8")
    assert run("render", changed, "-o", tmp_path, "-f", "docx").exit_code == 0
    before = old.read_bytes()
    target = _spellings(tmp_path, old)[spelling]
    result = run("diff", "kent.docx", "new.docx", "-o", target)
    assert result.exit_code == 1, result.output
    assert "would overwrite" in result.stderr
    assert old.read_bytes() == before


# ---------------------------------------------------------------- all or nothing


def _failing_replace(fail_on: str):
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == fail_on and str(src).endswith(".tmp"):
            raise PermissionError(1, "Operation not permitted")
        return real(src, dst, *args, **kwargs)

    return replace


def test_a_failed_rename_puts_back_every_file_already_replaced(tmp_path, monkeypatch):
    first, second, third = tmp_path / "kent.docx", tmp_path / "kent.txt", tmp_path / "kent.json"
    first.write_bytes(b"old docx")
    third.write_bytes(b"old json")
    monkeypatch.setattr(output.os, "replace", _failing_replace("kent.json"))
    with pytest.raises(LetterforgeError, match="cannot write: Operation not permitted"):
        write_all({first: b"new docx", second: b"new txt", third: b"new json"})
    assert first.read_bytes() == b"old docx"
    assert not second.exists()
    assert third.read_bytes() == b"old json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.docx", "kent.json"]  # no temporary, no backup


def test_a_dangling_symlink_output_is_replaced_and_put_back_if_a_later_rename_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "kent.docx", tmp_path / "kent.txt"
    first.symlink_to(tmp_path / "nowhere.docx")
    second.write_bytes(b"old txt")
    write_all({first: b"new docx", second: b"new txt"})
    assert not first.is_symlink() and first.read_bytes() == b"new docx"
    assert not (tmp_path / "nowhere.docx").exists()  # the link was replaced, nothing written where it pointed
    first.unlink()
    first.symlink_to(tmp_path / "nowhere.docx")
    monkeypatch.setattr(output.os, "replace", _failing_replace("kent.txt"))
    with pytest.raises(LetterforgeError, match="cannot write"):
        write_all({first: b"newer docx", second: b"newer txt"})
    assert first.is_symlink() and os.readlink(first) == str(tmp_path / "nowhere.docx")
    assert second.read_bytes() == b"new txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.docx", "kent.txt"]


def test_a_write_that_succeeds_removes_only_what_is_there(tmp_path, monkeypatch):
    """Each unlink of a successful write removes a file that exists (a backup): the temporaries renamed into
    place are not looked for again."""
    outputs = {tmp_path / "kent.docx": b"docx", tmp_path / "kent.txt": b"txt"}
    write_all(outputs)
    removed: list[bool] = []
    real = os.unlink

    def unlink(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        removed.append(os.path.lexists(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(output.os, "unlink", unlink)
    write_all(outputs)
    assert removed == [True, True]  # the two backups of the files replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.docx", "kent.txt"]


def test_a_render_that_fails_on_its_last_format_leaves_the_others_as_they_were(tmp_path, monkeypatch):
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    (tmp_path / "kent.docx").write_bytes(b"the docx as sent")
    (tmp_path / "kent.txt").write_bytes(b"the text as sent")
    monkeypatch.setattr(output.os, "replace", _failing_replace("kent.txt"))
    result = run("render", selection)
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'kent.txt'}: error: cannot write: Operation not permitted\n"
    assert (tmp_path / "kent.docx").read_bytes() == b"the docx as sent"
    assert (tmp_path / "kent.txt").read_bytes() == b"the text as sent"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.docx", "kent.txt", "kent.yaml"]


def _chattr(flag: str, path: Path) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_an_immutable_last_output_leaves_the_earlier_ones_as_they_were(tmp_path):
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    (tmp_path / "kent.docx").write_bytes(b"the docx as sent")
    txt = tmp_path / "kent.txt"
    txt.write_bytes(b"the text as sent")
    if not _chattr("+i", txt):
        pytest.skip("chattr +i is not possible here (needs root and a file system that supports it)")
    try:
        result = run("render", selection)
    finally:
        _chattr("-i", txt)
    assert result.exit_code == 1
    assert "kent.txt: error: cannot write" in result.stderr
    assert (tmp_path / "kent.docx").read_bytes() == b"the docx as sent"
    assert txt.read_bytes() == b"the text as sent"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.docx", "kent.txt", "kent.yaml"]


def test_an_unwritable_folder_leaves_no_temporary(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    folder = tmp_path / "out"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(LetterforgeError, match="cannot write"):
            write_all({folder / "a.txt": b"a"})
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_review_never_writes_over_its_selection_through_a_hard_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    (tmp_path / "out").mkdir()
    os.link(selection, tmp_path / "out" / "kent.review.html")
    result = run("review", "kent.yaml", "-o", "out", "-f", "docx", "-f", "html")
    assert result.exit_code == 1
    assert "out/kent.review.html: error: this output would overwrite one of the command's own inputs" in result.stderr
    assert selection.read_bytes() == KENT.read_bytes()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kent.review.html"]
