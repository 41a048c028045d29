"""A paragraph edited both with and without tracking: the tracked changes alone, made on the words as sent.

The reply gives three readings of such a paragraph: as sent (``base``, the
letter the selection renders), with every tracked change rejected
(``untracked``: the words the force changed with tracking off) and with every
tracked change accepted (``accepted``).  :func:`tracked_only` makes the
tracked changes (``untracked`` -> ``accepted``) on ``base``, word by word: the
paragraph as it would read had the force changed only what it tracked.  It is
None where a tracked change touches words changed without tracking (they
cannot be told apart).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..diff.words import tokens


def tracked_only(base: str, untracked: str, accepted: str) -> str | None:
    """``base`` with the changes from ``untracked`` to ``accepted`` made; None where they overlap untracked ones."""
    sent, middle, final = tokens(base), tokens(untracked), tokens(accepted)
    shared: dict[int, int] = {}
    for block in SequenceMatcher(None, middle, sent, autojunk=False).get_matching_blocks():
        shared.update((block.a + k, block.b + k) for k in range(block.size))
    out: list[str] = []
    done = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, middle, final, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            if not all(i in shared for i in range(i1, i2)) or shared[i2 - 1] - shared[i1] != i2 - 1 - i1:
                return None
            start, end = shared[i1], shared[i2 - 1] + 1
        elif i1 in shared and (i1 == 0 or shared.get(i1 - 1) == shared[i1] - 1):
            start = end = shared[i1]
        elif i1 - 1 in shared and i1 == len(middle):
            start = end = shared[i1 - 1] + 1
        elif i1 == 0 and not middle:
            start = end = 0
        else:
            return None
        if start < done:
            return None
        out.extend(sent[done:start])
        out.extend(final[j1:j2])
        done = end
    out.extend(sent[done:])
    return "".join(out)
