"""A draft's identity: which letter a DOCX is, kept in its custom document properties.

``render`` writes four properties into ``docProps/custom.xml`` (the part Word
shows under File > Properties > Custom, and that Word and LibreOffice keep
when they save): the inspection, the force, the selection's file name and
:func:`blocks_digest` of the letter's blocks.  ``respond`` reads them back
with :func:`read_identity` to find the letter a force's reply answers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

from lxml import etree

from ..errors import UNSAFE_CHARACTERS, quote_name
from ..letter import Block

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PROPERTY_NAMES = {"inspection": "letterforge-inspection", "force": "letterforge-force",
                  "selection": "letterforge-selection", "digest": "letterforge-digest"}
"""Identity field -> the custom property's name."""


@dataclass(frozen=True)
class Identity:
    """Which letter a draft DOCX is."""

    inspection: str
    force: str
    selection: str
    """The selection's file name (no folder), e.g. ``kent.yaml``."""
    digest: str
    """:func:`blocks_digest` of the letter as rendered."""


def blocks_digest(blocks: Iterable[Block]) -> str:
    """``sha256:…`` of the blocks' kinds and texts in order: equal for two renderings of the same words."""
    data = json.dumps([[block.kind, block.text] for block in blocks], ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def read_identity(custom: bytes | None) -> Identity | None:
    """The identity in a ``docProps/custom.xml`` part, or None when there is no part or it lacks any field.

    A value holding a control or bidirectional character comes back quoted as
    :func:`~letterforge.errors.quote_name` shows it. Raises
    :class:`lxml.etree.XMLSyntaxError` for a part that is not XML.
    """
    if custom is None:
        return None
    root = etree.fromstring(custom)
    values: dict[str, str] = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        for field, wanted in PROPERTY_NAMES.items():
            if name == wanted:
                text = "".join(str(t) for t in prop.itertext()).strip()
                # the part is the force's to edit: a control or bidi character is shown escaped, never raw
                values[field] = quote_name(text) if UNSAFE_CHARACTERS.search(text) else text
    if set(values) != set(PROPERTY_NAMES):
        return None
    return Identity(**values)
