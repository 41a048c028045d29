"""File names are data: shown escaped the way git quotes paths, and never a crash in a writer."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from letterforge.errors import display_path, quote_name

from .conftest import KENT, run

ESCAPE = "k\x1b[31mred"
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # a byte the file system decoder keeps as the lone surrogate U+DCE9
BIDI = "kent\u202eyaml.txt"

NAMES = {"escape": (ESCAPE, '"k\\033[31mred'), "not utf-8": (NOT_UTF8, '"caf\\351')}


def test_names_are_quoted_the_way_git_quotes_paths():
    assert quote_name("examples/kent.yaml") == "examples/kent.yaml"
    assert quote_name("forces/Ynys Môn.yaml") == "forces/Ynys Môn.yaml"  # plain text, accents included
    assert quote_name("a\x1bb.yaml") == '"a\\033b.yaml"'
    assert quote_name(os.fsdecode(b"caf\xe9.yaml")) == '"caf\\351.yaml"'
    assert quote_name(BIDI) == '"kent\\342\\200\\256yaml.txt"'
    assert quote_name('tab\there "q" \\') == '"tab\\there \\"q\\" \\\\"'
    assert quote_name("line\nbreak") == '"line\\nbreak"'
    assert display_path(Path.cwd() / "a\x07.yaml") == '"a\\a.yaml"'


def _raw_free(text: str) -> None:
    """Nothing of the name reaches the terminal raw: no escape character, no lone surrogate, no bidi control."""
    assert "\x1b" not in text and "\u202e" not in text
    assert not any("\ud800" <= c <= "\udfff" for c in text)


@pytest.fixture(params=sorted(NAMES))
def named(request, tmp_path, monkeypatch):
    """A Kent selection named with an escape character or a byte that is not UTF-8, in the working folder."""
    monkeypatch.chdir(tmp_path)
    name, quoted = NAMES[request.param]
    path = tmp_path / f"{name}.yaml"
    shutil.copy(KENT, path)
    return path, quoted


def test_every_message_shows_the_name_escaped(named):
    path, quoted = named
    result = run("check", path.name)
    assert result.exit_code == 0
    _raw_free(result.stderr)
    assert result.stderr.startswith(f'{quoted}.yaml":51:7: warning: bespoke text')
    broken = path.with_name(path.stem + "-broken.yaml")
    broken.write_text(KENT.read_text(encoding="utf-8").replace("salutation:", "salutaton:"), encoding="utf-8")
    result = run("render", broken.name)
    assert result.exit_code == 1
    _raw_free(result.stderr)
    assert result.stderr.startswith(f'{quoted}-broken.yaml":')


def test_every_writer_takes_the_name(named):
    path, quoted = named
    result = run("render", path.name, "-f", "json", "-f", "txt", "-f", "docx")
    assert result.exit_code == 0, result.output
    _raw_free(result.stdout)
    assert result.stdout.splitlines() == [f'{quoted}.{ext}"' for ext in ("json", "txt", "docx")]
    data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["selection"] == f'{quoted}.yaml"'
    result = run("review", path.name, "-f", "html", "-f", "docx")
    assert result.exit_code == 0, result.output
    html = path.with_name(path.stem + ".review.html").read_text(encoding="utf-8")
    _raw_free(html)
    assert f'{quoted}.yaml"'.replace('"', "&#34;") in html or f'{quoted}.yaml"' in html
    with zipfile.ZipFile(path.with_name(path.stem + ".review.docx")) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    _raw_free(comments)
    assert "\\033" in comments or "\\351" in comments
    for output in ("matrix.csv", "matrix.html"):
        result = run("matrix", path.name, "-o", output)
        assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(Path("matrix.csv").read_text(encoding="utf-8"))))
    assert rows[1][:2] == ["Kent Police", f'{quoted}.yaml"']
    _raw_free(Path("matrix.html").read_text(encoding="utf-8"))


def test_a_bidi_control_in_an_output_name_is_escaped_in_usage_errors(tmp_path):
    result = run("matrix", KENT, "-o", tmp_path / BIDI)
    assert result.exit_code == 2
    _raw_free(result.stderr)
    assert "\\342\\200\\256" in result.stderr
