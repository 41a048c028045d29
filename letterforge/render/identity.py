"""Stamp a draft DOCX with its identity (see :mod:`letterforge.ooxml.identity`).

The identity travels as custom document properties: a ``docProps/custom.xml``
part linked from the package's own relationships, which Word and LibreOffice
carry through an edit and save (the fixture tests/fixtures/replies holds a
LibreOffice-saved reply that still has it).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import quote_name
from ..letter import Letter
from ..ooxml.identity import (CUSTOM_NS, PROPERTY_NAMES, VT_NS,
                              Identity, blocks_digest)
from ..ooxml.package import serialise

_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id Word gives every user-defined property."""


def identity_of(letter: Letter) -> Identity:
    """The identity of ``letter``: its inspection, force, selection file name (as
    :func:`~letterforge.errors.quote_name` shows it: XML holds no control character) and blocks' digest."""
    meta = letter.meta
    return Identity(meta.inspection, meta.force, quote_name(Path(meta.selection).name), blocks_digest(letter.blocks))


def custom_properties(identity: Identity) -> bytes:
    """``docProps/custom.xml`` holding the identity's four properties as text (``vt:lpwstr``)."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    for pid, (field, name) in enumerate(PROPERTY_NAMES.items(), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = getattr(identity, field)
    return serialise(root)


def identity_part(letter: Letter) -> bytes:
    """The bytes of ``letter``'s identity part, :data:`~letterforge.ooxml.identity.CUSTOM_PART` (the DOCX
    renderer declares it once per house style: see ``LETTER_PARTS`` in :mod:`letterforge.render.docx`)."""
    return custom_properties(identity_of(letter))
