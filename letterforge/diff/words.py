"""Word-level differences between two texts: what a redline marks and a summary quotes.

A text is split into tokens — words, the spaces between them, and single
punctuation marks — and :class:`difflib.SequenceMatcher` finds the longest
runs they share.  A lone space or punctuation mark left between two changes
is folded into them, so that "the quick fox" -> "a slow fox" reads as one
change of "the quick" into "a slow", not as two changes around a kept space.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["same", "del", "ins"]

_TOKEN = re.compile(r"\s+|[\w’']+|[^\w\s]")
_WORD = re.compile(r"\w")
ELLIPSIS = "…"


def tokens(text: str) -> list[str]:
    """``text`` as words, runs of white space and single punctuation marks; joined they give ``text`` back."""
    return _TOKEN.findall(text)


def _segments(old: str, new: str) -> list[tuple[str, str]]:
    """``(old part, new part)`` pairs covering both texts; equal parts are the same text on both sides."""
    a, b = tokens(old), tokens(new)
    segments = [("".join(a[i1:i2]), "".join(b[j1:j2]))
                for _, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    merged: list[tuple[str, str]] = []
    for index, (before, after) in enumerate(segments):
        after_a_change = bool(merged) and merged[-1][0] != merged[-1][1]
        lone_gap = before == after and not _WORD.search(before) and index < len(segments) - 1
        if after_a_change and (before != after or lone_gap):
            last_before, last_after = merged.pop()
            merged.append((last_before + before, last_after + after))
        else:
            merged.append((before, after))
    return merged


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The pieces that turn ``old`` into ``new`` in order: kept text, deleted text, inserted text.

    Joining the ``same`` and ``del`` pieces gives ``old``; the ``same`` and
    ``ins`` pieces give ``new``.  Within one change the deletion comes first.
    """
    pieces: list[tuple[Op, str]] = []
    for before, after in _segments(old, new):
        if before == after:
            pieces.append(("same", before))
            continue
        if before:
            pieces.append(("del", before))
        if after:
            pieces.append(("ins", after))
    return pieces


def changed_span(old: str, new: str, context: int = 2) -> tuple[str, str]:
    """The part of each text that differs, with ``context`` words either side and ``…`` where cut.

    ``changed_span("trained 500 officers and staff", "trained 650 officers and staff")``
    gives ``("trained 500 officers and…", "trained 650 officers and…")``.
    """
    a, b = tokens(old), tokens(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    first = _back_words(a, start, context)
    return (_cut(a, first, len(a) - end, context), _cut(b, first, len(b) - end, context))


def _back_words(items: list[str], index: int, count: int) -> int:
    """The index ``count`` words before ``index`` (or 0)."""
    while index > 0 and count > 0:
        index -= 1
        if _WORD.search(items[index]):
            count -= 1
    return index


def _cut(items: list[str], first: int, stop: int, context: int) -> str:
    last, words = stop, 0
    while last < len(items) and words < context:
        if _WORD.search(items[last]):
            words += 1
        last += 1
    while last < len(items) and not _WORD.search(items[last]) and not items[last].isspace():
        last += 1  # keep punctuation that closes the last word shown
    text = "".join(items[first:last]).strip()
    return f"{ELLIPSIS if first > 0 else ''}{text}{ELLIPSIS if last < len(items) else ''}"


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, ``…`` marking the cut."""
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + ELLIPSIS
