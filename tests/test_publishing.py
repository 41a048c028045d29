"""Letters fit to publish, as PDF: LibreOffice's tagged PDF/UA-1 and PDF/A-2b export read with pikepdf and
poppler (structure, language, metadata, fonts, artifacts, the crest), and its pages read one by one with
pdftotext (nothing that leads on stranded at a page foot, short bullets whole, room for a signature).

Each letter is converted once per module; the tests skip with the reason when a program is missing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from letterforge.letter import Letter
from letterforge.render.docx import render_docx

from .publishing import (CREST_ALT, POPPLER, SOFFICE, crest_library, crest_png, final_letters,  # noqa: F401
                         needs_pdf, tool)


def pdf_of(letter: Letter, folder: Path, name: str) -> Path:
    from letterforge.render.pdf import docx_to_pdf

    path = folder / f"{name}.pdf"
    path.write_bytes(docx_to_pdf(render_docx(letter)))
    return path


@pytest.fixture(scope="module")
def pdfs(final_letters, tmp_path_factory):
    if not (SOFFICE and POPPLER):
        pytest.skip("LibreOffice and poppler-utils are not installed")
    folder = tmp_path_factory.mktemp("pdf")
    return {name: pdf_of(letter, folder, name) for name, letter in final_letters.items()}


# ---------------------------------------------------------------- tagged, archival PDF


def structure_tags(pdf) -> list[str]:
    """Every structure element's standard type, in document order (custom types resolved through the RoleMap)."""
    import pikepdf

    root = pdf.Root.StructTreeRoot
    roles = root.get("/RoleMap", pikepdf.Dictionary())
    tags: list[str] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            tag = str(node.S)
            tags.append(str(roles.get(tag, tag)))
            if "/K" in node:
                walk(node.K)

    walk(root.K)
    return tags


@needs_pdf
def test_kent_pdf_is_tagged_pdf_ua_and_pdf_a_in_british_english(pdfs, final_letters):
    import pikepdf

    info = tool("pdfinfo", pdfs["kent"])
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    meta = final_letters["kent"].meta
    with pikepdf.open(pdfs["kent"]) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["pdfaid:part"] == "2"
            assert xmp["dc:title"] == f"{meta.title} – {meta.force}"
            assert xmp["dc:creator"] == [meta.author] == ["Zoë Billingham"]
        tags = structure_tags(pdf)
        assert tags.count("/H1") == 1 and tags.count("/H2") == 3
        assert not {t for t in tags if re.fullmatch(r"/H[3-6]?", t)}
        assert tags.index("/H1") < tags.index("/H2")
        assert tags.count("/LI") == sum(b.kind == "bullet" for b in final_letters["kent"].blocks)
        with pdf.open_outline() as outline:  # bookmarks from the headings: the subject above the sections
            [subject] = outline.root
            assert subject.title == meta.title
            assert [item.title for item in subject.children] == [
                "Preventing crime", "Attendance at crimes and incidents", "Freeing up time"]


@needs_pdf
@pytest.mark.parametrize("name", ["kent", "crest"])
def test_every_mark_on_a_page_is_tagged_content_or_an_artifact(pdfs, name):
    import pikepdf

    painting = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh"}
    with pikepdf.open(pdfs[name]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            depth, loose = 0, []
            for instruction in pikepdf.parse_content_stream(page):
                operator = str(instruction.operator)
                depth += operator in ("BMC", "BDC")
                depth -= operator == "EMC"
                if depth == 0 and operator in painting:
                    loose.append(operator)
            assert loose == [], f"page {number}"


@needs_pdf
@pytest.mark.parametrize("name", ["kent", "unnamed-force", "long", "crest"])
def test_every_font_is_embedded_and_arial_or_its_metric_twin(pdfs, name):
    rows = tool("pdffonts", pdfs[name]).splitlines()[2:]
    assert rows
    for row in rows:
        font, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert re.fullmatch(r"[A-Z]{6}\+(Arial|LiberationSans)\S*", font), row


@needs_pdf
def test_where_arial_is_missing_liberation_sans_stands_in():
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    if "Arial" in tool("fc-list", ":family=Arial"):
        pytest.skip("Arial is installed here: nothing stands in for it")
    assert tool("fc-match", "Arial").startswith("LiberationSans")


@needs_pdf
def test_the_crest_is_a_figure_with_its_alt_text_and_the_rule_an_artifact(pdfs):
    import pikepdf

    with pikepdf.open(pdfs["crest"]) as pdf:
        figures = []

        def walk(node) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/Figure":
                    figures.append(node)
                if "/K" in node:
                    walk(node.K)

        walk(pdf.Root.StructTreeRoot.K)
        assert [str(f.Alt) for f in figures] == [CREST_ALT]
        assert structure_tags(pdf).count("/H1") == 1


def test_the_crest_is_in_the_docx_with_its_alt_text(final_letters):
    import zipfile
    import io

    with zipfile.ZipFile(io.BytesIO(render_docx(final_letters["crest"]))) as z:
        assert z.read("word/media/letterhead.png") == crest_png()
        document = z.read("word/document.xml").decode()
        relationships = z.read("word/_rels/document.xml.rels").decode()
    assert f'descr="{CREST_ALT}"' in document
    assert re.search(r'Type="[^"]+/image" Target="media/letterhead.png"', relationships)
    assert document.index("<w:drawing") < document.index("Her Majesty’s Inspectorate of Constabulary</w:t>")


# ---------------------------------------------------------------- pagination


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, its whitespace folded to single spaces."""
    pages = int(re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", pdf), re.M).group(1))
    return [" ".join(tool("pdftotext", "-f", str(n), "-l", str(n), pdf, "-").split()) for n in range(1, pages + 1)]


def block_pages(texts: list[str], blocks) -> list[tuple[int, int]]:
    """The pages (from 0) on which each block starts and ends, found in letter order in the pages' text."""
    full, bounds = "", []
    for text in texts:
        full += text + " "
        bounds.append(len(full))
    page = lambda at: next(n for n, bound in enumerate(bounds) if at < bound)  # noqa: E731
    cursor, found = 0, []
    for block in blocks:
        words = block.text.split()
        head, tail = " ".join(words[:5]), " ".join(words[-5:])
        start = full.index(head, cursor)
        end = full.index(tail, start) + len(tail) - 1
        found.append((page(start), page(end)))
        cursor = end
    return found


@needs_pdf
@pytest.mark.parametrize("name", ["kent", "unnamed-force", "long"])
def test_nothing_that_leads_on_is_stranded_at_a_page_foot(pdfs, final_letters, name):
    blocks = final_letters[name].blocks
    texts = page_texts(pdfs[name])
    pages = block_pages(texts, blocks)
    led_on = kept = 0
    for i, block in enumerate(blocks[:-1]):
        introduces = block.kind == "paragraph" and (block.text.endswith((":", ";")) or blocks[i + 1].kind == "bullet")
        if block.kind in ("subject", "heading", "closing") or introduces:
            assert pages[i][1] == pages[i + 1][0], f"{block.kind} {block.text!r} is left at the foot of a page"
            led_on += 1
    for i, block in enumerate(blocks):
        if block.kind == "bullet" and len(block.text) <= 4 * 84:  # four lines at most (84 to 93 characters a line)
            assert pages[i][0] == pages[i][1], f"a bullet of four lines or fewer is split: {block.text!r}"
            kept += 1
    assert led_on >= {"kent": 6, "unnamed-force": 6, "long": 26}[name] and kept >= 3
    if name == "long":
        assert len(texts) >= 5


@needs_pdf
def test_the_long_letter_breaks_pages_before_what_would_strand(pdfs, final_letters):
    """The long letter really puts headings and lead-ins near page feet (so the test above tests something):
    at least one page ends just before a heading or an introducing paragraph."""
    texts = page_texts(pdfs["long"])
    starts = [t[:60] for t in texts[1:]]
    assert any(re.match(r"(\d+ )?(Section \d+ of the long letter|In section \d+)", s) for s in starts), starts


@needs_pdf
def test_there_is_room_for_a_signature(pdfs):
    """At least four blank lines between "Yours sincerely" and the signatory's name."""
    xml = tool("pdftotext", "-bbox-layout", pdfs["kent"], "-")
    lines = [(float(m.group(1)), float(m.group(2)), " ".join(re.sub(r"<[^>]+>", " ", m.group(3)).split()))
             for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
                                  xml, re.S)]
    texts = [text for _, _, text in lines]
    closing = texts.index("Yours sincerely")
    name, title = lines[closing + 1], lines[closing + 2]
    assert name[2] == "Zoë Billingham" and title[2] == "HM Inspector of Constabulary, Eastern Region"
    pitch = title[0] - name[0]
    assert name[0] - lines[closing][1] >= 4 * pitch


