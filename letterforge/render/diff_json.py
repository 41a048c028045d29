"""The comparison as JSON: both drafts' names and one object per change, with its summary line."""

from __future__ import annotations

import json
from typing import Any

from ..diff.compare import Change, DraftComparison
from .json import plain


def change_data(change: Change) -> dict[str, Any]:
    """One change as plain data: kind, place, section, finding, field, old and new values, summary."""
    return {
        "change": change.change,
        "place": change.place,
        "section": change.section,
        "finding": change.finding,
        "field": change.field,
        "old": _plain(change.old),
        "new": _plain(change.new),
        "summary": change.summary(),
    }


def _plain(value: Any) -> Any:
    return [plain(v) for v in value] if isinstance(value, list) else plain(value)


def render_json_diff(drafts: DraftComparison) -> bytes:
    """UTF-8 JSON, indented: ``{"old", "new", "changed", "changes": [...]}``."""
    changes = drafts.comparison.changes
    data = {"old": drafts.old.name, "new": drafts.new.name, "changed": bool(changes),
            "changes": [change_data(c) for c in changes]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
