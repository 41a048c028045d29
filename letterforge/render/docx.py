"""The letter as a Word document, in the house style.

The house-style DOCX (``templates/house-style.docx``, or ``templates/<layout>.docx``
when a layout has its own) is read once per process: its parts are kept as
bytes, its body is emptied (keeping page set-up, headers and footers) and each
block kind is mapped to the paragraph style named ``Letter <Kind>``.  Word
comments are taken out with their parts (:func:`~letterforge.ooxml.comments.drop_comments`), so a
document read as a base (a review copy as the new side of a redline) passes
none on.  A letter
is then a :class:`WordDocument`: a new body, new document properties and, for
a draft, a DRAFT mark in the headers, zipped with the unchanged parts: no
per-paragraph style lookups, no re-serialising of styles or numbering.

What is built once and what per letter:

- once per house style: its parts, deflated once into a zip that every
  letter's zip copies (:class:`~letterforge.ooxml.prepacked.PrepackedZips`);
  a paragraph of each kind to copy; the styles part of a final letter;
- once per house style and mark (DRAFT, the review copy's mark): the marked headers;
- per letter: ``word/document.xml`` and each part of :data:`LETTER_PARTS`
  (``docProps/core.xml``, and any part a writer registers there: the place
  for parts that differ per letter, such as a letter's identity).  A
  registered part's content type and relationship are declared once per
  house style, so only its bytes are made per letter.

Other writers (the review copy with comments, the redline with tracked
changes) build on :class:`WordDocument` and add their own paragraphs and parts.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable

from lxml import etree

from ..errors import LetterforgeError, Location, display_path
from ..letter import BLOCK_KINDS, Block, Letter
from .pagination import Keeps, keeps
from ..ooxml.package import (DOCUMENT_PART, STYLES_PART, MissingElement, R, Package, UnreadablePart,
                     required_child, serialise, style_name, style_names,
                     text_run, w, w3c_utc)
from ..ooxml.comments import drop_comments
from ..ooxml.identity import CUSTOM_PART, CUSTOM_RELATIONSHIP, CUSTOM_TYPE
from ..ooxml.prepacked import PrepackedZips
from .docx_body import BodyPieces

CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CORE_PART = "docProps/core.xml"
CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_PART = "docProps/app.xml"
SETTINGS_PART = "word/settings.xml"
HEADER_RELATIONSHIP = f"{R}/header"
DRAFT_MARK = "DRAFT"
DRAFT_MARK_STYLE = "Letter Draft Mark"
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>letterforge</Application></Properties>")


@dataclass(frozen=True)
class HouseStyle:
    """A house-style DOCX read once: its unchanged parts, an empty document, and the style ids to use."""

    path: Path
    package: Package
    document: etree._Element
    style_ids: dict[str, str]
    """Paragraph style id by block kind, plus ``draft-mark`` when the house style has that style."""
    final_styles: bytes
    """The styles part without the draft-mark style: a final letter carries no trace of a draft."""
    zips: PrepackedZips = field(default_factory=PrepackedZips, compare=False, repr=False)
    """The parts every letter carries unchanged, deflated once (see :mod:`letterforge.ooxml.prepacked`)."""
    _marked: dict[str, dict[str, bytes]] = field(default_factory=dict, compare=False, repr=False)
    _paragraphs: dict[tuple[str, bool], etree._Element] = field(default_factory=dict, compare=False, repr=False)
    _declared: dict[bool, dict[str, bytes]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, path: Path) -> "HouseStyle":
        """Read and check ``path``; a located error if it is not a usable house style."""
        where = Location(display_path(path))
        try:
            package = Package.read(path)
            document = etree.fromstring(package.parts.pop(DOCUMENT_PART))  # its body, anchors and all, is emptied
            drop_comments(package)
            styles = etree.fromstring(package.parts[STYLES_PART])
            body = required_child(document, w("body"))
            required_child(body, w("sectPr"))  # what a WordDocument adds its paragraphs before
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, UnreadablePart, MissingElement) as e:
            raise LetterforgeError(f"not a readable DOCX: {e}", where) from None
        for child in list(body):
            if child.tag != w("sectPr"):
                body.remove(child)
        ids = {name: style_id for style_id, name in style_names(styles, "paragraph").items()}
        missing = [style_name(k) for k in BLOCK_KINDS if style_name(k) not in ids]
        if missing:
            raise LetterforgeError(f"house style lacks the paragraph styles {', '.join(missing)}", where,
                                   "add them in Word, or rebuild with templates/make_house_style.py")
        package.parts[APP_PART] = APP_XML
        if SETTINGS_PART in package.parts:
            package.parts[SETTINGS_PART] = _without_revision_ids(package.parts[SETTINGS_PART])
        style_ids = {k: ids[style_name(k)] for k in BLOCK_KINDS}
        final_styles = package.parts[STYLES_PART]
        if DRAFT_MARK_STYLE in ids:
            style_ids["draft-mark"] = ids[DRAFT_MARK_STYLE]
            final_styles = _without_style(styles, ids[DRAFT_MARK_STYLE])
        style = cls(path, package, document, style_ids, final_styles)
        for data in (*package.parts.values(), final_styles):
            style.zips.share(data)
        return style

    def new_document(self, letter: Letter | None) -> "WordDocument":
        """An empty document in this house style, with the properties of ``letter``.

        With no letter the house style's own document properties are kept (a
        document read back from a DOCX letterforge wrote).
        """
        return WordDocument(self, letter)

    def prototype(self, kind: str, with_run: bool) -> etree._Element:
        """A ``w:p`` in the style of ``kind`` (with one empty text run when ``with_run``), made once, to copy."""
        key = (kind, with_run)
        if key not in self._paragraphs:
            p = etree.Element(w("p"))
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), self.style_ids[kind])
            if with_run:
                p.append(text_run(""))
            self._paragraphs[key] = p
        return self._paragraphs[key]

    @cached_property
    def body_pieces(self) -> BodyPieces:
        """This house style's document and paragraph shapes as bytes, for plain letters (made once)."""
        return BodyPieces(self.document, self._paragraph_keeping)

    def _paragraph_keeping(self, kind: str, keep: Keeps) -> etree._Element:
        p = copy.deepcopy(self.prototype(kind, with_run=True))
        apply_keeps(p, keep)
        return p

    def marked_headers(self, text: str) -> dict[str, bytes]:
        """This house style's headers with ``text`` at the top of each, made once per ``text``."""
        if text not in self._marked:
            marked = {}
            for name in self.package.related(HEADER_RELATIONSHIP):
                header = etree.fromstring(self.package.parts[name])
                header.insert(0, self.mark_paragraph(text))
                marked[name] = self.zips.share(serialise(header))
            self._marked[text] = marked
        return self._marked[text]

    def mark_paragraph(self, text: str) -> etree._Element:
        """The header paragraph holding ``text``, in the draft-mark style when the house style has it."""
        p = etree.Element(w("p"))
        if "draft-mark" in self.style_ids:
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), self.style_ids["draft-mark"])
        p.append(text_run(text))
        return p

    def letter_declarations(self, final: bool = False) -> dict[str, bytes]:
        """The content types and relationships that declare every part of :data:`LETTER_PARTS` a letter
        (a final one when ``final``) carries, made once per house style and status.

        Only the parts they change (none when the house style declares them all already, as it does
        ``docProps/core.xml``); a letter's document starts with these, before any writer adds parts.
        """
        if final not in self._declared:
            declaring = self.package.copy()
            for part in letter_parts(final):
                if part.name not in declaring.parts:
                    declaring.add_part(part.name, b"", part.content_type, part.relationship, part.owner)
            self._declared[final] = {name: self.zips.share(data) for name, data in declaring.parts.items()
                                     if name in self.package.parts and data is not self.package.parts[name]}
        return self._declared[final]


def _without_style(styles: etree._Element, style_id: str) -> bytes:
    """The styles part ``styles`` serialised without the style whose id is ``style_id``."""
    kept = copy.deepcopy(styles)
    for style in [s for s in kept.iterfind(w("style")) if s.get(w("styleId")) == style_id]:
        kept.remove(style)
    return serialise(kept)


class WordDocument:
    """One letter being written as DOCX: append paragraphs, add parts, then :meth:`to_bytes`."""

    def __init__(self, style: HouseStyle, letter: Letter | None) -> None:
        self.style = style
        self.letter = letter
        self.package = style.package.copy()
        if letter is not None:
            self.package.parts.update(style.letter_declarations(letter.meta.status == "final"))
        self.root = copy.deepcopy(style.document)
        self._end = required_child(self.root, f"{w('body')}/{w('sectPr')}")  # HouseStyle.load checked it is there

    def paragraph(self, kind: str) -> etree._Element:
        """A new, empty ``w:p`` in the style of ``kind`` (not yet in the document)."""
        return copy.deepcopy(self.style.prototype(kind, with_run=False))

    def append(self, paragraph: etree._Element) -> etree._Element:
        """Add ``paragraph`` at the end of the body (before the section properties)."""
        self._end.addprevious(paragraph)
        return paragraph

    def add_block(self, block: Block) -> etree._Element:
        """Append one block as a paragraph of its kind holding its text in one run."""
        p = copy.deepcopy(self.style.prototype(block.kind, with_run=True))
        p[-1][-1].text = block.text  # the w:t of the prototype's one run
        return self.append(p)

    def mark_draft(self, text: str = DRAFT_MARK) -> None:
        """Put ``text`` at the top of every header (first page and the rest).

        Headers still as the house style has them take the marked headers made
        once per mark (:meth:`HouseStyle.marked_headers`); any other is marked here.
        """
        marked = self.style.marked_headers(text)
        for name in self.package.related(HEADER_RELATIONSHIP):
            if self.package.parts[name] is self.style.package.parts.get(name) and name in marked:
                self.package.parts[name] = marked[name]
                continue
            header = etree.fromstring(self.package.parts[name])
            header.insert(0, self.style.mark_paragraph(text))
            self.package.parts[name] = serialise(header)

    def to_bytes(self, body: bytes | None = None) -> bytes:
        """The finished DOCX: this body (or ``body``, a ``document.xml`` already made) and this letter's own parts
        (:data:`LETTER_PARTS`) with the house style's others.

        The parts no writer changed are copied from a zip deflated once per house style.
        """
        self.package.parts[DOCUMENT_PART] = body if body is not None else serialise(self.root)
        if self.letter is not None:
            for part in letter_parts(self.letter.meta.status == "final"):
                self.package.parts[part.name] = part.build(self.letter)
        return self.style.zips.to_bytes(self.package.parts)


def _without_revision_ids(settings: bytes) -> bytes:
    root = etree.fromstring(settings)
    for rsids in root.findall(w("rsids")):
        root.remove(rsids)
    return serialise(root)


def core_properties(letter: Letter) -> bytes:
    """``docProps/core.xml`` for this letter only: title, subject, author, dates (now), revision 1."""
    meta = letter.meta
    stamp = w3c_utc()
    cp, dc, dcterms, xsi = (CORE_NS[k] for k in ("cp", "dc", "dcterms", "xsi"))
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap=CORE_NS)
    for tag, value in ((f"{{{dc}}}title", f"{meta.title} – {meta.force}"),
                       (f"{{{dc}}}subject", f"Findings for {meta.force}"),
                       (f"{{{dc}}}creator", meta.author),
                       (f"{{{cp}}}lastModifiedBy", meta.author),
                       (f"{{{cp}}}keywords", meta.inspection),
                       (f"{{{cp}}}revision", "1")):
        etree.SubElement(root, tag).text = value
    for tag in ("created", "modified"):
        element = etree.SubElement(root, f"{{{dcterms}}}{tag}")
        element.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        element.text = stamp
    return serialise(root)


@dataclass(frozen=True)
class LetterPart:
    """A part made anew for every letter: its bytes differ per letter, its declaration is shared.

    ``owner`` is the part whose relationships link to it (``""`` for the
    package itself, as for document properties).
    """

    name: str
    content_type: str
    relationship: str
    owner: str
    build: Callable[[Letter], bytes]
    drafts_only: bool = False
    """Made for a draft only: a final letter carries nothing the round with the force needed."""


def _identity_part(letter: Letter) -> bytes:
    from .identity import identity_part

    return identity_part(letter)


LETTER_PARTS: tuple[LetterPart, ...] = (
    LetterPart(CORE_PART, CORE_CONTENT_TYPE, CORE_RELATIONSHIP, "", core_properties),
    LetterPart(CUSTOM_PART, CUSTOM_TYPE, CUSTOM_RELATIONSHIP, "", _identity_part, drafts_only=True),
)
"""Every part built per letter besides the body: the document properties, and a draft's identity for the
factual-accuracy round (:mod:`.identity`).  A part that differs per letter is added here; a part that is the
same for every letter belongs in the house style."""


def letter_parts(final: bool) -> tuple[LetterPart, ...]:
    """The parts of :data:`LETTER_PARTS` a letter carries: all for a draft, those not ``drafts_only`` when final."""
    return tuple(part for part in LETTER_PARTS if not (final and part.drafts_only))


@lru_cache(maxsize=8)
def house_style_at(path: Path) -> HouseStyle:
    """The house style in the DOCX at ``path``, read once per process."""
    return HouseStyle.load(path)


def blank_document(letter: Letter) -> WordDocument:
    """A document for ``letter`` in its house style, DRAFT-marked unless final, with no paragraphs yet.

    A final letter's styles part leaves out the draft-mark style too, so that "draft" appears nowhere in it.
    """
    document = house_style_at(letter.meta.house_style).new_document(letter)
    if letter.meta.status == "final":
        document.package.parts[STYLES_PART] = document.style.final_styles
    else:
        document.mark_draft()
    return document


def letter_document(letter: Letter) -> WordDocument:
    """``letter`` as a :class:`WordDocument`, every block a paragraph, DRAFT-marked unless final.

    Paragraphs that introduce what follows keep with it, and short bullets keep their lines together
    (:mod:`letterforge.render.pagination`); the letterhead's crest, if any, comes first (:mod:`.docx_image`).
    """
    document = blank_document(letter)
    from .docx_image import add_letterhead_image, letterhead_image

    if (crest := letterhead_image(letter)) is not None:
        add_letterhead_image(document, crest)
    for block, keep in zip(letter.blocks, keeps(letter.blocks)):
        apply_keeps(document.add_block(block), keep)
    return document


def apply_keeps(paragraph: etree._Element, keep: Keeps) -> None:
    """Give ``paragraph`` (whose ``w:pPr`` holds just its style) ``w:keepNext`` and ``w:keepLines`` as ``keep`` says."""
    properties = required_child(paragraph, w("pPr"))
    for wanted, tag in ((keep.with_next, "keepNext"), (keep.lines_together, "keepLines")):
        if wanted:
            etree.SubElement(properties, w(tag))


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes; a draft carries its identity (:mod:`.identity`) for the factual-accuracy round.

    A letter of text paragraphs alone has its body joined from pieces made once (:mod:`.docx_body`); one with a
    crest is built as a tree.
    """
    from .docx_image import letterhead_image

    pieces = house_style_at(letter.meta.house_style).body_pieces
    if letterhead_image(letter) is not None or not pieces.can_hold(letter.blocks):
        return letter_document(letter).to_bytes()
    return blank_document(letter).to_bytes(pieces.document(letter.blocks, keeps(letter.blocks)))
