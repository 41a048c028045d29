"""Build ``house-style.docx``: the look of every letter (fonts, spacing, bullets, page).

Run ``python templates/make_house_style.py`` after changing it; or open
``house-style.docx`` in Word, change the "Letter …" paragraph styles, and save.
letterforge maps each block kind to the paragraph style named ``Letter <Kind>``
(``bullet`` -> "Letter Bullet"), keeps the page set-up, headers, footers and
numbering, and replaces the body and document properties for every letter.

The package is written part by part so that it holds nothing a letter should
not carry: no thumbnail, no leftover authors, no revision ids.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NAVY = "1F3864"
FONT = "Arial"
"""Where Arial is missing (most Linux machines), fontconfig gives the metric-compatible Liberation Sans."""
SIGNATURE_ROOM = 1200
"""Twips between "Yours sincerely" and the name: room for a signature, over four lines of 11 pt text (60 pt)."""

# name, paragraph properties, run properties
STYLES = [
    ("Letter Letterhead", '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="%s"/></w:pBdr>'
     '<w:spacing w:after="360"/><w:contextualSpacing/><w:jc w:val="center"/>' % NAVY,
     '<w:b/><w:color w:val="%s"/><w:sz w:val="22"/>' % NAVY),
    ("Letter Sender", '<w:spacing w:after="240"/><w:contextualSpacing/><w:jc w:val="right"/>', '<w:sz w:val="20"/>'),
    ("Letter Date", '<w:spacing w:before="120" w:after="240"/>', ""),
    ("Letter Recipient", '<w:spacing w:after="360"/><w:contextualSpacing/>', ""),
    ("Letter Salutation", '<w:spacing w:before="120" w:after="240"/>', ""),
    ("Letter Subject", '<w:keepNext/><w:keepLines/><w:spacing w:after="240"/><w:outlineLvl w:val="0"/>', "<w:b/>"),
    ("Letter Paragraph", '<w:spacing w:after="200"/>', ""),
    ("Letter Bullet", '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="200"/>'
     '<w:ind w:left="720" w:hanging="360"/>', ""),
    ("Letter Heading", '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/>',
     '<w:b/><w:sz w:val="24"/>'),
    ("Letter Closing", '<w:keepNext/><w:spacing w:before="240" w:after="%d"/>' % SIGNATURE_ROOM, ""),
    ("Letter Signature", '<w:keepNext/><w:keepLines/><w:contextualSpacing/>', ""),
    ("Letter Copy", '<w:spacing w:before="480"/><w:contextualSpacing/>', '<w:sz w:val="20"/>'),
    ("Letter Draft Mark", '<w:jc w:val="right"/>', '<w:b/><w:color w:val="C00000"/><w:sz w:val="28"/>'),
    ("Header", '<w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs>', '<w:sz w:val="18"/>'),
    ("Footer", '<w:jc w:val="center"/>', '<w:sz w:val="18"/>'),
]


def style_id(name: str) -> str:
    return name.replace(" ", "")


def styles_xml() -> str:
    styles = "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(n)}"><w:name w:val="{n}"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{p}</w:pPr><w:rPr>{r}</w:rPr></w:style>'
        for n, p, r in STYLES)
    return (
        f'{XML}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="264" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        f"{styles}</w:styles>")


def numbering_xml() -> str:
    return (
        f'{XML}<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def document_xml() -> str:
    sample = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style_id(n)}"/></w:pPr><w:r><w:t>{n}</w:t></w:r></w:p>'
        for n, _, _ in STYLES if n.startswith("Letter "))
    return (
        f'{XML}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{sample}'
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooterDefault"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1247" w:right="1304" w:bottom="1247" w:left="1304" w:header="624" w:footer="567" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:titlePg/></w:sectPr></w:body></w:document>')


def header_footer_xml(tag: str, body: str) -> str:
    return f'{XML}<w:{tag} xmlns:w="{W}" xmlns:r="{R}">{body}</w:{tag}>'


EMPTY_HEADER = '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>'
PAGE_FOOTER = ('<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
EMPTY_FOOTER = '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>'

CONTENT_TYPES = (
    f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    + "".join(f'<Override PartName="/word/{p}.xml" '
              f'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{p[:6]}+xml"/>'
              for p in ("header1", "header2", "footer1", "footer2")) +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')

PACKAGE_RELS = (
    f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>')

DOCUMENT_RELS = (
    f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdNumbering" Type="{R}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdHeaderDefault" Type="{R}/header" Target="header1.xml"/>'
    f'<Relationship Id="rIdHeaderFirst" Type="{R}/header" Target="header2.xml"/>'
    f'<Relationship Id="rIdFooterDefault" Type="{R}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterFirst" Type="{R}/footer" Target="footer2.xml"/></Relationships>')

SETTINGS = (
    f'{XML}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '</w:compat></w:settings>')

CORE = (
    f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>letterforge house style</dc:title>'
    '<dc:creator>letterforge</dc:creator></cp:coreProperties>')

APP = (f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       '<Application>letterforge</Application></Properties>')


def build(path: Path) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": SETTINGS,
        "word/header1.xml": header_footer_xml("hdr", EMPTY_HEADER),
        "word/header2.xml": header_footer_xml("hdr", EMPTY_HEADER),
        "word/footer1.xml": header_footer_xml("ftr", PAGE_FOOTER),
        "word/footer2.xml": header_footer_xml("ftr", EMPTY_FOOTER),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2014, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml.encode("utf-8"))


if __name__ == "__main__":
    build(Path(__file__).with_name("house-style.docx"))
