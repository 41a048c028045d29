"""``letterforge diff`` through click's CliRunner: outputs, exit codes, exact messages, --against a git revision."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import docx

import pytest
from click.testing import CliRunner

from letterforge.cli import main

from . import diff_edits as edits
from .conftest import KENT
from .tracked_changes import paragraphs_after

SUMMARY = ["salutation: Dear Alan -> Dear Mr Pughsley",
           "preventing-crime / crime-prevention-training: trained 500 -> 650"]
TEXT_DIFF = """\
Changes from {old} to {new}: 2

  salutation: Dear Alan -> Dear Mr Pughsley
  preventing-crime / crime-prevention-training: trained 500 -> 650

Removed words are shown [-like this-], added words {{+like this+}}.

Dear [-Alan-]{{+Mr Pughsley+}}

Preventing crime
----------------
  • The force has already provided formal crime prevention training to
    [-500-]{{+650+}} officers and staff and has plans to extend this further.
"""


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


@pytest.fixture
def pair(selection_file):
    """``old.yaml`` (kent) and ``new.yaml`` (kent after the issue's edit) in one folder."""
    return selection_file(name="old.yaml"), selection_file(edits.parameter_and_salutation, "new.yaml")


def test_summary_on_stdout_and_redline_beside_new(pair, kent_letter):
    old, new = pair
    result = run("diff", old, new)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == SUMMARY
    target = new.with_name("new.redline.docx")
    assert result.stderr == f"wrote {target} (2 changes)\n"
    assert [text for _, text in paragraphs_after(target, accept=True)][7] == "Dear Mr Pughsley"
    assert [text for _, text in paragraphs_after(target, accept=False)][7] == "Dear Alan"


def test_identical_drafts_print_no_changes_write_no_redline_and_exit_0(selection_file):
    old, new = selection_file(name="old.yaml"), selection_file(name="new.yaml")
    result = run("diff", old, new, "--exit-code")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "no changes\n", "")
    assert not new.with_name("new.redline.docx").exists()
    assert sorted(p.name for p in new.parent.iterdir()) == ["new.yaml", "old.yaml"]


def test_the_redline_turns_track_changes_on(pair):
    old, new = pair
    assert run("diff", old, new).exit_code == 0
    with zipfile.ZipFile(new.with_name("new.redline.docx")) as z:
        settings = z.read("word/settings.xml").decode()
    names = re.findall(r"<w:(\w+)", settings)
    assert names.count("trackRevisions") == 1
    assert names.index("trackRevisions") < names.index("defaultTabStop")  # in its place in the schema's order


def test_exit_code_1_when_changes_are_found(pair):
    assert run("diff", *pair, "-f", "json").exit_code == 0
    assert run("diff", *pair, "-f", "json", "--exit-code").exit_code == 1


def test_text_diff_for_email(pair):
    result = run("diff", *pair, "-f", "txt")
    assert result.exit_code == 0
    assert result.stdout == TEXT_DIFF.format(old=pair[0], new=pair[1])
    assert not pair[1].with_name("new.redline.docx").exists()


def test_json_gives_the_summary_as_data(pair):
    data = json.loads(run("diff", *pair, "-f", "json").stdout)
    assert (data["old"], data["new"], data["changed"]) == (str(pair[0]), str(pair[1]), True)
    assert [c["summary"] for c in data["changes"]] == SUMMARY
    assert data["changes"][1] == {
        "change": "parameter", "place": "preventing-crime / crime-prevention-training", "section": "preventing-crime",
        "finding": "crime-prevention-training", "field": "trained", "old": 500, "new": 650, "summary": SUMMARY[1]}


def test_output_file_format_from_its_extension(pair, tmp_path):
    result = run("diff", *pair, "-o", tmp_path / "changes.txt")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == SUMMARY
    assert (tmp_path / "changes.txt").read_text(encoding="utf-8").startswith("Changes from")


def test_author_of_the_tracked_changes(pair, tmp_path):
    target = tmp_path / "r.docx"
    assert run("diff", *pair, "-o", target, "--author", "Zoë Billingham").exit_code == 0
    assert 'w:author="Zoë Billingham"' in _document_xml(target)


def test_docx_inputs(pair, tmp_path):
    for selection in pair:
        assert run("render", selection, "-f", "docx").exit_code == 0
    old, new = (p.with_suffix(".docx") for p in pair)
    result = run("diff", old, new)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "salutation: Dear Alan -> Dear Mr Pughsley",
        "Preventing crime / bullet: …training to 500 officers and… -> …training to 650 officers and…"]
    assert paragraphs_after(new.with_name("new.redline.docx"), accept=True) == paragraphs_after(new, accept=True)


# ---------------------------------------------------------------- --against a git revision

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A git repository with kent.yaml committed once, then edited in the working tree."""
    folder = tmp_path / "repo"
    (folder / "examples").mkdir(parents=True)
    selection = folder / "examples" / "kent.yaml"
    shutil.copy(KENT, selection)
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "Kent as sent")
    selection.write_text(edits.parameter_and_salutation(KENT.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@needs_git
def test_against_a_revision(repo):
    selection = repo / "examples" / "kent.yaml"
    result = run("diff", selection, "--against", "HEAD", "-f", "txt")
    assert result.exit_code == 0
    assert result.stdout == TEXT_DIFF.format(old=f"{selection}@HEAD", new=selection)
    result = run("diff", selection, "--against", "HEAD")
    assert result.stdout.splitlines() == SUMMARY
    assert result.stderr == f"wrote {repo / 'examples' / 'kent.redline.docx'} (2 changes)\n"


@needs_git
@pytest.mark.parametrize("revision, message", [
    ("HEAD~1", "error: unknown revision 'HEAD~1' (name a commit, branch or tag, e.g. HEAD~1)"),
    ("--all", "error: '--all' is not a revision (name a commit, branch or tag, e.g. HEAD~1)"),
])
def test_against_a_bad_revision(repo, revision, message):
    selection = repo / "examples" / "kent.yaml"
    result = run("diff", selection, f"--against={revision}")
    assert (result.exit_code, result.stderr) == (1, f"{selection}: {message}\n")
    assert not (repo / "examples" / "kent.redline.docx").exists()


@needs_git
def test_against_a_file_not_at_the_revision(repo):
    added = repo / "examples" / "added.yaml"
    shutil.copy(KENT, added)
    result = run("diff", added, "--against", "HEAD")
    assert (result.exit_code, result.stderr) == (
        1, f"{added}: error: no such file at revision 'HEAD' (it was added later, or moved; see git log --follow)\n")


@needs_git
def test_against_outside_a_repository(selection_file):
    path = selection_file()
    result = run("diff", path, "--against", "HEAD")
    assert (result.exit_code, result.stderr) == (
        1, f"{path}: error: not in a git repository (--against compares a file with its committed version)\n")


def test_against_needs_a_selection(tmp_path):
    path = tmp_path / "kent.docx"
    result = run("diff", path, "--against", "HEAD")
    assert (result.exit_code, result.stderr) == (
        1, f"{path}: error: --against compares a selection (.yaml) with a revision\n")


def test_against_without_git(selection_file, tmp_path, monkeypatch):
    path = selection_file()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("diff", path, "--against", "HEAD")
    assert (result.exit_code, result.stderr) == (
        1, f"{path}: error: git is not installed (install git to compare with a revision)\n")


# ---------------------------------------------------------------- bad input and wrong usage


def test_problems_on_both_sides_are_reported_and_nothing_is_written(pair):
    old, new = pair
    old.write_text(old.read_text(encoding="utf-8").replace("iom/not-effective", "iom/not-efective"), encoding="utf-8")
    new.write_text(new.read_text(encoding="utf-8").replace("salutation:", "salutaton:"), encoding="utf-8")
    existing = new.with_name("new.redline.docx")
    existing.write_bytes(b"an earlier redline")
    result = run("diff", old, new)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{old}:44:7: error: unknown variant 'not-efective' of finding 'iom' (did you mean 'not-effective'?)",
        f"{new}:12:1: error: unknown key 'salutaton' in the selection (did you mean 'salutation'?)",
    ]
    assert existing.read_bytes() == b"an earlier redline"


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", "hello", "error: not a selection (.yaml) or a letter (.docx)"),
    ("letter.docx", "hello", "error: not a readable DOCX: File is not a zip file"),
    ("missing.yaml", None, "error: no such file"),
])
def test_inputs_that_are_not_drafts(selection_file, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("diff", selection_file(), path)
    assert (result.exit_code, result.stderr) == (1, f"{path}: {message}\n")


def test_a_docx_letterforge_did_not_write(selection_file, tmp_path):
    path = tmp_path / "other.docx"
    document = docx.Document()
    document.add_paragraph("A letter typed in Word.")
    document.save(str(path))
    result = run("diff", path, selection_file())
    assert (result.exit_code, result.stderr) == (
        1, f"{path}: error: not a letter letterforge wrote: no paragraph has a 'Letter …' style "
           "(render the selection with letterforge render)\n")


def test_the_redline_never_overwrites_a_draft(pair):
    for selection in pair:
        assert run("render", selection, "-f", "docx").exit_code == 0
    old, new = (p.with_suffix(".docx") for p in pair)
    before = old.read_bytes()
    result = run("diff", old, new, "-o", old)
    assert (result.exit_code, result.stderr) == (
        1, f"{old}: error: the redline would overwrite a draft (name another file with -o)\n")
    assert old.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["diff", "a.yaml"],
    ["diff", "a.yaml", "b.yaml", "--against", "HEAD"],
    ["diff", "a.yaml", "b.yaml", "-f", "pdf"],
    ["diff", "a.yaml", "b.yaml", "-f", "json", "-o", "x.txt"],
    ["diff", "a.yaml", "b.yaml", "-o", "c.yaml"],
])
def test_wrong_usage_exits_2(args):
    assert run(*args).exit_code == 2


@pytest.mark.parametrize("author, message", [
    ("", "is empty; give the name the tracked changes are to show"),
    ("  ", "is empty; give the name the tracked changes are to show"),
    ("x\x01", "holds the control character U+0001; give a plain name"),
    ("Zoë\nBillingham", "holds the control character U+000A; give a plain name"),
    ("x\ufffe", "holds the non-character U+FFFE; give a plain name"),
    ("x\udcff", "holds bytes that are not UTF-8"),
])
def test_an_author_word_cannot_store_is_wrong_usage(pair, author, message):
    result = run("diff", *pair, "--author", author)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--author': {message}"
    assert not pair[1].with_name("new.redline.docx").exists()


@pytest.mark.parametrize("name", ["out.pdf", "out", "out.docx.bak"])
def test_an_output_that_is_not_docx_txt_or_json_is_wrong_usage(pair, tmp_path, name):
    target = tmp_path / name
    result = run("diff", *pair, "-o", target)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: -o {target} must end in .docx, .txt or .json (the extension chooses the format)")
    assert not target.exists() and not pair[1].with_name("new.redline.docx").exists()


def _document_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")
