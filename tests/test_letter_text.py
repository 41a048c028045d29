"""Text read from a letter (DOCX or text) is held to the selection's rules: a control character or a
bidirectional override is refused at its place, never printed raw (extract, diff; respond reads the same way)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from letterforge.errors import LetterforgeError, display_path

from .conftest import KENT, run

GOLDEN = Path(__file__).resolve().parent / "golden"
RAW_KENT = GOLDEN / "003_5f89cbb1e20b7fb1.txt"
OVERRIDE = "\u202e"


def _docx_with(tmp_path: Path, name: str, replace: tuple[str, str]) -> Path:
    """Kent's letter as letterforge writes it, with one text of its document part changed."""
    assert run("render", KENT, "-o", tmp_path, "-f", "docx").exit_code == 0
    source = tmp_path / "kent.docx"
    target = tmp_path / name
    with zipfile.ZipFile(source) as z_in, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z_out:
        for item in z_in.infolist():
            data = z_in.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert replace[0] in text
                data = text.replace(replace[0], replace[1], 1).encode("utf-8")
            z_out.writestr(item, data)
    return target


def _raw_free(text: str) -> None:
    assert OVERRIDE not in text and "\x1b" not in text and "\x9b" not in text


@pytest.mark.parametrize("character, named", [(OVERRIDE, "character U+202E"), ("\x9b", "control character U+009B")])
def test_diff_refuses_a_docx_paragraph_holding_an_unsafe_character(tmp_path, character, named):
    changed = _docx_with(tmp_path, "changed.docx", ("Dear Alan", f"Dear {character}Alan"))
    result = run("diff", tmp_path / "kent.docx", changed, "-f", "txt")
    assert result.exit_code == 1
    _raw_free(result.stdout + result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith(f"{changed}: error: paragraph ")
    assert result.stderr.endswith(f" contains the {named} (remove it)\n")


def test_extract_refuses_a_docx_paragraph_holding_an_override(tmp_path):
    changed = _docx_with(tmp_path, "changed.docx", ("Dear Alan", f"Dear {OVERRIDE}Alan"))
    result = run("extract", changed, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    _raw_free(result.stdout + result.stderr)
    assert "contains the character U+202E (remove it)" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_extract_refuses_a_text_letter_holding_an_override_at_its_line_and_column(tmp_path):
    lines = RAW_KENT.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "Dear" in line)
    column = lines[number].index("Dear") + 1
    lines[number] = lines[number].replace("Dear", f"{OVERRIDE}Dear", 1)
    letter = tmp_path / "letter.txt"
    letter.write_text("".join(lines), encoding="utf-8")
    result = run("extract", letter)
    assert result.exit_code == 1
    _raw_free(result.stdout + result.stderr)
    assert result.stderr == f"{letter}:{number + 1}:{column}: error: the letter contains the character U+202E (remove it)\n"
    assert not letter.with_suffix(".yaml").exists()


def test_form_feeds_and_stray_nuls_from_a_pdf_are_still_read(tmp_path):
    text = RAW_KENT.read_text(encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text(text.replace("\n\n", "\n\x0c\n", 3).replace("Dear", "\x00Dear", 1), encoding="utf-8")
    result = run("extract", letter)
    assert result.exit_code == 0, result.stderr


# ---------------------------------------------------------------- limits agree


def _with_free_paragraphs(tmp_path: Path, count: int, words: int = 12) -> Path:
    """Kent's text letter with ``count`` free paragraphs before its closing."""
    text = RAW_KENT.read_text(encoding="utf-8")
    at = text.index("Yours sincerely")
    extra = "\n\n".join(f"Free paragraph {i} " + "word " * words for i in range(count))
    letter = tmp_path / "long.txt"
    letter.write_text(text[:at] + extra + "\n\n" + text[at:], encoding="utf-8")
    return letter


def test_a_letter_of_30000_paragraphs_is_refused_naming_the_limit(tmp_path):
    letter = _with_free_paragraphs(tmp_path, 30_000, words=3)
    result = run("extract", letter)
    assert result.exit_code == 1
    assert "error: too long to extract: 30,0" in result.stderr
    assert "paragraphs, more than the 1,000 a letter may have" in result.stderr
    assert "please report" not in result.stderr
    assert result.stderr.startswith(f"{letter}:")  # at the first paragraph past the limit: line:col
    assert not letter.with_suffix(".yaml").exists()


def test_a_letter_just_inside_the_limit_gives_a_selection_that_loads(tmp_path):
    letter = _with_free_paragraphs(tmp_path, 900)
    result = run("extract", letter)
    assert result.exit_code == 0, result.stderr
    assert run("check", letter.with_suffix(".yaml")).exit_code == 0


def test_a_letter_whose_selection_would_be_too_large_is_refused_naming_the_limit(tmp_path, monkeypatch):
    import letterforge.extract as extract

    monkeypatch.setattr(extract, "MAX_FILE_BYTES", 20_000)  # the check, not the size: a smaller bound, same code
    letter = _with_free_paragraphs(tmp_path, 40, words=100)
    result = run("extract", letter)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{letter}: error: too long to extract: its selection would be ")
    assert "bytes, more than the 20,000 a selection file may hold" in result.stderr


def test_a_selection_over_any_loader_limit_is_refused_naming_it_not_reported_as_a_bug(tmp_path, monkeypatch):
    """Whatever limit of the loader the extracted selection would break, extract names it (here the count of
    values, made small so that the test needs no enormous letter; the code is the same)."""
    from letterforge.extract import extract
    from letterforge.load import yamlparse
    from letterforge.load.library import Library
    from letterforge.resources import default_library

    library = Library(default_library())
    library.inspection("core-business-2014"), library.people  # read before the limit is lowered
    monkeypatch.setattr(yamlparse, "MAX_NODES", 60)
    with pytest.raises(LetterforgeError) as refused:
        extract(RAW_KENT, library, tmp_path / "kent.yaml")
    message = refused.value.format_message()
    assert message.startswith(f"{display_path(RAW_KENT)}: error: too long to extract: its selection would break a "
                              "limit of selections: too many values in one file (the limit is 60)")
    assert "please report" not in message
