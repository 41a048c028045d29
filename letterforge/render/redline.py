"""The redline: the new letter as a Word document with the changes from the old one tracked.

Built on :class:`~letterforge.render.docx.WordDocument`, so it has the new
letter's house style, headers and properties.  Every paragraph keeps its
kind's style, deleted ones too, so lists and headings survive whichever way
the changes are taken:

* an unchanged paragraph is written as it is;
* a changed one holds its kept words as plain runs and the changed words
  inside ``w:del`` (as ``w:delText``) and ``w:ins``;
* an added paragraph is wholly inside ``w:ins`` and its paragraph mark is
  marked inserted (``w:pPr/w:rPr/w:ins``); a removed one is wholly inside
  ``w:del`` with its mark deleted, so that taking the change also takes away
  the paragraph, not just its words.

The document's last paragraph mark cannot be inserted or deleted, so when
the letters end differently the last paragraph is arranged as Word itself
would (see :func:`_settle_the_end`).  Every revision carries a unique
``w:id``, the author and the date.  The settings turn Track Changes on
(``w:trackRevisions``, :func:`tracking_revisions`), so edits made to the
redline in Word are tracked too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, Sequence

from lxml import etree

from ..diff.align import Step
from ..diff.compare import DEFAULT_AUTHOR, DraftComparison
from ..diff.words import Op, word_diff
from ..ooxml.package import R, W, required_child, serialise, text_run, w, w3c_utc
from .docx import SETTINGS_PART, HouseStyle, WordDocument, blank_document

if TYPE_CHECKING:
    from ..diff.inputs import Draft

Mark = Literal["same", "ins", "del"]
SETTINGS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
BEFORE_TRACK_REVISIONS = frozenset(w(tag) for tag in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView"))
"""The elements ``w:settings`` holds before ``w:trackRevisions``, in the schema's order (ECMA-376 CT_Settings)."""


@dataclass(frozen=True)
class RedlineParagraph:
    """One paragraph as planned: its kind (style) with changes taken, its kind before them, its pieces and mark."""

    kind: str
    old_kind: str
    pieces: tuple[tuple[Op, str], ...]
    mark: Mark


def plan(steps: Sequence[Step]) -> list[RedlineParagraph]:
    """The redline's paragraphs for the merged steps, the end settled so both views come out whole."""
    paragraphs = []
    for step in steps:
        if step.old is not None and step.new is not None:
            pieces = tuple(word_diff(step.old.text, step.new.text))
            paragraphs.append(RedlineParagraph(step.new.kind, step.old.kind, pieces, "same"))
        else:
            op: Literal["ins", "del"] = "del" if step.new is None else "ins"
            block = step.block
            paragraphs.append(RedlineParagraph(block.kind, block.kind, ((op, block.text),), op))
    return _settle_the_end(paragraphs)


def _settle_the_end(paragraphs: list[RedlineParagraph]) -> list[RedlineParagraph]:
    """Give the last paragraph a plain mark, as the last paragraph of a Word document must have.

    After the last paragraph both letters share (A) come the old letter's
    last paragraphs (deleted) and then the new one's (inserted).  If there are
    both, the last of each become one changed paragraph.  If only deletions
    end the letter, A's mark is deleted instead of the last one's, whose
    style becomes A's with its own recorded as the style before the change;
    taking the changes then leaves A's words with a mark in A's style.  Only
    insertions mirror this: A's mark is inserted and the last paragraph's
    style before the change is A's.
    """
    if not paragraphs or paragraphs[-1].mark == "same":
        return paragraphs
    anchor = max((i for i, p in enumerate(paragraphs) if p.mark == "same"), default=-1)
    head, tail = paragraphs[:anchor + 1], paragraphs[anchor + 1:]
    deleted = [p for p in tail if p.mark == "del"]
    inserted = [p for p in tail if p.mark == "ins"]
    if deleted and inserted:
        old_text, new_text = deleted[-1].pieces[0][1], inserted[-1].pieces[0][1]
        last = RedlineParagraph(inserted[-1].kind, deleted[-1].kind, tuple(word_diff(old_text, new_text)), "same")
        return head + deleted[:-1] + inserted[:-1] + [last]
    if not head:
        raise ValueError("one of the letters has no paragraphs")
    a = head.pop()
    if deleted:
        return head + [replace(a, mark="del")] + deleted[:-1] + [replace(deleted[-1], kind=a.kind, mark="same")]
    return head + [replace(a, mark="ins")] + inserted[:-1] + [replace(inserted[-1], old_kind=a.old_kind, mark="same")]


class _Revisions:
    """Makes revision elements (``w:ins``, ``w:del``, ``w:pPrChange``) with unique ids, one author and date.

    A date of None means now.
    """

    def __init__(self, author: str, date: dt.datetime | None) -> None:
        self.author = author
        self.date = w3c_utc(date)
        self.count = 0

    def make(self, tag: str) -> etree._Element:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.count))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.count += 1
        return element


def write_redline(document: WordDocument, steps: Sequence[Step], author: str = DEFAULT_AUTHOR,
                  when: dt.datetime | None = None) -> bytes:
    """Append the redline of ``steps`` to the empty ``document`` and return the DOCX bytes."""
    revisions = _Revisions(author, when)
    style_ids = document.style.style_ids
    for planned in plan(steps):
        p = document.paragraph(planned.kind)
        properties = required_child(p, w("pPr"))  # WordDocument.paragraph gives every paragraph one
        if planned.mark != "same":
            etree.SubElement(properties, w("rPr")).append(revisions.make(planned.mark))
        if planned.old_kind != planned.kind:
            change = revisions.make("pPrChange")
            etree.SubElement(etree.SubElement(change, w("pPr")), w("pStyle")).set(w("val"), style_ids[planned.old_kind])
            properties.append(change)
        for op, text in planned.pieces:
            run = text_run(text)
            if op == "same":
                p.append(run)
                continue
            if op == "del":
                required_child(run, w("t")).tag = w("delText")
            wrapper = revisions.make(op)
            wrapper.append(run)
            p.append(wrapper)
        document.append(p)
    track_revisions(document)
    return document.to_bytes()


def tracking_revisions(settings: bytes | None) -> bytes:
    """``word/settings.xml`` (or a new one, for None) with ``w:trackRevisions`` on, in its place in schema order."""
    root = etree.Element(w("settings"), nsmap={"w": W}) if settings is None else etree.fromstring(settings)
    if root.find(w("trackRevisions")) is None:
        place = next((i for i, child in enumerate(root) if child.tag not in BEFORE_TRACK_REVISIONS), len(root))
        root.insert(place, etree.Element(w("trackRevisions")))
    return serialise(root)


def track_revisions(document: WordDocument) -> None:
    """Turn Track Changes on in ``document``, adding a settings part if its house style has none."""
    parts = document.package.parts
    if SETTINGS_PART in parts:
        parts[SETTINGS_PART] = tracking_revisions(parts[SETTINGS_PART])
    else:
        document.package.add_part(SETTINGS_PART, tracking_revisions(None), SETTINGS_TYPE, f"{R}/settings")


def render_redline(drafts: DraftComparison, when: dt.datetime | None = None) -> bytes:
    """The redline DOCX in the new draft's dress: its letter's house style, or the DOCX it was read from."""
    return write_redline(_base_document(drafts.new), drafts.comparison.steps, drafts.author, when)


def _base_document(new: Draft) -> WordDocument:
    """An empty document for the redline: the new letter's, or one in the dress of the DOCX it was read from."""
    if new.letter is not None:
        return blank_document(new.letter)
    if new.docx is not None:
        return HouseStyle.load(new.docx).new_document(None)
    raise ValueError(f"draft {new.name} has neither a letter nor a DOCX")
