"""The comparison as JSON: both drafts' names and one object per change, with its summary line."""

from __future__ import annotations

import json
from typing import Any

from ..render.json import plain
from .compare import Change, Comparison


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


def render_json_diff(comparison: Comparison, old_name: str, new_name: str) -> bytes:
    """UTF-8 JSON, indented: ``{"old", "new", "changed", "changes": [...]}``."""
    data = {"old": old_name, "new": new_name, "changed": bool(comparison.changes),
            "changes": [change_data(c) for c in comparison.changes]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
