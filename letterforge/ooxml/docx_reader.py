"""Read a letter back from a DOCX: the one reader of diff, extract and respond.

Every body paragraph (``w:p``) is read once, as a :class:`TrackedParagraph`:
its text with every tracked change rejected (``before``: the letter as it
was sent) and accepted (``after``: as the editor would have it), the tracked
changes in it (:class:`Revision`: insertions, deletions and moves, also
inside hyperlinks, fields and smart tags, with author and date), what
happened to its paragraph mark, and how many formatting-only changes
(``w:rPrChange``, ``w:pPrChange``) it holds.  :func:`read_docx_paragraphs`
is the accepted view that diff and extract read.

A DOCX that letterforge wrote names each paragraph's kind through its style
("Letter Bullet" -> ``bullet``).  Paragraphs in other styles (a letter drafted
by hand in Word) have kind ``None`` so that callers can classify them; Word
list paragraphs in other styles are ``bullet``.  Text is held to the rules a
selection's text is held to: a control character or a bidirectional override
on either side of a paragraph is a located error, so no reader of a letter
ever prints one.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from ..errors import UNSAFE_CHARACTERS, LetterforgeError, Location, control_error, display_path, quote_name
from ..letter import BLOCK_KINDS
from .package import DOCUMENT_PART, STYLES_PART, UnreadablePart, read_part, style_name, style_names, w

RevisionKind = Literal["inserted", "deleted", "moved from", "moved to"]
_REVISION_TAGS: dict[str, RevisionKind] = {w("ins"): "inserted", w("del"): "deleted",
                                           w("moveFrom"): "moved from", w("moveTo"): "moved to"}
HIDDEN_AFTER = (w("del"), w("moveFrom"))
"""What is not there once every tracked change is accepted."""
HIDDEN_BEFORE = (w("ins"), w("moveTo"))
"""What was not there before any tracked change."""
_KIND_BY_STYLE = {style_name(kind): kind for kind in BLOCK_KINDS}
_SPACES = {w("tab"): " ", w("br"): " ", w("cr"): " ", w("noBreakHyphen"): "-", w("softHyphen"): ""}
_NOT_TEXT = (w("pPr"), w("rPrChange"), w("pPrChange"), w("instrText"))


@dataclass(frozen=True)
class Revision:
    """One tracked change of text: what was done, the words, by whom and when (as Word wrote them)."""

    kind: RevisionKind
    text: str
    author: str | None
    date: str | None


@dataclass(frozen=True)
class TrackedParagraph:
    """One body paragraph, as sent and as edited (``number`` counts every ``w:p`` from 1)."""

    number: int
    kind: str | None
    """The block kind its style names (``Letter Bullet`` -> ``bullet``), or None."""
    style: str
    """Its style's name (``Normal`` where it names none)."""
    before: str
    after: str
    revisions: tuple[Revision, ...]
    mark: Literal["inserted", "deleted"] | None
    mark_revision: Revision | None
    formatting: tuple[Revision, ...]
    """Formatting-only changes (their ``text`` names the property changed)."""
    comments: tuple[str, ...]
    """The ids of the comments anchored in this paragraph."""

    @property
    def changed(self) -> bool:
        """True when the paragraph's words or its mark were changed with tracking."""
        return self.mark is not None or any(r.text.strip() for r in self.revisions)


@dataclass(frozen=True)
class DocxParagraph:
    """One non-empty paragraph as it reads with every change accepted: its kind (or None), text and style name."""

    kind: str | None
    text: str
    style: str


@dataclass(frozen=True)
class DocxPackage:
    """The parts of a DOCX a reader asks for: the document's body, the style names, and any other parts' bytes."""

    body: etree._Element
    style_names: dict[str, str]
    parts: dict[str, bytes]


def open_docx(path: str | Path, data: bytes | None = None, *, also: tuple[str, ...] = (),
              hint: str | None = None) -> DocxPackage:
    """The body and style names of the DOCX at ``path`` (``data``: its bytes, already read), and the bytes of
    each part of ``also`` that it holds.

    Raises a located error if the file is missing or not a DOCX, if a part it
    reads would unpack to more than :data:`~letterforge.ooxml.package.MAX_PART_BYTES`
    (refused before unpacking it), or if its document is not well-formed XML or has no body; ``hint``,
    if given, goes with the errors of a file that is there but unreadable.
    """
    where = Location(display_path(path))
    part = DOCUMENT_PART
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as z:
            names = set(z.namelist())
            document = etree.fromstring(read_part(z, DOCUMENT_PART))
            part = STYLES_PART
            styles = etree.fromstring(read_part(z, STYLES_PART)) if STYLES_PART in names else None
            parts = {name: read_part(z, name) for name in also if name in names}
    except FileNotFoundError:
        raise LetterforgeError("no such file", where) from None
    except IsADirectoryError:
        raise LetterforgeError("is a folder, not a DOCX", where) from None
    except etree.XMLSyntaxError as e:
        raise LetterforgeError(f"not a readable DOCX: its part {part} is not well-formed XML ({e.msg})",
                               where, hint) from None
    except (OSError, KeyError, zipfile.BadZipFile, UnreadablePart, ValueError) as e:
        raise LetterforgeError(f"not a readable DOCX: {e}", where, hint) from None
    body = document.find(w("body"))
    if body is None:
        raise LetterforgeError("not a readable DOCX: its document has no body", where, hint)
    return DocxPackage(body, style_names(styles) if styles is not None else {}, parts)


def tracked_paragraphs(package: DocxPackage, path: str | Path) -> tuple[TrackedParagraph, ...]:
    """Every body paragraph of ``package`` (read from ``path``, named in errors), in order, empty ones too."""
    where = Location(display_path(path))
    return tuple(_paragraph(number, p, package.style_names, where)
                 for number, p in enumerate(package.body.iter(w("p")), start=1))


def read_docx_paragraphs(path: str | Path, data: bytes | None = None) -> list[DocxParagraph]:
    """The body paragraphs of the DOCX at ``path`` as they read with every tracked change accepted, in order,
    empty ones skipped (``data``, if given, is the file's bytes, already read; errors still name ``path``).

    Raises the located errors of :func:`open_docx`, and one naming the
    paragraph that holds a character no selection may hold (see
    :data:`~letterforge.errors.UNSAFE_CHARACTERS`).
    """
    paragraphs = []
    for p in tracked_paragraphs(open_docx(path, data), path):
        text = " ".join(p.after.split())
        if text:
            paragraphs.append(DocxParagraph(p.kind, text, p.style))
    return paragraphs


def _paragraph(number: int, p: etree._Element, names: dict[str, str], where: Location) -> TrackedParagraph:
    before: list[str] = []
    after: list[str] = []
    for node in p.iter():
        if node.tag in (w("t"), w("delText")) or node.tag in _SPACES:
            if inside(node, _NOT_TEXT):
                continue
            text = node.text or "" if node.tag in (w("t"), w("delText")) else _SPACES[node.tag]
            if not inside(node, HIDDEN_BEFORE):
                before.append(text)
            if not inside(node, HIDDEN_AFTER):
                after.append(text)
    for side in (before, after):
        if bad := UNSAFE_CHARACTERS.search("".join(side)):  # held to the rules a selection's text is held to
            raise control_error(bad.group(), where, f"paragraph {number}")
    revisions = []
    for tag, kind in _REVISION_TAGS.items():
        for change in p.iter(tag):
            owner = change.getparent()
            if owner is not None and owner.tag == w("rPr"):
                continue  # a paragraph mark's change, read below
            words = "".join(t.text or "" for t in change.iter(w("t"), w("delText")))
            revisions.append((_order(p, change), Revision(kind, fold(words), _author(change), _date(change))))
    mark, mark_revision = _mark(p)
    formatting = tuple(Revision("inserted", etree.QName(c.getparent()).localname if c.getparent() is not None
                                else "", _author(c), _date(c))
                       for c in p.iter(w("rPrChange"), w("pPrChange")))
    style_id = p.find(f"{w('pPr')}/{w('pStyle')}")
    value = style_id.get(w("val")) if style_id is not None else None
    style = names.get(value, value) if value is not None else "Normal"
    block_kind = _KIND_BY_STYLE.get(style)
    if block_kind is None and p.find(f"{w('pPr')}/{w('numPr')}") is not None:
        block_kind = "bullet"
    comments = tuple(c.get(w("id"), "") for c in p.iter(w("commentRangeStart")))
    references = tuple(c.get(w("id"), "") for c in p.iter(w("commentReference")))
    return TrackedParagraph(number, block_kind, style, "".join(before), "".join(after),
                            tuple(r for _, r in sorted(revisions, key=lambda pair: pair[0])), mark, mark_revision,
                            formatting, comments + tuple(r for r in references if r not in comments))


def _order(p: etree._Element, element: etree._Element) -> int:
    return next(i for i, node in enumerate(p.iter()) if node is element)


def _mark(p: etree._Element) -> tuple[Literal["inserted", "deleted"] | None, Revision | None]:
    properties = p.find(f"{w('pPr')}/{w('rPr')}")
    if properties is None:
        return None, None
    for tag, kind in ((w("del"), "deleted"), (w("moveFrom"), "deleted"), (w("ins"), "inserted"),
                      (w("moveTo"), "inserted")):
        change = properties.find(tag)
        if change is not None:
            mark: Literal["inserted", "deleted"] = "deleted" if kind == "deleted" else "inserted"
            return mark, Revision(mark, "¶", _author(change), _date(change))
    return None, None


def _author(element: etree._Element) -> str | None:
    return shown(element.get(w("author")) or None)


def shown(text: str | None) -> str | None:
    """``text`` as is, or quoted as :func:`~letterforge.errors.quote_name` shows a name when it holds a control
    or bidirectional character: a name the editor typed (an author) is data, never printed raw."""
    return quote_name(text) if text is not None and UNSAFE_CHARACTERS.search(text) else text


def _date(element: etree._Element) -> str | None:
    value = element.get(w("date"))
    return value if value and not value.startswith("0-") else None


def inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    """Whether ``element`` sits inside an element of one of ``tags``."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def fold(text: str) -> str:
    """``text`` with every run of white space one space, and none at either end."""
    return " ".join(text.split())
