"""The letter as JSON: ``{"blocks": [{kind, text, source, section, finding, variant, params, …}], …metadata}``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import display_path
from ..letter import Block, Letter


def letter_to_data(letter: Letter) -> dict[str, Any]:
    """The letter as plain JSON-ready data."""
    meta = letter.meta
    return {
        "inspection": meta.inspection,
        "title": meta.title,
        "force": meta.force,
        "date": meta.date.isoformat(),
        "status": meta.status,
        "author": meta.author,
        "recipient": meta.recipient,
        "embargo": meta.embargo.isoformat() if meta.embargo else None,
        "selection": display_path(meta.selection),
        "template": meta.template,
        "blocks": [block_to_data(b) for b in letter.blocks],
    }


def block_to_data(block: Block) -> dict[str, Any]:
    """One block with its provenance flattened beside kind and text."""
    p = block.provenance
    return {
        "kind": block.kind,
        "text": block.text,
        "source": p.source,
        "section": p.section,
        "finding": p.finding,
        "variant": p.variant,
        "judgement": p.judgement,
        "params": {k: plain(v) for k, v in p.params.items()},
        "origin": str(p.origin) if p.origin else None,
    }


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, everything else as it is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def render_json(letter: Letter) -> bytes:
    """UTF-8 JSON, indented, non-ASCII kept as is."""
    return (json.dumps(letter_to_data(letter), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
