"""Reading a DOCX back: a part that would unpack to too much is refused before it is unpacked."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from letterforge import docx_reader, ooxml
from letterforge.errors import LetterforgeError

from .conftest import KENT, run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SPACES = 30_000_000
"""30 MB of spaces in ``word/document.xml``: about 30 KB of zip."""


def bomb(path: Path, declared: int | None = None) -> Path:
    """A DOCX whose document part unpacks to 30 MB; ``declared`` forges the size its zip states."""
    document = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b" " * SPACES + b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
    if declared is not None:
        data = bytearray(path.read_bytes())
        central = data.rfind(b"PK\x01\x02")
        data[central + 24:central + 28] = struct.pack("<I", declared)  # uncompressed size in the central directory
        path.write_bytes(bytes(data))
    assert path.stat().st_size < 100_000
    return path


@pytest.fixture(scope="module")
def bomb_docx(tmp_path_factory) -> Path:
    return bomb(tmp_path_factory.mktemp("bomb") / "letter.docx")


def test_extract_refuses_a_docx_part_that_unpacks_to_too_much(bomb_docx, tmp_path):
    result = run("extract", bomb_docx, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"{bomb_docx}: error: not a readable DOCX: word/document.xml unpacks to more than "
                             "20,000,000 bytes\n")
    assert not (tmp_path / "out.yaml").exists()


def test_diff_refuses_a_docx_part_that_unpacks_to_too_much(bomb_docx, tmp_path):
    result = run("diff", KENT, bomb_docx, "-o", tmp_path / "redline.docx")
    assert result.exit_code == 1
    assert result.stderr == (f"{bomb_docx}: error: not a readable DOCX: word/document.xml unpacks to more than "
                             "20,000,000 bytes\n")
    assert not (tmp_path / "redline.docx").exists()


def test_a_forged_small_size_never_unpacks_past_the_limit(tmp_path, monkeypatch):
    path = bomb(tmp_path / "forged.docx", declared=1000)
    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 1_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(LetterforgeError) as refused:
            docx_reader.read_docx_paragraphs(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.format_message() == (f"{path}: error: not a readable DOCX: Bad CRC-32 for file "
                                              "'word/document.xml'")
    assert peak < 5_000_000


def test_diff_refuses_a_letter_docx_carrying_a_part_that_unpacks_to_too_much(tmp_path):
    assert run("render", KENT, "-o", tmp_path, "-f", "docx").exit_code == 0
    fat = tmp_path / "kent.docx"
    with zipfile.ZipFile(fat, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/padding.bin", b"\0" * SPACES)
    result = run("diff", KENT, fat, "-o", tmp_path / "redline.docx")
    assert result.exit_code == 1
    assert result.stderr == (f"{fat}: error: not a readable DOCX: word/media/padding.bin unpacks to more than "
                             "20,000,000 bytes\n")
    assert not (tmp_path / "redline.docx").exists()
