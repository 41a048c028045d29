"""The few Office Open XML mechanics the DOCX writers and readers share.

A DOCX is a zip of XML *parts*; ``[Content_Types].xml`` gives each part's type
and ``*.rels`` parts link them.  :class:`Package` holds a document's parts as
bytes in memory, so a house style read once can be copied cheaply for every
letter and only the parts that change are serialised again.  Parts are read
with :func:`read_part`, which never unpacks more than :data:`MAX_PART_BYTES`:
a few hundred kilobytes of zip can unpack to gigabytes.
"""

from __future__ import annotations

import datetime as dt

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from .prepacked import zip_parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

MAX_PART_BYTES = 20_000_000
"""The most one part may unpack to: a letter's document part is well under a megabyte."""
MAX_PARTS = 200
"""The most parts a package read here may hold (a letter has about fifteen)."""
_ENCRYPTED = 0x1
"""The zip flag bit of an encrypted entry."""

CONTENT_TYPES_PART = "[Content_Types].xml"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
COMMENTS_RELATIONSHIP = f"{R}/comments"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W}}}{tag}"


class UnreadablePart(ValueError):
    """A part that cannot be read: encrypted, packed in a way :mod:`zipfile` cannot unpack, or too large."""


class PartTooLarge(UnreadablePart):
    """A part, or the whole package, would unpack to more than this module reads."""


class MissingElement(ValueError):
    """An element that XML letterforge controls (the house style, parts it wrote) must have is not there."""


def required_child(element: etree._Element, path: str) -> etree._Element:
    """The first element at ``path`` below ``element``; :class:`MissingElement` if there is none.

    For XML whose shape is ours to rely on (a house style's body, a paragraph
    we built), where a missing element means a broken file, not a case to handle.
    """
    found = element.find(path)
    if found is None:
        raise MissingElement(f"{_prefixed(element.tag)} has no {_prefixed(path)}")
    return found


def w3c_utc(when: dt.datetime | None = None) -> str:
    """``when`` (default: now) in UTC as OOXML dates are written: ``2014-09-03T09:30:00Z``."""
    return (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def style_name(kind: str) -> str:
    """The house-style paragraph style for a block kind: ``bullet`` -> ``Letter Bullet``."""
    return f"Letter {kind.capitalize()}"


def style_names(styles: etree._Element, style_type: str | None = None) -> dict[str, str]:
    """The name of each style in the styles part ``styles`` by its id.

    Only styles of ``style_type`` (``"paragraph"``, ``"character"``, …) when it is given;
    styles lacking an id or a name are left out.
    """
    names: dict[str, str] = {}
    for style in styles.iterfind(w("style")):
        if style_type is not None and style.get(w("type")) != style_type:
            continue
        name = style.find(w("name"))
        value = name.get(w("val")) if name is not None else None
        style_id = style.get(w("styleId"))
        if value is not None and style_id is not None:
            names[style_id] = value
    return names


def _prefixed(name: str) -> str:
    """``{…/main}body/{…/main}sectPr`` as ``w:body/w:sectPr``, for messages."""
    return name.replace(f"{{{W}}}", "w:")


def read_part(z: zipfile.ZipFile, name: str) -> bytes:
    """The unpacked bytes of part ``name``; :class:`PartTooLarge`, before unpacking, if it is over the limit.

    The size the zip declares is checked first; then at most one byte past the
    limit is unpacked, so a part whose declared size is forged never takes more
    than the limit in memory (:mod:`zipfile` stops at the declared size and the
    part then fails its checksum).  An encrypted part, or one packed by a
    method :mod:`zipfile` lacks, is an :class:`UnreadablePart`.
    """
    info = z.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise PartTooLarge(f"{name} unpacks to more than {MAX_PART_BYTES:,} bytes")
    if info.flag_bits & _ENCRYPTED:
        raise UnreadablePart(f"{name} is encrypted")
    try:
        with z.open(name) as part:
            data = part.read(MAX_PART_BYTES + 1)
    except (NotImplementedError, zlib.error, EOFError) as e:  # a method or stream zipfile cannot read
        raise UnreadablePart(f"{name} cannot be unpacked ({e})") from None
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


def relationships_part(owner: str) -> str:
    """The name of the part holding ``owner``'s relationships: ``word/document.xml`` -> ``word/_rels/document.xml.rels``."""
    folder, _, base = owner.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def _owner(rels_name: str) -> str:
    """The part whose relationships ``rels_name`` holds (``""`` for the package's own, ``_rels/.rels``)."""
    folder, _, base = rels_name.rpartition("/")
    parent = folder.removesuffix("_rels").rstrip("/")
    base = base.removesuffix(".rels")
    return f"{parent}/{base}" if parent else base


def _target(owner: str, relationship: etree._Element) -> str:
    """The part name a relationship of ``owner`` points to (targets are relative to the owner's folder)."""
    target = relationship.get("Target", "")
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(owner.rpartition("/")[0], target))


@dataclass
class Package:
    """A DOCX package as parts in memory: part name -> bytes."""

    parts: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path) -> "Package":
        """Every part of the zip at ``path``.

        Raises OSError or zipfile.BadZipFile for an unreadable zip, and
        :class:`PartTooLarge` for more than :data:`MAX_PARTS` parts or a part
        over :data:`MAX_PART_BYTES` (an :class:`UnreadablePart`, as is an encrypted part).
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
        folder = owner.rpartition("/")[0]
        rels_name = relationships_part(owner)
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
        rels = etree.fromstring(self.parts[relationships_part(owner)])
        return [_target(owner, r) for r in rels if r.get("Type") == relationship and r.get("TargetMode") != "External"]

    def remove_parts(self, names: Iterable[str]) -> None:
        """Remove the parts ``names`` whole, leaving nothing that points to them.

        Their bytes, their own relationships, their content-type overrides and
        every relationship of another part to them go.  Parts not in the
        package are ignored.
        """
        gone = {name for name in names if name in self.parts}
        if not gone:
            return
        for name in gone:
            del self.parts[name]
            self.parts.pop(relationships_part(name), None)
        if CONTENT_TYPES_PART in self.parts:
            self._drop_children(CONTENT_TYPES_PART, lambda e: e.get("PartName", "").lstrip("/") in gone)
        for rels_name in [n for n in self.parts if n.endswith(".rels")]:
            owner = _owner(rels_name)
            self._drop_children(rels_name, lambda r: r.get("TargetMode") != "External" and _target(owner, r) in gone)

    def _drop_children(self, name: str, unwanted: Callable[[etree._Element], bool]) -> None:
        """Remove the children of part ``name``'s root for which ``unwanted`` is true; rewrite it only if any were."""
        root = etree.fromstring(self.parts[name])
        dropped = [child for child in root if unwanted(child)]
        for child in dropped:
            root.remove(child)
        if dropped:
            self.parts[name] = serialise(root)

    def to_bytes(self) -> bytes:
        """The zip, ``[Content_Types].xml`` first as Word expects."""
        return zip_parts(self.parts)
