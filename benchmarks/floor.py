"""The floor: the least a program can do to write the letters letterforge writes, by hand, in one process.

It is not a letter writer: it is given the letters' assembled words (what
letterforge's layout and phrasings produce) and only does the work that no
writer of these files can skip:

1. start Python;
2. parse the same selections and the same findings library with PyYAML's C
   loader (a writer must read its inputs; the parse is thrown away);
3. deflate the parts every letter shares (styles, numbering, settings, the
   DRAFT-marked headers and footers, …) once;
4. for each letter build ``word/document.xml`` (one paragraph per block, in
   its style) and ``docProps/core.xml`` as strings, append them to a copy of
   the shared zip, and write the DOCX and the text letter: two files a letter.

So letterforge / floor is what letterforge's loading, checking, assembling
and safe writing cost on top of the unavoidable.  Run as a whole process::

    python benchmarks/floor.py KIT.json SELECTIONS/ LIBRARY/ OUT/

``KIT.json`` (made by :func:`make_kit` from letterforge's own output, outside
the timing) holds the shared parts, the document part around its body, the
paragraph style id of each block kind, and each letter's name, properties,
blocks and text.
"""

from __future__ import annotations

import base64
import io
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"
PARAGRAPH = ('<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
             '<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
CORE_XML = ('<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title>'
            '<dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>'
            '<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:keywords>{keywords}</cp:keywords>'
            '<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def make_kit(sample_docx: bytes, style_ids: dict[str, str], letters: list[dict]) -> dict:
    """The floor's input, from one DOCX letterforge wrote: its shared parts, its document around the body, the letters."""
    with zipfile.ZipFile(io.BytesIO(sample_docx)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    document = parts.pop(DOCUMENT).decode("utf-8")
    parts.pop(CORE)
    head = document[: document.index("<w:body>") + len("<w:body>")]
    tail = document[document.index("<w:sectPr"):]
    return {"shared": {name: base64.b64encode(data).decode("ascii") for name, data in parts.items()},
            "head": head, "tail": tail, "styles": style_ids, "letters": letters}


def main(kit_path: Path, selections: Path, library: Path, out: Path) -> None:
    for path in sorted(library.rglob("*.yaml")) + sorted(selections.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    kit = json.loads(kit_path.read_text(encoding="utf-8"))
    shared = {name: base64.b64decode(data) for name, data in kit["shared"].items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(shared, key=lambda n: n != CONTENT_TYPES):
            z.writestr(name, shared[name])
    base = buffer.getvalue()
    head, tail, styles = kit["head"], kit["tail"], kit["styles"]
    out.mkdir(parents=True, exist_ok=True)
    for letter in kit["letters"]:
        body = "".join(PARAGRAPH.format(style=styles[kind], text=escape(text)) for kind, text in letter["blocks"])
        core = CORE_XML.format(**{key: escape(value) for key, value in letter["properties"].items()})
        zipped = io.BytesIO(base)
        with zipfile.ZipFile(zipped, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr(DOCUMENT, (head + body + tail).encode("utf-8"))
            z.writestr(CORE, core.encode("utf-8"))
        (out / f"{letter['name']}.docx").write_bytes(zipped.getvalue())
        (out / f"{letter['name']}.txt").write_bytes(letter["text"].encode("utf-8"))


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:5]))
