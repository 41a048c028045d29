"""What one proposed change is: where it sits in the letter, what kind of change it is, and the edit it asks for.

A :class:`Proposal` is one entry of the responses file before the inspector
decides.  ``edit`` is a plain mapping (it is written to, and read back from,
YAML) naming one operation on the selection (see :mod:`.amend`), or None when
no edit of the selection can make the change (a library-fixed line such as
the closing, or a comment alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ChangeKind = Literal["parameter", "variant", "removed", "added", "moved", "reworded", "head", "title", "introduction",
                     "text", "comment", "unplaced"]


@dataclass(frozen=True)
class Proposal:
    """One proposed change (or a comment on a paragraph nobody changed)."""

    where: str
    """``attendance / iom``, ``salutation``, ``introduction / fieldwork``."""
    block: dict[str, str]
    """The block's provenance: ``section``, ``finding``, ``variant`` or ``field``."""
    before: str | None
    after: str | None
    change: ChangeKind
    summary: str
    """``trained 500 -> 650``, ``removed``, ``reworded, 71% like iom/not-effective``."""
    edit: dict[str, Any] | None
    by: str | None = None
    when: str | None = None
    tracked: bool = True
    comments: tuple[dict[str, Any], ...] = ()
    note: str | None = None
    paragraphs: tuple[int, ...] = field(default=())
    """The reply's paragraph numbers this entry comes from (to attach comments)."""
    together: dict[str, Any] | None = None
    """For tracked changes in a paragraph also edited without tracking (the entry just before this one): the
    paragraph with both (``after``) and the ``edit`` that makes it, which ``apply`` uses when both are accepted."""

    def line(self) -> str:
        """The line ``respond`` prints: ``attendance / iom: reworded, 71% like iom/not-effective (Kent Police, 2014-08-20)``."""
        who = self.by or "author unknown"
        when = f", {self.when[:10]}" if self.when else ""
        made = "" if self.tracked else ", made without tracking"
        notes = f"; {len(self.comments)} comment{'s' if len(self.comments) != 1 else ''}" if self.comments else ""
        return f"{self.where}: {self.summary} ({who}{when}{made}){notes}"
