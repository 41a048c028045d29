"""The letterhead's crest or logo in a Word document: one image part and one inline picture with its alt text.

The crest is the one the letter's office names in people.yaml, else the one
the house style holds (:func:`house_style_crest`: a picture, with its alt
text, in a "Letter Letterhead" paragraph of the house-style DOCX's body, put
there in Word); :func:`letterhead_image` says which.  :func:`add_letterhead_image`
adds the image as a part of the package (``word/media/letterhead.<ext>``,
related to the document) and puts a paragraph in the letterhead's style,
holding the picture inline, before the letter's first paragraph.  The
picture's ``wp:docPr/@descr`` is the alt text: Word reads it out, and
LibreOffice exports the picture as a tagged PDF ``Figure`` with that ``/Alt``.
"""

from __future__ import annotations

import posixpath
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import LetterforgeError, Location, display_path
from ..letter import Letter, LetterheadImage
from ..ooxml.package import (DOCUMENT_PART, R, STYLES_PART, Package, UnreadablePart, relationships_part, style_name,
                             style_names, w)
from .docx import WordDocument

IMAGE_RELATIONSHIP = f"{R}/image"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EMU_PER_MM = 36_000
HEIGHT_MM = 18
"""How tall the crest stands on the page; its width follows its proportions."""


def letterhead_image(letter: Letter) -> LetterheadImage | None:
    """The crest to print above ``letter``'s letterhead: its office's, else its house style's, else none."""
    return letter.meta.letterhead_image or house_style_crest(letter.meta.house_style)


@lru_cache(maxsize=8)
def house_style_crest(path: Path) -> LetterheadImage | None:
    """The first picture in a "Letter Letterhead" paragraph of the house style's body, with its alt text.

    Raises a located error for a house style that cannot be read, and for a
    crest without alt text (Word: right-click the picture, Edit Alt Text).
    """
    where = Location(display_path(path))
    try:
        package = Package.read(path)
        if b"drawing>" not in package.parts[DOCUMENT_PART]:  # no picture at all: the usual house style
            return None
        document = etree.fromstring(package.parts[DOCUMENT_PART])
        styles = etree.fromstring(package.parts[STYLES_PART])
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, UnreadablePart) as e:
        raise LetterforgeError(f"not a readable DOCX: {e}", where) from None
    ids = {name: style_id for style_id, name in style_names(styles, "paragraph").items()}
    letterhead = ids.get(style_name("letterhead"))
    body = document.find(w("body"))
    for paragraph in body.iterfind(w("p")) if body is not None else ():
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        drawing = paragraph.find(f".//{w('drawing')}")
        if style is None or style.get(w("val")) != letterhead or drawing is None:
            continue
        properties = drawing.find(f".//{{{WP}}}docPr")
        blip = drawing.find(f".//{{{A}}}blip")
        alt = (properties.get("descr") or properties.get("title") or "").strip() if properties is not None else ""
        if not alt:
            raise LetterforgeError("the house style's crest has no alt text", where,
                                   "in Word, right-click the picture, Edit Alt Text, and describe it")
        from docx.image.exceptions import UnrecognizedImageError  # python-docx reads the picture's size and type
        from docx.image.image import Image

        try:
            data = package.parts[_image_part(package, blip.get(f"{{{R}}}embed", "") if blip is not None else "")]
            image = Image.from_blob(data)
        except (KeyError, UnrecognizedImageError, ValueError, etree.XMLSyntaxError) as e:
            raise LetterforgeError(f"the house style's crest cannot be read ({type(e).__name__})", where) from None
        extension = {"image/png": "png", "image/jpeg": "jpeg"}.get(image.content_type)
        if extension is None:
            raise LetterforgeError(f"the house style's crest is {image.content_type}", where, "use a PNG or JPEG")
        return LetterheadImage(data, image.content_type, extension, alt, image.px_width, image.px_height)
    return None


def _image_part(package: Package, rel_id: str) -> str:
    """The name of the part the document's relationship ``rel_id`` points to; KeyError if there is none."""
    rels = etree.fromstring(package.parts[relationships_part(DOCUMENT_PART)])
    for relationship in rels:
        if relationship.get("Id") == rel_id and relationship.get("TargetMode") != "External":
            return posixpath.normpath(posixpath.join("word", relationship.get("Target", "")))
    raise KeyError(rel_id)


def add_letterhead_image(document: WordDocument, image: LetterheadImage, kind: str = "letterhead") -> None:
    """Put ``image`` at the head of ``document`` (which has no paragraphs yet), in the style of ``kind``."""
    name = f"word/media/letterhead.{image.extension}"
    rel_id = document.package.add_part(name, image.data, image.content_type, IMAGE_RELATIONSHIP)
    height = HEIGHT_MM * EMU_PER_MM
    width = round(height * image.width_px / image.height_px)
    paragraph = document.paragraph(kind)
    run = etree.SubElement(paragraph, w("r"))
    run.append(_inline_picture(rel_id, image.alt, width, height))
    document.append(paragraph)


def _inline_picture(rel_id: str, alt: str, width: int, height: int) -> etree._Element:
    nsmap = {"wp": WP, "a": A, "pic": PIC, "r": R}
    drawing = etree.Element(w("drawing"), nsmap=nsmap)
    inline = etree.SubElement(drawing, f"{{{WP}}}inline", distT="0", distB="0", distL="0", distR="0")
    etree.SubElement(inline, f"{{{WP}}}extent", cx=str(width), cy=str(height))
    etree.SubElement(inline, f"{{{WP}}}docPr", id="1", name="Letterhead", descr=alt)
    frame = etree.SubElement(inline, f"{{{WP}}}cNvGraphicFramePr")
    etree.SubElement(frame, f"{{{A}}}graphicFrameLocks", noChangeAspect="1")
    graphic = etree.SubElement(inline, f"{{{A}}}graphic")
    data = etree.SubElement(graphic, f"{{{A}}}graphicData", uri=PIC)
    pic = etree.SubElement(data, f"{{{PIC}}}pic")
    properties = etree.SubElement(pic, f"{{{PIC}}}nvPicPr")
    etree.SubElement(properties, f"{{{PIC}}}cNvPr", id="0", name="Letterhead", descr=alt)
    etree.SubElement(properties, f"{{{PIC}}}cNvPicPr")
    fill = etree.SubElement(pic, f"{{{PIC}}}blipFill")
    etree.SubElement(fill, f"{{{A}}}blip").set(f"{{{R}}}embed", rel_id)
    etree.SubElement(etree.SubElement(fill, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    shape = etree.SubElement(pic, f"{{{PIC}}}spPr")
    transform = etree.SubElement(shape, f"{{{A}}}xfrm")
    etree.SubElement(transform, f"{{{A}}}off", x="0", y="0")
    etree.SubElement(transform, f"{{{A}}}ext", cx=str(width), cy=str(height))
    etree.SubElement(etree.SubElement(shape, f"{{{A}}}prstGeom", prst="rect"), f"{{{A}}}avLst")
    return drawing


