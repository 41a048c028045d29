"""A force's reply read back from its DOCX: every paragraph as it was sent and as the force would have it.

Each body paragraph (``w:p``) gives a :class:`ReplyParagraph`: its text with
every tracked change rejected (``before``) and accepted (``after``), the
tracked changes in it (:class:`Revision`: insertions, deletions and moves,
also inside hyperlinks, fields and smart tags, with author and date), what
happened to its paragraph mark, and how many formatting-only changes
(``w:rPrChange``, ``w:pPrChange``) it holds.  A deleted paragraph mark joins
the paragraph to the next one when the change is accepted, an inserted one
splits them: :func:`views` groups such paragraphs into a :class:`Chain` and
gives the chain's paragraphs on each side.  The comments, and the letter's
identity (:mod:`letterforge.ooxml.identity`), are read from the same package.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal

from lxml import etree

from ..errors import LetterforgeError, Location, display_path
from ..letter import BLOCK_KINDS
from ..ooxml.identity import CUSTOM_PART, Identity, read_identity
from ..ooxml.package import DOCUMENT_PART, STYLES_PART, UnreadablePart, read_part, style_name, style_names, w
from .comments import COMMENTS_EXTENDED_PART, COMMENTS_PART, Comment, read_comments

RevisionKind = Literal["inserted", "deleted", "moved from", "moved to"]
_REVISION_TAGS: dict[str, RevisionKind] = {w("ins"): "inserted", w("del"): "deleted",
                                           w("moveFrom"): "moved from", w("moveTo"): "moved to"}
_HIDDEN_AFTER = (w("del"), w("moveFrom"))
_HIDDEN_BEFORE = (w("ins"), w("moveTo"))
_KIND_BY_STYLE = {style_name(kind): kind for kind in BLOCK_KINDS}
_SPACES = {w("tab"): " ", w("br"): " ", w("cr"): " ", w("noBreakHyphen"): "-", w("softHyphen"): ""}


@dataclass(frozen=True)
class Revision:
    """One tracked change of text: what was done, the words, by whom and when (as Word wrote them)."""

    kind: RevisionKind
    text: str
    author: str | None
    date: str | None


@dataclass(frozen=True)
class ReplyParagraph:
    """One body paragraph of the reply (``number`` counts every ``w:p`` from 1)."""

    number: int
    kind: str | None
    """The block kind its style names (``Letter Bullet`` -> ``bullet``), or None."""
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
class Reply:
    """The whole reply: its paragraphs, comments and identity (None if the DOCX lost it)."""

    path: str
    paragraphs: tuple[ReplyParagraph, ...]
    comments: dict[str, Comment]
    identity: Identity | None

    @property
    def formatting_changes(self) -> int:
        """How many formatting-only changes the reply holds."""
        return sum(len(p.formatting) for p in self.paragraphs)


@dataclass(frozen=True)
class ViewParagraph:
    """A paragraph of one side of a chain: its kind, words and the reply paragraphs it is made of."""

    kind: str | None
    text: str
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Chain:
    """Reply paragraphs joined by changed paragraph marks: the paragraphs they make before and after."""

    paragraphs: tuple[ReplyParagraph, ...]
    before: tuple[ViewParagraph, ...]
    after: tuple[ViewParagraph, ...]
    changed: bool = field(default=False)


def read_reply(path: str | Path) -> Reply:
    """Read the reply at ``path``; a located error if it is missing or not a readable DOCX."""
    where = Location(display_path(path))
    part = DOCUMENT_PART
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            document = etree.fromstring(read_part(z, DOCUMENT_PART))
            part = STYLES_PART
            styles = etree.fromstring(read_part(z, STYLES_PART)) if STYLES_PART in names else None
            part = COMMENTS_PART
            comments = read_part(z, COMMENTS_PART) if COMMENTS_PART in names else None
            extended = read_part(z, COMMENTS_EXTENDED_PART) if COMMENTS_EXTENDED_PART in names else None
            notes = read_comments(comments, extended)
            part = CUSTOM_PART
            identity = read_identity(read_part(z, CUSTOM_PART) if CUSTOM_PART in names else None)
    except etree.XMLSyntaxError as e:
        raise LetterforgeError(f"not a readable DOCX: its part {part} is not well-formed XML ({e.msg})", where, "is this the reply the force sent?") from None
    except FileNotFoundError:
        raise LetterforgeError("no such file", where) from None
    except IsADirectoryError:
        raise LetterforgeError("is a folder, not a reply (.docx)", where) from None
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, UnreadablePart, ValueError) as e:
        raise LetterforgeError(f"not a readable DOCX: {e}", where, "is this the reply the force sent?") from None
    body = document.find(w("body"))
    if body is None:
        raise LetterforgeError("not a readable DOCX: its document has no body", where)
    names_by_id = style_names(styles) if styles is not None else {}
    paragraphs = tuple(_paragraph(number, p, names_by_id)
                       for number, p in enumerate(body.iter(w("p")), start=1))
    for comment_id, words in _anchors(body).items():
        if comment_id in notes:
            notes[comment_id].anchor = words
    return Reply(display_path(path), paragraphs, notes, identity)


def _paragraph(number: int, p: etree._Element, names: dict[str, str]) -> ReplyParagraph:
    before: list[str] = []
    after: list[str] = []
    for node in p.iter():
        if node.tag in (w("t"), w("delText")) or node.tag in _SPACES:
            if _inside(node, (w("pPr"), w("rPrChange"), w("pPrChange"), w("instrText"))):
                continue
            text = node.text or "" if node.tag in (w("t"), w("delText")) else _SPACES[node.tag]
            if not _inside(node, _HIDDEN_BEFORE):
                before.append(text)
            if not _inside(node, _HIDDEN_AFTER):
                after.append(text)
    revisions = []
    for tag, kind in _REVISION_TAGS.items():
        for change in p.iter(tag):
            owner = change.getparent()
            if owner is not None and owner.tag == w("rPr"):
                continue  # a paragraph mark's change, read below
            words = "".join(t.text or "" for t in change.iter(w("t"), w("delText")))
            revisions.append((_order(p, change), Revision(kind, _fold(words), _author(change), _date(change))))
    mark, mark_revision = _mark(p)
    formatting = tuple(Revision("inserted", etree.QName(c.getparent()).localname if c.getparent() is not None
                                else "", _author(c), _date(c))
                       for c in p.iter(w("rPrChange"), w("pPrChange")))
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    value = style.get(w("val")) if style is not None else None
    block_kind = _KIND_BY_STYLE.get(names.get(value, value or "") if value is not None else "")
    if block_kind is None and p.find(f"{w('pPr')}/{w('numPr')}") is not None:
        block_kind = "bullet"
    comments = tuple(c.get(w("id"), "") for c in p.iter(w("commentRangeStart")))
    references = tuple(c.get(w("id"), "") for c in p.iter(w("commentReference")))
    return ReplyParagraph(number, block_kind, "".join(before), "".join(after),
                          tuple(r for _, r in sorted(revisions, key=lambda pair: pair[0])), mark, mark_revision,
                          formatting, comments + tuple(r for r in references if r not in comments))


def _anchors(body: etree._Element) -> dict[str, str]:
    """The words (as the reply reads with its changes accepted) between each comment's range start and end."""
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for node in body.iter(w("commentRangeStart"), w("commentRangeEnd"), w("t"), w("p")):
        if node.tag == w("commentRangeStart"):
            open_ranges[node.get(w("id"), "")] = []
        elif node.tag == w("commentRangeEnd"):
            words = open_ranges.pop(node.get(w("id"), ""), None)
            if words is not None:
                done[node.get(w("id"), "")] = _fold("".join(words))
        elif node.tag == w("p"):
            for words in open_ranges.values():
                words.append(" ")
        elif not _inside(node, _HIDDEN_AFTER):
            for words in open_ranges.values():
                words.append(node.text or "")
    return done


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
    return element.get(w("author")) or None


def _date(element: etree._Element) -> str | None:
    value = element.get(w("date"))
    return value if value and not value.startswith("0-") else None


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _fold(text: str) -> str:
    return " ".join(text.split())


def views(reply: Reply) -> list[Chain]:
    """The reply's paragraphs in chains: one per paragraph, or several joined by changed paragraph marks.

    On the ``before`` side a paragraph whose mark was inserted joins the next;
    on the ``after`` side one whose mark was deleted does.  A joined paragraph
    has the kind of its last part (whose mark it keeps).  Empty paragraphs are
    left out of both sides.
    """
    chains: list[Chain] = []
    current: list[ReplyParagraph] = []
    for paragraph in reply.paragraphs:
        current.append(paragraph)
        if paragraph.mark is None:
            chains.append(_chain(current))
            current = []
    if current:
        chains.append(_chain(current))
    return chains


def _chain(paragraphs: list[ReplyParagraph]) -> Chain:
    before = _side(paragraphs, lambda p: p.before, "inserted")
    after = _side(paragraphs, lambda p: p.after, "deleted")
    changed = any(p.changed for p in paragraphs)
    return Chain(tuple(paragraphs), before, after, changed)


def _side(paragraphs: list[ReplyParagraph], text_of: Callable[[ReplyParagraph], str],
          joins: str) -> tuple[ViewParagraph, ...]:
    out: list[ViewParagraph] = []
    words: list[str] = []
    numbers: list[int] = []
    for paragraph in paragraphs:
        words.append(text_of(paragraph))
        numbers.append(paragraph.number)
        if paragraph.mark != joins or paragraph is paragraphs[-1]:
            text = _fold("".join(words))
            if text:
                out.append(ViewParagraph(paragraph.kind, text, tuple(numbers)))
            words, numbers = [], []
    return tuple(out)
