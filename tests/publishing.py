"""What the publishing tests share: the letters they publish, the programs they drive, small helpers.

The letters: Kent and the unnamed force made final, a long generated letter, and Kent from a library whose
London office names a crest.  Module-scoped fixtures, so that each test module converts each letter once.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from letterforge.letter import Block, Letter, Provenance

from .conftest import KENT, ROOT, UNNAMED

SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
needs_pdf = pytest.mark.skipif(not (SOFFICE and POPPLER), reason="LibreOffice and poppler-utils are not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def tool(*command: str | Path) -> str:
    """What the program prints, run with ``command``; it must succeed."""
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, check=True).stdout


def long_letter(base: Letter) -> Letter:
    """A letter of eight pages or so: Kent's head, then twelve sections of bullets from one to seven lines long,
    each section but the first opened by a paragraph that introduces its list, so that headings, lead-ins and
    short bullets fall at every height of a page."""
    head = [b for b in base.blocks if b.kind in ("letterhead", "sender", "date", "recipient", "salutation", "subject")]
    tail = [b for b in base.blocks if b.kind in ("closing", "signature", "copy")]
    words = ("inspectors found that the force keeps clear records of its work with partners and checks them "
             "each month so that nothing is lost between teams").split()
    body: list[Block] = [Block("paragraph", "Findings that specifically relate to your force are;")]
    for section in range(12):
        body.append(Block("heading", f"Section {section + 1} of the long letter"))
        if section:
            body.append(Block("paragraph", f"In section {section + 1} the inspection found these matters:"))
        for item in range(2 + section % 4):
            length = 12 + ((section * 3 + item * 5) % 7) * 14  # one line to seven or so
            text = " ".join(words[(section + item + i) % len(words)] for i in range(length))
            body.append(Block("bullet", f"Item {section + 1}.{item + 1}: {text}.", Provenance(section=f"s{section}")))
    return replace(base, blocks=tuple(head + body + tail))


CREST_ALT = "Crest of Her Majesty’s Inspectorate of Constabulary"


def crest_png(width: int = 96, height: int = 112) -> bytes:
    """A small PNG: a navy shield on white (written here with zlib, so the suite needs no image library)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b""
    for y in range(height):
        inset = max(0, y - height * 2 // 3) * 2
        rows += b"\0" + b"".join(b"\x1f\x38\x64" if 8 + inset <= x < width - 8 - inset and y > 8 else b"\xff\xff\xff"
                                 for x in range(width))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def crest_library(tmp_path_factory):
    """The shipped library with a crest for the London office, named in people.yaml with its alt text."""
    from letterforge.resources import default_library

    root = tmp_path_factory.mktemp("crest") / "library"
    shutil.copytree(default_library(), root)
    (root / "crest.png").write_bytes(crest_png())
    people = root / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("    address: [6th Floor,", f"    logo: {{file: crest.png, alt: {CREST_ALT}}}\n"
                                   "    address: [6th Floor,", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def final_letters(library, crest_library):
    from letterforge.compose.build import load_letter
    from letterforge.load.library import Library

    kent = load_letter(KENT, library, final=True)[1]
    unnamed = load_letter(UNNAMED, library, final=True)[1]
    crest = load_letter(KENT, Library(crest_library), final=True)[1]
    return {"kent": kent, "unnamed-force": unnamed, "long": long_letter(kent), "crest": crest}
