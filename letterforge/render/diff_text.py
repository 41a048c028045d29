"""The comparison as plain text for email: the summary, then each changed paragraph with its words marked.

Removed words read ``[-like this-]`` and added words ``{+like this+}`` (the
markers of ``git diff --word-diff``); a paragraph added or removed whole is
marked whole.  Each changed paragraph follows the heading of the section it
is in, so a reader knows where it sits; unchanged paragraphs are left out.
"""

from __future__ import annotations

from typing import Sequence

from ..diff.align import Step
from ..diff.compare import DraftComparison, summary_lines
from ..diff.units import HEAD_KINDS
from ..diff.words import word_diff
from .text import BULLET, wrap

MARKS = {"del": ("[-", "-]"), "ins": ("{+", "+}")}
LEGEND = "Removed words are shown [-like this-], added words {+like this+}."


def marked_text(step: Step) -> str:
    """The step's paragraph with its removed and added words marked."""
    if step.old is None or step.new is None:
        start, end = MARKS["ins" if step.old is None else "del"]
        return f"{start}{step.block.text}{end}"
    out = []
    for op, text in word_diff(step.old.text, step.new.text):
        start, end = MARKS.get(op, ("", ""))
        out.append(f"{start}{text}{end}")
    return "".join(out)


def render_text_diff(drafts: DraftComparison) -> bytes:
    """UTF-8 text: a title, the summary, a legend and the changed paragraphs under their headings."""
    comparison = drafts.comparison
    count = len(comparison.changes)
    out = [f"Changes from {drafts.old.name} to {drafts.new.name}: {count or 'none'}"]
    if not count:
        return ("\n".join(out) + "\n").encode("utf-8")
    out.append("")
    out.extend(f"  {line}" for line in summary_lines(comparison))
    out.extend(["", LEGEND])
    out.extend(_paragraphs(comparison.steps))
    return ("\n".join(out) + "\n").encode("utf-8")


def _paragraphs(steps: Sequence[Step]) -> list[str]:
    out: list[str] = []
    heading: Step | None = None
    shown: Step | None = None
    for step in steps:
        block = step.block
        if block.kind == "heading":
            heading = step
        elif block.kind in HEAD_KINDS:
            heading = None  # the closing, signature and copy-to lines after the last section
        if step.kind == "same":
            continue
        if heading is not None and heading is not shown:
            title = marked_text(heading) if heading.kind != "same" else heading.block.text
            out.extend(["", title, "-" * min(len(title), 78)])
            shown = heading
            if step is heading:
                continue
        else:
            out.append("")
        if block.kind == "bullet":
            out.extend(wrap(marked_text(step), BULLET, " " * len(BULLET)))
        else:
            out.extend(wrap(marked_text(step)))
    return out
