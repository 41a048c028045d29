"""Take or undo every tracked change of a DOCX, as Word's Accept All / Reject All do, over its XML.

A test helper: :func:`paragraphs_after` reads ``word/document.xml`` and gives
each body paragraph's style id and text as the document reads with every
change accepted (or rejected).  Runs inside a kept ``w:ins``/``w:del`` count,
runs inside a dropped one do not; a paragraph whose mark is dropped joins the
next paragraph, whose mark (and properties) the joined paragraph keeps; a
rejected ``w:pPrChange`` gives back the properties before the change.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(docx: bytes | Path) -> etree._Element:
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _run_text(run: etree._Element, deleted: bool) -> str:
    wanted, wrong = (_w("delText"), _w("t")) if deleted else (_w("t"), _w("delText"))
    assert run.find(wrong) is None, "w:t inside w:del or w:delText outside it"
    return "".join(t.text or "" for t in run.iter(wanted))


def paragraphs_after(docx: bytes | Path, accept: bool) -> list[tuple[str, str]]:
    """``(style id, text)`` of every body paragraph with all changes accepted (or all rejected)."""
    kept, dropped = ("ins", "del") if accept else ("del", "ins")
    body = document_xml(docx).find(_w("body"))
    out: list[tuple[str, str]] = []
    carried = ""
    for p in body.iterchildren(_w("p")):
        properties = p.find(_w("pPr"))
        style = properties.find(_w("pStyle")).get(_w("val"))
        change = properties.find(_w("pPrChange"))
        if change is not None and not accept:
            style = change.find(f"{_w('pPr')}/{_w('pStyle')}").get(_w("val"))
        text = carried
        for child in p:
            if child.tag == _w("r"):
                text += _run_text(child, deleted=False)
            elif child.tag == _w(kept):
                text += "".join(_run_text(r, deleted=kept == "del") for r in child.iterchildren(_w("r")))
            elif child.tag not in (_w(dropped), _w("pPr")):
                raise AssertionError(f"unexpected {child.tag} in a paragraph")
        mark = properties.find(_w("rPr"))
        if mark is not None and mark.find(_w(dropped)) is not None:
            carried = text
            continue
        out.append((style, text))
        carried = ""
    assert not carried, "the last paragraph mark was dropped"
    return out


def revisions(docx: bytes | Path) -> list[etree._Element]:
    """Every ``w:ins``, ``w:del`` and ``w:pPrChange`` of the body, in order."""
    root = document_xml(docx)
    return [e for e in root.iter(_w("ins"), _w("del"), _w("pPrChange"))]
