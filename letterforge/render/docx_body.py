"""A plain letter's ``word/document.xml`` from pieces of bytes made once per house style.

Every paragraph of a plain letter is one of a few shapes (its kind's style,
its keeps, one run of text), so building and serialising a tree of them for
each letter does the same work again and again.  :class:`BodyPieces`
serialises the house style's empty body and each shape of paragraph once,
cut where the paragraphs and the text go; a letter's body is then those
pieces joined around its texts, escaped as lxml escapes text.  The bytes are
the ones serialising the tree gives (``tests/test_fast_paths.py`` holds the
two to it); a text lxml would refuse (a character XML cannot hold) is left
to the tree, which refuses it.
"""

from __future__ import annotations

import copy
import re
from typing import Callable, Sequence, cast

from lxml import etree

from ..letter import Block
from ..ooxml.package import required_child, serialise, w
from .pagination import Keeps

_CUT = "letterforge: cut here"
"""A comment put where the pieces are cut (serialised as ``<!--letterforge: cut here-->``)."""
_TEXT = "\ue000"
"""Stands for a paragraph's text while its shape is serialised (a private-use character, cut out again)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML cannot hold: lxml refuses them, so a text holding one goes the tree's way."""


class BodyPieces:
    """The bytes of one house style's ``word/document.xml`` around its paragraphs, and of each paragraph shape."""

    def __init__(self, document: etree._Element, paragraph: Callable[[str, Keeps], etree._Element]) -> None:
        """``document`` is the house style's emptied document; ``paragraph(kind, keeps)`` a new paragraph of that shape
        holding one text run (whose ``w:t`` is the paragraph's last grandchild)."""
        self._document = document
        self._paragraph = paragraph
        self._head, self._tail = self._cut([])
        self._shapes: dict[tuple[str, bool, bool], tuple[bytes, bytes]] = {}

    def _cut(self, paragraphs: list[etree._Element]) -> tuple[bytes, bytes]:
        """With no paragraphs: the document's bytes before and after where its paragraphs go.  With paragraphs:
        their bytes before and after their text, serialised in a bare copy of the document's root and body,
        whose namespaces (and so whose prefixes) are the document's."""
        if paragraphs:
            body = required_child(self._document, w("body"))
            namespaces = cast(dict[str, str], body.nsmap)  # a default namespace's key is None, as lxml allows
            root = etree.Element(self._document.tag, nsmap=namespaces)
            end = etree.SubElement(etree.SubElement(root, body.tag), w("sectPr"))
        else:
            root = copy.deepcopy(self._document)
            end = required_child(root, f"{w('body')}/{w('sectPr')}")
        for node in (etree.Comment(_CUT), *paragraphs, etree.Comment(_CUT)):
            end.addprevious(node)
        head, middle, tail = serialise(root).split(f"<!--{_CUT}-->".encode())
        if not paragraphs:
            return head, tail
        before, after = middle.split(_TEXT.encode())
        return before, after

    def shape(self, kind: str, keeps: Keeps) -> tuple[bytes, bytes]:
        """The bytes of a paragraph of ``kind`` with ``keeps`` before and after its text (made once)."""
        key = (kind, keeps.with_next, keeps.lines_together)
        if key not in self._shapes:
            p = self._paragraph(kind, keeps)
            p[-1][-1].text = _TEXT
            self._shapes[key] = self._cut([p])
        return self._shapes[key]

    def can_hold(self, blocks: Sequence[Block]) -> bool:
        """False when a text holds a character XML cannot (the tree refuses it with lxml's own error)."""
        return not any(_NOT_XML.search(block.text) for block in blocks)

    def document(self, blocks: Sequence[Block], keeps: Sequence[Keeps]) -> bytes:
        """``word/document.xml`` holding ``blocks`` in order, each with its ``keeps`` (see :meth:`can_hold`)."""
        parts = [self._head]
        shapes = self._shapes
        for block, keep in zip(blocks, keeps):
            shape = shapes.get((block.kind, keep.with_next, keep.lines_together)) or self.shape(block.kind, keep)
            parts += (shape[0], _escaped(block.text).encode(), shape[1])
        parts.append(self._tail)
        return b"".join(parts)


def _escaped(text: str) -> str:
    """``text`` as lxml writes element text: ``&``, ``<`` and ``>`` as entities, a carriage return as ``&#13;``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
