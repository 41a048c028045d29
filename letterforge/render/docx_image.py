"""The letterhead's crest or logo in a Word document: one image part and one inline picture with its alt text.

:func:`add_letterhead_image` adds the image as a part of the package
(``word/media/letterhead.<ext>``, related to the document) and puts a
paragraph in the letterhead's style, holding the picture inline, before the
letter's first paragraph.  The picture's ``wp:docPr/@descr`` is the alt text:
Word reads it out, and LibreOffice exports the picture as a tagged PDF
``Figure`` with that ``/Alt``.
"""

from __future__ import annotations

from lxml import etree

from ..letter import LetterheadImage
from ..ooxml.package import R, w
from .docx import WordDocument

IMAGE_RELATIONSHIP = f"{R}/image"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EMU_PER_MM = 36_000
HEIGHT_MM = 18
"""How tall the crest stands on the page; its width follows its proportions."""


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


