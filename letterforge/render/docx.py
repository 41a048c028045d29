"""The letter as a Word document, in the house style.

The house-style DOCX (``templates/house-style.docx``, or ``templates/<layout>.docx``
when a layout has its own) is read once per process: its parts are kept as
bytes, its body is emptied (keeping page set-up, headers and footers) and each
block kind is mapped to the paragraph style named ``Letter <Kind>``.  Rendering
a letter then only builds a new ``document.xml`` body and new document
properties, and zips them with the unchanged parts: no per-paragraph style
lookups, no re-serialising of styles or numbering.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import LetterforgeError, Location, display_path
from ..letter import BLOCK_KINDS, Letter
from ..resources import templates_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"
SETTINGS_PART = "word/settings.xml"
DEFAULT_HOUSE_STYLE = "house-style"
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Application>letterforge</Application></Properties>")


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W}}}{tag}"


def style_name(kind: str) -> str:
    """The house-style paragraph style for a block kind: ``bullet`` -> ``Letter Bullet``."""
    return f"Letter {kind.capitalize()}"


@dataclass(frozen=True)
class HouseStyle:
    """A house-style DOCX read once: unchanged parts, an empty document, and a style id per block kind."""

    path: Path
    parts: dict[str, bytes]
    document: etree._Element
    style_ids: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> "HouseStyle":
        """Read and check ``path``; a located error if it is not a usable house style."""
        where = Location(display_path(path))
        try:
            with zipfile.ZipFile(path) as z:
                parts = {name: z.read(name) for name in z.namelist()}
            document = etree.fromstring(parts.pop(DOCUMENT_PART))
            styles = etree.fromstring(parts["word/styles.xml"])
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
            raise LetterforgeError(f"cannot read house style: {e}", where) from None
        body = document.find(w("body"))
        for child in list(body):
            if child.tag != w("sectPr"):
                body.remove(child)
        ids = {s.find(w("name")).get(w("val")): s.get(w("styleId"))
               for s in styles.iterfind(w("style")) if s.get(w("type")) == "paragraph" and s.find(w("name")) is not None}
        missing = [style_name(k) for k in BLOCK_KINDS if style_name(k) not in ids]
        if missing:
            raise LetterforgeError(f"house style lacks the paragraph styles {', '.join(missing)}", where,
                                   "add them in Word, or rebuild with templates/make_house_style.py")
        parts[APP_PART] = APP_XML
        if SETTINGS_PART in parts:
            parts[SETTINGS_PART] = _without_revision_ids(parts[SETTINGS_PART])
        return cls(path, parts, document, {k: ids[style_name(k)] for k in BLOCK_KINDS})

    def render(self, letter: Letter) -> bytes:
        """The DOCX bytes of ``letter`` in this house style."""
        document = copy.deepcopy(self.document)
        body = document.find(w("body"))
        section = body.find(w("sectPr"))
        for block in letter.blocks:
            section.addprevious(self.paragraph(block.kind, block.text))
        parts = dict(self.parts)
        parts[DOCUMENT_PART] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts[CORE_PART] = core_properties(letter)
        return _zip(parts)

    def paragraph(self, kind: str, text: str) -> etree._Element:
        """A ``w:p`` in the style of ``kind`` holding ``text`` in one run."""
        p = etree.Element(w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle")).set(w("val"), self.style_ids[kind])
        run = etree.SubElement(p, w("r"))
        t = etree.SubElement(run, w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return p


def _without_revision_ids(settings: bytes) -> bytes:
    root = etree.fromstring(settings)
    for rsids in root.findall(w("rsids")):
        root.remove(rsids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def core_properties(letter: Letter, now: dt.datetime | None = None) -> bytes:
    """``docProps/core.xml`` for this letter only: title, subject, author, dates, revision 1."""
    meta = letter.meta
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cp, dc, dcterms, xsi = (CORE_NS[k] for k in ("cp", "dc", "dcterms", "xsi"))
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap=CORE_NS)
    for tag, value in ((f"{{{dc}}}title", f"{meta.title} – {meta.force}"),
                       (f"{{{dc}}}subject", f"Findings for {meta.force}"),
                       (f"{{{dc}}}creator", meta.author),
                       (f"{{{cp}}}lastModifiedBy", meta.author),
                       (f"{{{cp}}}keywords", meta.inspection),
                       (f"{{{cp}}}revision", "1")):
        etree.SubElement(root, tag).text = value
    for tag in ("created", "modified"):
        element = etree.SubElement(root, f"{{{dcterms}}}{tag}")
        element.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        element.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: n != "[Content_Types].xml"):
            z.writestr(name, parts[name])
    return buffer.getvalue()


@lru_cache(maxsize=8)
def house_style(template: str = DEFAULT_HOUSE_STYLE) -> HouseStyle:
    """The house style for a layout: ``templates/<layout>.docx`` if it exists, else the default."""
    own = templates_dir() / f"{template}.docx"
    return HouseStyle.load(own if own.is_file() else templates_dir() / f"{DEFAULT_HOUSE_STYLE}.docx")


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes."""
    return house_style(letter.meta.template).render(letter)
