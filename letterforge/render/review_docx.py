"""The review copy: the letter as DOCX with a Word comment on every block a reviewer should trace.

Each comment names the finding, variant and judgement, says whether the words
are library, bespoke or free text, lists the parameters and where the wording
is written, and adds what the checks found in that block.  The copy is marked
in its header so it is never mistaken for the letter to send.
"""

from __future__ import annotations

from ..errors import Location, display_path
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


def render_review_pdf(review: Review) -> bytes:
    """The review copy as PDF (through LibreOffice), its comments kept as PDF notes."""
    from .pdf import docx_to_pdf

    where = Location(display_path(review.letter.meta.selection))
    return docx_to_pdf(render_review_docx(review), with_comments=True, where=where)
