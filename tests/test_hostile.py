"""Hostile and careless input, end to end through the CLI: a located error and exit 1 (or accepted where
noted), never a traceback, a hang, code execution or a clobbered letter."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from letterforge.load import yamlnodes, yamlparse
from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.errors import LetterforgeError, Location
from letterforge.language.phrasing import Phrasing, environment

from .conftest import KENT, edit, run

EARLIER = {"kent.docx": b"an earlier letter", "kent.txt": b"earlier text", "kent.json": b"{}"}


def refused(selection: Path, *extra) -> str:
    """Render ``selection`` in every format over earlier outputs; check nothing changed and return stderr."""
    out = selection.parent / "out"
    out.mkdir(exist_ok=True)
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    started = time.monotonic()
    result = run("render", selection, "-o", out, "-f", "docx", "-f", "txt", "-f", "json", *extra)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == EARLIER
    return result.stderr


def kent_with(selection_file, old: str, new: str) -> Path:
    return edit(selection_file(), (old, new))


# ---------------------------------------------------------------- YAML


def test_duplicate_key_is_refused(selection_file):
    path = kent_with(selection_file, "status: draft", "force: Kent Constabulary")
    assert refused(path) == f"{path}:6:1: error: duplicate key 'force' in the selection (first given at line 4)\n"


def test_billion_laughs_is_refused_at_the_first_alias_without_expanding(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = tmp_path / "kent.yaml"
    path.write_text("\n".join(lines + ["copy_to: *a9", KENT.read_text(encoding="utf-8")]), encoding="utf-8")
    assert refused(path) == (f"{path}:2:10: error: YAML aliases (*name) are not accepted "
                             "(write the value out in full)\n")


def test_very_deep_nesting_is_refused(selection_file):
    path = kent_with(selection_file, "salutation: Dear Alan", "salutation: " + "[" * 50_000 + "]" * 50_000)
    assert refused(path) == f"{path}: error: invalid YAML: nested too deeply\n"


def test_too_many_values_are_refused(selection_file):
    many = "\n".join(f"  - Person {i}, Officer" for i in range(yamlparse.MAX_NODES))
    path = kent_with(selection_file, "salutation: Dear Alan", f"salutation: Dear Alan\ncopy_to:\n{many}")
    message = refused(path)
    assert message.startswith(f"{path}:")
    assert message.endswith(": error: too many values in one file (the limit is 20,000) "
                                  "(a selection holds a few hundred, a library file a few thousand)\n")


def test_thousands_of_mistakes_are_all_reported_quickly(selection_file):
    wrong = "\n".join(f"    - no-such-finding-{i}" for i in range(10_000))
    path = kent_with(selection_file, "  freeing-up-time:\n", f"  freeing-up-time:\n{wrong}\n")
    lines = refused(path).splitlines()
    assert len(lines) == 10_000
    assert lines[-1].startswith(f"{path}:10047:7: error: unknown finding 'no-such-finding-9999' in section")


def test_python_tags_are_refused_and_never_run(selection_file, tmp_path):
    marker = tmp_path / "pwned"
    path = kent_with(selection_file, "force: Kent Police", f'force: !!python/object/apply:os.system ["touch {marker}"]')
    assert refused(path) == (f"{path}:4:8: error: unsupported YAML tag '!!python/object/apply:os.system' "
                             "(only plain YAML values are read)\n")
    assert not marker.exists()


def test_unknown_local_tags_are_refused(selection_file):
    path = kent_with(selection_file, "force: Kent Police", "force: !include other.yaml")
    assert refused(path) == f"{path}:4:8: error: unsupported YAML tag '!include' (only plain YAML values are read)\n"


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    path = tmp_path / "kent.yaml"
    path.write_bytes(KENT.read_text(encoding="utf-8").replace("Dear Alan", "Dear Zoë").encode("latin-1", "replace"))
    assert refused(path) == f"{path}:12:20: error: file is not UTF-8 text (save it as UTF-8)\n"


def test_byte_order_mark_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "kent.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + KENT.read_bytes().replace(b"\n", b"\r\n"))
    result = run("render", path, "-o", tmp_path / "out", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert run("render", KENT, "-o", tmp_path / "plain", "-f", "txt").exit_code == 0
    assert (tmp_path / "out" / "kent.txt").read_bytes() == (tmp_path / "plain" / "kent.txt").read_bytes()


@pytest.mark.parametrize("old, new, expected", [
    ("force: Kent Police", "force: Kent\x07Police", "{path}:4:12: error: the file contains the control character "
                                                   "U+0007 (remove it)"),
    ("force: Kent Police", 'force: "Kent\\x1b[2JPolice"', "{path}:4:8: error: force contains the control character "
                                                        "U+001B (remove it)"),
    ("salutation: Dear Alan", '"salut\\x1b[31mation": Dear Alan', "{path}:12:1: error: a key in the selection "
                                                                 "contains the control character U+001B (remove it)"),
    ("force: Kent Police", "force: Kent \u202ePolice", "{path}:4:13: error: the file contains the character "
                                                      "U+202E (remove it)"),
    ("force: Kent Police", 'force: "Kent \\ud800"', "{path}:4:8: error: force contains the character U+D800 (remove it)"),
    ("force: Kent Police", 'force: "Kent \\uffff"', "{path}:4:8: error: force contains the character U+FFFF (remove it)"),
])
def test_control_characters_are_refused_where_they_are(selection_file, old, new, expected):
    path = kent_with(selection_file, old, new)
    assert refused(path) == expected.format(path=path) + "\n"


def test_tabs_inside_text_are_accepted(selection_file, tmp_path):
    path = kent_with(selection_file, "salutation: Dear Alan", 'salutation: "Dear\\tAlan"')
    result = run("render", path, "-o", tmp_path / "out", "-f", "json")
    assert result.exit_code == 0, result.output
    blocks = json.loads((tmp_path / "out" / "kent.json").read_text(encoding="utf-8"))["blocks"]
    assert [b["text"] for b in blocks if b["kind"] == "salutation"] == ["Dear Alan"]


def test_very_long_text_is_refused(selection_file):
    path = kent_with(selection_file, "salutation: Dear Alan", "salutation: " + "Dear Alan " * 1500)
    assert refused(path) == f"{path}:12:13: error: salutation is too long (14,999 characters; the limit is 10,000)\n"


def test_very_large_number_is_refused(selection_file):
    path = kent_with(selection_file, "{trained: 500}", "{trained: " + "9" * 40 + "}")
    assert refused(path) == f"{path}:26:54: error: parameter 'trained' is too large (at most 15 digits)\n"


def test_very_large_file_is_refused_unread(tmp_path):
    path = tmp_path / "kent.yaml"
    path.write_bytes(KENT.read_bytes() + b"# " + b"x" * yamlnodes.MAX_FILE_BYTES + b"\n")
    assert refused(path) == f"{path}: error: file is too large (the limit is 2,000,000 bytes)\n"


# ---------------------------------------------------------------- names that leave their folder


@pytest.mark.parametrize("old, new, expected", [
    ("inspection: core-business-2014", "inspection: ../../etc/passwd",
     "{path}:3:13: error: inspection '../../etc/passwd' is not a valid name (use lower-case letters, digits and '-', "
     "e.g. 'core-business-2014')"),
    ("status: draft", "template: ../../etc/passwd",
     "{path}:6:11: error: template '../../etc/passwd' is not a valid name (use lower-case letters, digits and '-', "
     "e.g. 'letter')"),
    ("from: zoe-billingham", "from: ../../etc/passwd", "{path}:7:7: error: signatory '../../etc/passwd' is not a "
     "valid name (use lower-case letters, digits and '-', e.g. 'zoe-billingham')"),
    ("status: draft", "letterhead: ../london", "{path}:6:13: error: office '../london' is not a valid name "
     "(use lower-case letters, digits and '-', e.g. 'london')"),
])
def test_names_that_leave_their_folder_are_refused(selection_file, old, new, expected):
    path = kent_with(selection_file, old, new)
    assert refused(path) == expected.format(path=path) + "\n"


# ---------------------------------------------------------------- Jinja


def test_selection_values_print_literally_in_every_format(selection_file, tmp_path):
    typed = "Dear {{ force }} {% for x in range(9) %}{{ ''.__class__ }}{% endfor %}"
    path = kent_with(selection_file, "salutation: Dear Alan", f"salutation: \"{typed}\"")
    result = run("render", path, "-o", tmp_path / "out", "-f", "docx", "-f", "txt", "-f", "json")
    assert result.exit_code == 0, result.output
    assert typed in (tmp_path / "out" / "kent.txt").read_text(encoding="utf-8").splitlines()
    data = json.loads((tmp_path / "out" / "kent.json").read_text(encoding="utf-8"))
    assert [b["text"] for b in data["blocks"] if b["kind"] == "salutation"] == [typed]
    assert typed in [p.text for p in read_docx_paragraphs(tmp_path / "out" / "kent.docx")]


@pytest.mark.parametrize("phrasing, construct", [
    ("{{ trained.__class__.__mro__ }}", "attribute access ('.__mro__')"),
    ("{{ cycler.__init__.__globals__ }}", "attribute access ('.__globals__')"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "a call"),
    ("{{ 'x' * 10 ** 10 }}", "arithmetic"),
    ("{% for i in range(10) %}{% for j in range(10) %}x{% endfor %}{% endfor %}", "a {% for %} loop"),
    ("{{ trained | center(1000000000) }}", "the filter 'center'"),
])
def test_library_phrasings_that_reach_for_python_are_stopped_with_a_location(library_copy, selection_file,
                                                                             phrasing, construct):
    section = edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
                   ("{{ trained }} officers", phrasing + " officers"))
    message = refused(selection_file(), "--library", library_copy)
    assert message.startswith(f"{section}:74:15: error: a phrasing may not use {construct} "
                              "(a phrasing may use {{ name }}, {% if %}, comparisons and the filters ")


@pytest.mark.parametrize("nested", [
    "{{ " + "(" * 3000 + "trained" + ")" * 3000 + " }}",  # too deep for Jinja's parser
    "{% if trained %}" * 100 + "{{ trained }}" + "{% endif %}" * 100,  # too deep for Python to compile
    "{{ " + "not " * 200 + "trained }}",
])
def test_library_phrasing_nested_too_deeply_is_refused(library_copy, selection_file, nested):
    section = edit(library_copy / "core-business-2014" / "preventing-crime.yaml", ("{{ trained }}", nested))
    assert refused(selection_file(), "--library", library_copy) == (
        f"{section}:74:15: error: invalid phrasing: nested too deeply\n")


def test_the_sandbox_stops_what_the_grammar_would_let_through():
    """The second wall: a phrasing compiled without the grammar check still cannot reach Python internals."""
    source = "{{ trained.__class__.__mro__ }}"
    phrasing = Phrasing(source, Location("lib.yaml", 7, 9), frozenset({"trained"}), environment().from_string(source))
    with pytest.raises(LetterforgeError) as e:
        phrasing.render({"trained": 5})
    assert e.value.format_message() == ("lib.yaml:7:9: error: phrasing refused by the sandbox: access to attribute "
                                        "'__class__' of 'int' object is unsafe.")


# ---------------------------------------------------------------- files


def test_output_folder_under_a_file_is_refused(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = run("render", KENT, "-o", blocker / "letters")
    assert result.exit_code == 1
    assert result.stderr == f"{blocker / 'letters'}: error: cannot create output folder: Not a directory\n"
    assert blocker.read_text() == "not a folder"


@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder nobody may write into: read-only permissions, or for root (which ignores them) the immutable flag."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "kent.txt").write_text("earlier text")
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root and this filesystem has no immutable flag (chattr +i)")
        unlock = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        unlock = ["chmod", "755", str(folder)]
    try:
        try:
            (folder / "probe").write_text("x")
        except OSError:
            yield folder
        else:
            pytest.skip("this system lets the test write into a locked folder")
    finally:
        subprocess.run(unlock, check=True)


def test_output_folder_that_cannot_be_written(unwritable_folder):
    result = run("render", KENT, "-o", unwritable_folder, "-f", "txt")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{unwritable_folder / 'kent.txt'}: error: cannot write: ")
    assert result.stderr.endswith(("Permission denied\n", "Operation not permitted\n"))
    assert sorted(p.name for p in unwritable_folder.iterdir()) == ["kent.txt"]
    assert (unwritable_folder / "kent.txt").read_text() == "earlier text"


def test_write_all_names_the_file_it_could_not_write_and_writes_none(unwritable_folder, tmp_path):
    from letterforge.app.output import write_all

    first, second = tmp_path / "first.txt", unwritable_folder / "second.txt"
    with pytest.raises(LetterforgeError) as e:
        write_all({first: b"one", second: b"two"})
    assert e.value.format_message().startswith(f"{second}: error: cannot write: ")
    assert not first.exists() and not second.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_without_selections(tmp_path):
    (tmp_path / "inner.yaml").mkdir()
    result = run("render", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}: error: folder holds no *.yaml selections\n"


@pytest.mark.parametrize("make", [
    lambda folder: Path("/dev/zero"),
    lambda folder: (os.mkfifo(folder / "pipe.yaml"), folder / "pipe.yaml")[1],
])
def test_a_device_or_pipe_is_not_read(tmp_path, make):
    path = make(tmp_path)
    if not path.exists():
        pytest.skip(f"{path} does not exist here")
    started = time.monotonic()
    result = run("check", path)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{path}: error: is not a regular file (name a YAML file)"


@pytest.mark.parametrize("command", [("render", KENT), ("check", KENT), ("library", "list"), ("library", "lint")])
def test_missing_library_folder(tmp_path, command):
    result = run(*command, "--library", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path / 'nowhere'}: error: findings library folder not found "
                             "(pass --library DIR or set LETTERFORGE_LIBRARY)\n")
