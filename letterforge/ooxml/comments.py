"""The comments of a reply: who wrote each, when, its words, the replies to it and whether it is resolved.

``word/comments.xml`` holds each comment's text; Word's ``word/commentsExtended.xml``
(where present) links a reply to the comment it answers (``w15:paraIdParent``,
matched through the ``w14:paraId`` of each comment's last paragraph) and
marks a resolved thread (``w15:done="1"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .docx_reader import shown
from .package import w

COMMENTS_PART = "word/comments.xml"
COMMENTS_EXTENDED_PART = "word/commentsExtended.xml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


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
