"""The few Office Open XML mechanics the DOCX writers share.

A DOCX is a zip of XML *parts*; ``[Content_Types].xml`` gives each part's type
and ``*.rels`` parts link them.  :class:`Package` holds a document's parts as
bytes in memory, so a house style read once can be copied cheaply for every
letter and only the parts that change are serialised again.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

CONTENT_TYPES_PART = "[Content_Types].xml"
DOCUMENT_PART = "word/document.xml"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W}}}{tag}"


def serialise(element: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8, declaration, ``standalone="yes"``."""
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_run(text: str, properties: etree._Element | None = None) -> etree._Element:
    """A ``w:r`` holding ``text`` (spaces kept), with a copy of ``properties`` as its ``w:rPr``."""
    run = etree.Element(w("r"))
    if properties is not None:
        run.append(properties)
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


@dataclass
class Package:
    """A DOCX package as parts in memory: part name -> bytes."""

    parts: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path) -> "Package":
        """Every part of the zip at ``path`` (raises OSError or zipfile.BadZipFile)."""
        with zipfile.ZipFile(path) as z:
            return cls({name: z.read(name) for name in z.namelist()})

    def copy(self) -> "Package":
        """A shallow copy: the same bytes, a new mapping (bytes are immutable)."""
        return Package(dict(self.parts))

    def add_part(self, name: str, data: bytes, content_type: str, relationship: str,
                 owner: str = DOCUMENT_PART) -> str:
        """Add part ``name`` of ``content_type``, related to ``owner`` by ``relationship``; returns the new rId."""
        self.parts[name] = data
        types = etree.fromstring(self.parts[CONTENT_TYPES_PART])
        override = etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Override")
        override.set("PartName", f"/{name}")
        override.set("ContentType", content_type)
        self.parts[CONTENT_TYPES_PART] = serialise(types)
        folder, _, base = owner.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        rels = etree.fromstring(self.parts[rels_name])
        taken = {r.get("Id") for r in rels}
        number = len(taken) + 1
        while f"rId{number}" in taken:
            number += 1
        rel_id = f"rId{number}"
        link = etree.SubElement(rels, f"{{{RELATIONSHIPS_NS}}}Relationship")
        link.set("Id", rel_id)
        link.set("Type", relationship)
        link.set("Target", name.removeprefix(f"{folder}/") if folder else name)
        self.parts[rels_name] = serialise(rels)
        return rel_id

    def related(self, relationship: str, owner: str = DOCUMENT_PART) -> list[str]:
        """The names of the parts ``owner`` links to by ``relationship`` (e.g. every header)."""
        folder, _, base = owner.rpartition("/")
        rels = etree.fromstring(self.parts[f"{folder}/_rels/{base}.rels"])
        return [f"{folder}/{r.get('Target')}" for r in rels if r.get("Type") == relationship]

    def to_bytes(self) -> bytes:
        """The zip, ``[Content_Types].xml`` first as Word expects."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name in sorted(self.parts, key=lambda n: n != CONTENT_TYPES_PART):
                z.writestr(name, self.parts[name])
        return buffer.getvalue()
