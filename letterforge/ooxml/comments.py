"""The comments of a reply: who wrote each, when, its words, the replies to it and whether it is resolved.

``word/comments.xml`` holds each comment's text; Word's ``word/commentsExtended.xml``
(where present) links a reply to the comment it answers (``w15:paraIdParent``,
matched through the ``w14:paraId`` of each comment's last paragraph) and
marks a resolved thread (``w15:done="1"``).  :func:`drop_comments` takes
every comment out of a package (a house style, or a document read as a base).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .docx_reader import shown
from .package import COMMENTS_RELATIONSHIP, DOCUMENT_PART, Package, relationships_part, serialise, w

COMMENTS_PART = "word/comments.xml"
COMMENTS_EXTENDED_PART = "word/commentsExtended.xml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
WORD_COMMENT_RELATIONSHIPS = frozenset({
    COMMENTS_RELATIONSHIP,
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    "http://schemas.microsoft.com/office/2011/relationships/people",
})
"""How a document links to its comments and to the parts Word keeps beside them."""
COMMENT_ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")


@dataclass
class Comment:
    """One comment (or reply): id, author, date, text; its replies; resolved or not; the words it is anchored to."""

    id: str
    author: str | None
    date: str | None
    text: str
    resolved: bool = False
    parent: str | None = None
    """The id of the comment this one replies to."""
    replies: list["Comment"] = field(default_factory=list)
    anchor: str = ""


def read_comments(comments: bytes | None, extended: bytes | None) -> dict[str, Comment]:
    """Every comment by id, replies linked to their parents; raises XMLSyntaxError for a part that is not XML.

    An author or a text holding a control or bidirectional character comes back quoted
    (:func:`~letterforge.ooxml.docx_reader.shown`), never raw.
    """
    if comments is None:
        return {}
    found: dict[str, Comment] = {}
    by_para: dict[str, Comment] = {}
    for element in etree.fromstring(comments).iter(w("comment")):
        date = element.get(w("date"))
        text = "\n".join(" ".join("".join(t.text or "" for t in p.iter(w("t"))).split())
                         for p in element.iter(w("p"))).strip()
        comment = Comment(element.get(w("id"), ""), shown(element.get(w("author")) or None),
                          date if date and not date.startswith("0-") else None, shown(text) or "")
        found[comment.id] = comment
        paragraphs = list(element.iter(w("p")))
        if paragraphs and paragraphs[-1].get(f"{{{W14}}}paraId"):
            by_para[paragraphs[-1].get(f"{{{W14}}}paraId", "")] = comment
    if extended is not None:
        for entry in etree.fromstring(extended).iter(f"{{{W15}}}commentEx"):
            marked = by_para.get(entry.get(f"{{{W15}}}paraId", ""))
            if marked is None:
                continue
            marked.resolved = entry.get(f"{{{W15}}}done") in ("1", "true")
            parent = by_para.get(entry.get(f"{{{W15}}}paraIdParent", ""))
            if parent is not None and parent is not marked:
                marked.parent = parent.id
                parent.replies.append(marked)
    return found


def threads(comments: dict[str, Comment], ids: list[str]) -> list[Comment]:
    """The top comments among ``ids`` (a reply anchored there counts through its parent), each once, in order."""
    out: list[Comment] = []
    for comment_id in ids:
        comment = comments.get(comment_id)
        while comment is not None and comment.parent is not None:
            comment = comments.get(comment.parent)
        if comment is not None and comment not in out:
            out.append(comment)
    return out


def drop_comments(package: Package) -> None:
    """Take every Word comment out of ``package``; nothing changes in a package without any.

    The parts the document links to by a comment relationship
    (``comments.xml`` and Word's ``commentsExtended``, ``commentsIds``,
    ``commentsExtensible`` and ``people`` parts) go with everything pointing
    to them, and so do the anchors (``w:commentRangeStart``,
    ``w:commentRangeEnd``, and the run of each ``w:commentReference``) in the
    XML parts that stay.  Raises KeyError or XMLSyntaxError for a package
    whose parts cannot be read.
    """
    if relationships_part(DOCUMENT_PART) in package.parts:
        package.remove_parts({name for kind in WORD_COMMENT_RELATIONSHIPS for name in package.related(kind)})
    markers = [name.encode() for name in COMMENT_ANCHORS]
    for name, data in list(package.parts.items()):
        if name.endswith(".xml") and any(marker in data for marker in markers):
            root = etree.fromstring(data)
            if _without_comment_anchors(root):
                package.parts[name] = serialise(root)


def _without_comment_anchors(root: etree._Element) -> bool:
    """Remove the comment anchors below ``root``, and each reference's run if nothing else is left in it."""
    anchors = list(root.iter(*(w(tag) for tag in COMMENT_ANCHORS)))
    for anchor in anchors:
        parent = anchor.getparent()
        if parent is None:  # root.iter() starts at root itself, which no part has as an anchor
            continue
        parent.remove(anchor)
        run_parent = parent.getparent()
        if (anchor.tag == w("commentReference") and parent.tag == w("r") and all(c.tag == w("rPr") for c in parent)
                and run_parent is not None):
            run_parent.remove(parent)
    return bool(anchors)
