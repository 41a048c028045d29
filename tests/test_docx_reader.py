"""Reading a DOCX back: a part that would unpack to too much is refused before it is unpacked."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from letterforge.ooxml import docx_reader
from letterforge.ooxml import package as ooxml
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
    old = tmp_path / "old.yaml"  # a draft that differs, so that the redline is built in the fat DOCX's dress
    old.write_text(KENT.read_text(encoding="utf-8").replace("Dear Alan", "Dear Mr Pughsley"), encoding="utf-8")
    result = run("diff", old, fat, "-o", tmp_path / "redline.docx")
    assert result.exit_code == 1
    assert result.stderr == (f"{fat}: error: not a readable DOCX: word/media/padding.bin unpacks to more than "
                             "20,000,000 bytes\n")
    assert not (tmp_path / "redline.docx").exists()


def with_part_packed_oddly(path: Path, flag_bits: int = 0, method: int | None = None) -> Path:
    """A real letter's DOCX whose document part is marked encrypted (``flag_bits``) or packed by ``method``."""
    run("render", KENT, "-o", path.parent, "-f", "docx")
    data = bytearray((path.parent / "kent.docx").read_bytes())
    for header, flags_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.find(header)
        while at != -1:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at:name_at + 17] == b"word/document.xml":
                data[at + flags_at:at + flags_at + 2] = struct.pack("<H", flag_bits)
                if method is not None:
                    data[at + method_at:at + method_at + 2] = struct.pack("<H", method)
            at = data.find(header, at + 4)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("flag_bits, method, problem", [
    (1, None, "word/document.xml is encrypted"),
    (0, 99, "word/document.xml cannot be unpacked (That compression method is not supported)"),
])
@pytest.mark.parametrize("command", ["extract", "diff"])
def test_an_encrypted_or_oddly_packed_docx_is_refused_with_its_location(tmp_path, command, flag_bits, method, problem):
    letter = with_part_packed_oddly(tmp_path / "letter.docx", flag_bits, method)
    arguments = ([letter, "-o", tmp_path / "out.yaml"] if command == "extract"
                 else [KENT, letter, "-o", tmp_path / "r.docx"])
    result = run(command, *arguments)
    assert (result.exit_code, result.stderr) == (1, f"{letter}: error: not a readable DOCX: {problem}\n")
    assert not (tmp_path / "out.yaml").exists() and not (tmp_path / "r.docx").exists()
