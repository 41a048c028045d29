"""Read a letter back from a DOCX: its paragraphs as ``(kind, text)`` blocks.

A DOCX that letterforge wrote names each paragraph's kind through its style
("Letter Bullet" -> ``bullet``).  Paragraphs in other styles (a letter drafted
by hand in Word) are returned with kind ``None`` so that callers can classify
them; Word list paragraphs in other styles come back as ``bullet``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import UNSAFE_CHARACTERS, LetterforgeError, Location, control_error, display_path
from ..letter import BLOCK_KINDS
from .package import DOCUMENT_PART, STYLES_PART, UnreadablePart, read_part, style_name, style_names, w

_KIND_BY_STYLE = {style_name(kind): kind for kind in BLOCK_KINDS}


@dataclass(frozen=True)
class DocxParagraph:
    """One non-empty paragraph: its kind (or None if its style names none), text and style name."""

    kind: str | None
    text: str
    style: str


def read_docx_paragraphs(path: str | Path, data: bytes | None = None) -> list[DocxParagraph]:
    """The body paragraphs of the DOCX at ``path``, in order, empty ones skipped.

    ``data``, if given, is the file's bytes, already read: they are read
    instead of opening ``path`` again (errors still name ``path``).
    Text in tracked deletions is left out and tracked insertions are kept (the
    document as it reads with all changes accepted).  Raises a located error if
    the file is missing or not a DOCX, if its document or styles part would
    unpack to more than :data:`~letterforge.ooxml.package.MAX_PART_BYTES` (refused before unpacking it), or
    if a paragraph holds a character no selection may hold (a control character, a bidirectional override:
    see :data:`~letterforge.errors.UNSAFE_CHARACTERS`), so that no reader of a letter ever prints one.
    """
    where = Location(display_path(path))
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as z:
            document = etree.fromstring(read_part(z, DOCUMENT_PART))
            styles = etree.fromstring(read_part(z, STYLES_PART)) if STYLES_PART in z.namelist() else None
    except FileNotFoundError:
        raise LetterforgeError("no such file", where) from None
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, UnreadablePart) as e:
        raise LetterforgeError(f"not a readable DOCX: {e}", where) from None
    names = style_names(styles) if styles is not None else {}
    paragraphs: list[DocxParagraph] = []
    for p in document.iter(w("p")):
        text = "".join(t.text or "" for t in p.iter(w("t")) if not _inside(t, w("del")))
        text = " ".join(text.split())
        if not text:
            continue
        if bad := UNSAFE_CHARACTERS.search(text):  # held to the rules a selection's text is held to
            raise control_error(bad.group(), where, f"paragraph {len(paragraphs) + 1}")
        style_id = p.find(f"{w('pPr')}/{w('pStyle')}")
        value = style_id.get(w("val")) if style_id is not None else None
        style = names.get(value, value) if value is not None else "Normal"
        kind = _KIND_BY_STYLE.get(style)
        if kind is None and p.find(f"{w('pPr')}/{w('numPr')}") is not None:
            kind = "bullet"
        paragraphs.append(DocxParagraph(kind, text, style))
    return paragraphs


def _inside(element: etree._Element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False
