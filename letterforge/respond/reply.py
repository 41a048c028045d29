"""A force's reply read back from its DOCX: every paragraph as it was sent and as the force would have it.

The paragraphs come from the one DOCX reader (:mod:`letterforge.ooxml.docx_reader`:
each with its text before and after the tracked changes, the changes, its
paragraph mark and formatting-only changes); the comments
(:mod:`letterforge.ooxml.comments`) and the letter's identity
(:mod:`letterforge.ooxml.identity`) from the same package.  A deleted
paragraph mark joins the paragraph to the next one when the change is
accepted, an inserted one splits them: :func:`views` groups such paragraphs
into a :class:`Chain` and gives the chain's paragraphs on each side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from ..errors import LetterforgeError, Location, display_path
from ..ooxml.comments import COMMENTS_EXTENDED_PART, COMMENTS_PART, Comment, read_comments
from ..ooxml.docx_reader import HIDDEN_AFTER, TrackedParagraph, fold, inside, open_docx, tracked_paragraphs
from ..ooxml.identity import CUSTOM_PART, Identity, read_identity
from ..ooxml.package import w

ReplyParagraph = TrackedParagraph
"""One body paragraph of the reply (the reader's :class:`~letterforge.ooxml.docx_reader.TrackedParagraph`)."""


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


_HINT = "is this the reply the force sent?"


def read_reply(path: str | Path) -> Reply:
    """Read the reply at ``path``; a located error if it is missing or not a readable DOCX."""
    where = Location(display_path(path))
    package = open_docx(path, also=(COMMENTS_PART, COMMENTS_EXTENDED_PART, CUSTOM_PART), hint=_HINT)
    paragraphs = tracked_paragraphs(package, path)
    part = COMMENTS_PART
    try:
        notes = read_comments(package.parts.get(COMMENTS_PART), package.parts.get(COMMENTS_EXTENDED_PART))
        part = CUSTOM_PART
        identity = read_identity(package.parts.get(CUSTOM_PART))
    except etree.XMLSyntaxError as e:
        raise LetterforgeError(f"not a readable DOCX: its part {part} is not well-formed XML ({e.msg})", where,
                               _HINT) from None
    for comment_id, words in _anchors(package.body).items():
        if comment_id in notes:
            notes[comment_id].anchor = words
    return Reply(display_path(path), paragraphs, notes, identity)


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
                done[node.get(w("id"), "")] = fold("".join(words))
        elif node.tag == w("p"):
            for words in open_ranges.values():
                words.append(" ")
        elif not inside(node, HIDDEN_AFTER):
            for words in open_ranges.values():
                words.append(node.text or "")
    return done


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
            text = fold("".join(words))
            if text:
                out.append(ViewParagraph(paragraph.kind, text, tuple(numbers)))
            words, numbers = [], []
    return tuple(out)
