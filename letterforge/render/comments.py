"""Word comments on whole paragraphs: the ``comments.xml`` part and the anchors in the body.

A comment is anchored by ``w:commentRangeStart``/``w:commentRangeEnd`` around
the paragraph's runs and shown through a run holding ``w:commentReference``;
its text lives in ``word/comments.xml``.  Word and LibreOffice both show them.
"""

from __future__ import annotations

from typing import Sequence

from lxml import etree

from .docx import WordDocument
from ..ooxml.package import COMMENTS_RELATIONSHIP, W, serialise, text_run, w, w3c_utc

COMMENTS_PART = "word/comments.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


class Comments:
    """The comments of one document: :meth:`add` anchors one on a paragraph, :meth:`attach` adds the part."""

    AUTHOR, INITIALS = "letterforge", "LF"

    def __init__(self) -> None:
        self.date = w3c_utc()
        self.root = etree.Element(w("comments"), nsmap={"w": W})
        self.count = 0

    def add(self, paragraph: etree._Element, lines: Sequence[str]) -> None:
        """Anchor a comment of ``lines`` (one comment paragraph each) on all of ``paragraph``'s text."""
        comment_id = str(self.count)
        self.count += 1
        comment = etree.SubElement(self.root, w("comment"))
        for name, value in (("id", comment_id), ("author", self.AUTHOR), ("date", self.date),
                            ("initials", self.INITIALS)):
            comment.set(w(name), value)
        for line in lines:
            etree.SubElement(comment, w("p")).append(text_run(line))
        properties = paragraph.find(w("pPr"))
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), comment_id)
        if properties is not None:
            properties.addnext(start)
        else:
            paragraph.insert(0, start)
        etree.SubElement(paragraph, w("commentRangeEnd")).set(w("id"), comment_id)
        reference = etree.SubElement(paragraph, w("r"))
        etree.SubElement(reference, w("commentReference")).set(w("id"), comment_id)

    def attach(self, document: WordDocument) -> None:
        """Add the comments part to ``document`` (nothing when there are no comments)."""
        if self.count:
            document.package.add_part(COMMENTS_PART, serialise(self.root), COMMENTS_TYPE, COMMENTS_RELATIONSHIP)
