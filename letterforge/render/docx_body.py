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
        self._head, _, self._tail = self._cut_around(copy.deepcopy(document), [])
        self._shapes: dict[tuple[str, bool, bool], tuple[bytes, bytes]] = {}

    def shape(self, kind: str, keeps: Keeps) -> tuple[bytes, bytes]:
        """The bytes of a paragraph of ``kind`` with ``keeps`` before and after its text (made once).

        Serialised in a bare copy of the document's root and body, whose namespaces (and so whose prefixes)
        are the document's.
        """
        key = (kind, keeps.with_next, keeps.lines_together)
        if key not in self._shapes:
            p = self._paragraph(kind, keeps)
            p[-1][-1].text = _TEXT
            body = required_child(self._document, w("body"))
            namespaces = cast(dict[str, str], body.nsmap)  # a default namespace's key is None, as lxml allows
            bare = etree.Element(self._document.tag, nsmap=namespaces)
            etree.SubElement(etree.SubElement(bare, body.tag), w("sectPr"))
            before, after = self._cut_around(bare, [p])[1].split(_TEXT.encode())
            self._shapes[key] = (before, after)
        return self._shapes[key]

    @staticmethod
    def _cut_around(root: etree._Element, paragraphs: list[etree._Element]) -> tuple[bytes, bytes, bytes]:
        """``root`` serialised with ``paragraphs`` put before its body's ``w:sectPr`` between two cut marks,
        cut there: the bytes before, the paragraphs' bytes, and the bytes after."""
        end = required_child(root, f"{w('body')}/{w('sectPr')}")
        for node in (etree.Comment(_CUT), *paragraphs, etree.Comment(_CUT)):
            end.addprevious(node)
        before, middle, after = serialise(root).split(f"<!--{_CUT}-->".encode())
        return before, middle, after

    def can_hold(self, blocks: Sequence[Block]) -> bool:
        """False when a text holds a character XML cannot (the tree refuses it with lxml's own error)."""
        return not any(_NOT_XML.search(block.text) for block in blocks)

    def document(self, blocks: Sequence[Block], keeps: Sequence[Keeps]) -> bytes:
        """``word/document.xml`` holding ``blocks`` in order, each with its ``keeps`` (see :meth:`can_hold`)."""
        parts = [self._head]
        for block, keep in zip(blocks, keeps):
            before, after = self.shape(block.kind, keep)
            parts += (before, _escaped(block.text).encode(), after)
        parts.append(self._tail)
        return b"".join(parts)


def _escaped(text: str) -> str:
    """``text`` as lxml writes element text: ``&``, ``<`` and ``>`` as entities, a carriage return as ``&#13;``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
