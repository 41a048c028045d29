"""The review copy: the letter as DOCX with a Word comment on every block a reviewer should trace.

Each comment names the finding, variant and judgement, says whether the words
are library, bespoke or free text, lists the parameters and where the wording
is written, and adds what the checks found in that block.  The copy is marked
in its header so it is never mistaken for the letter to send.
"""

from __future__ import annotations

from ..tools.review import Review
from .comments import Comments
from .docx import house_style_at

REVIEW_MARK = "DRAFT – REVIEW COPY"


def render_review_docx(review: Review) -> bytes:
    """The review copy of ``review.letter`` as DOCX bytes, comments authored "letterforge"."""
    letter = review.letter
    document = house_style_at(letter.meta.house_style).new_document(letter)
    comments = Comments()
    for annotation in review.annotations:
        paragraph = document.add_block(annotation.block)
        if annotation.commented:
            comments.add(paragraph, annotation.comment_lines())
    comments.attach(document)
    document.mark_draft(REVIEW_MARK)
    return document.to_bytes()

