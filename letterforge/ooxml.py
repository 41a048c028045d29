"""The few Office Open XML mechanics the DOCX writers and readers share.

A DOCX is a zip of XML *parts*; ``[Content_Types].xml`` gives each part's type
and ``*.rels`` parts link them.  :class:`Package` holds a document's parts as
bytes in memory, so a house style read once can be copied cheaply for every
letter and only the parts that change are serialised again.  Parts are read
with :func:`read_part`, which never unpacks more than :data:`MAX_PART_BYTES`:
a few hundred kilobytes of zip can unpack to gigabytes.
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

MAX_PART_BYTES = 20_000_000
"""The most one part may unpack to: a letter's document part is well under a megabyte."""
MAX_PARTS = 200
"""The most parts a package read here may hold (a letter has about fifteen)."""

CONTENT_TYPES_PART = "[Content_Types].xml"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W}}}{tag}"


class PartTooLarge(ValueError):
    """A part, or the whole package, would unpack to more than this module reads."""


def read_part(z: zipfile.ZipFile, name: str) -> bytes:
    """The unpacked bytes of part ``name``; :class:`PartTooLarge`, before unpacking, if it is over the limit.

    The size the zip declares is checked first; then at most one byte past the
    limit is unpacked, so a part whose declared size is forged never takes more
    than the limit in memory (:mod:`zipfile` stops at the declared size and the
    part then fails its checksum).
    """
    if z.getinfo(name).file_size > MAX_PART_BYTES:
        raise PartTooLarge(f"{name} unpacks to more than {MAX_PART_BYTES:,} bytes")
    with z.open(name) as part:
        data = part.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise PartTooLarge(f"{name} unpacks to more than {MAX_PART_BYTES:,} bytes")
    return data


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
        """Every part of the zip at ``path``.

        Raises OSError or zipfile.BadZipFile for an unreadable zip, and
        :class:`PartTooLarge` for more than :data:`MAX_PARTS` parts or a part
        over :data:`MAX_PART_BYTES`.
        """
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if len(names) > MAX_PARTS:
                raise PartTooLarge(f"it holds {len(names):,} parts (the most read is {MAX_PARTS})")
            return cls({name: read_part(z, name) for name in names})

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
