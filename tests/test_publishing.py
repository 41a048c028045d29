"""Letters fit to publish, checked with the real clients: LibreOffice's tagged PDF read with pikepdf and
poppler, the web page run through axe-core in headless Chromium, the review PDF printed by Chromium.

Each letter is converted once per session (module-scoped fixtures); every test that needs a program
skips with the reason when it is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from letterforge.letter import Block, Letter, Provenance
from letterforge.render.docx import render_docx
from letterforge.render.html import render_html

from .conftest import KENT, ROOT, UNNAMED, run

SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
needs_pdf = pytest.mark.skipif(not (SOFFICE and POPPLER), reason="LibreOffice and poppler-utils are not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def tool(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------- the letters, converted once


def long_letter(base: Letter) -> Letter:
    """A letter of eight pages or so: Kent's head, then twelve sections of bullets from one to seven lines long,
    each section but the first opened by a paragraph that introduces its list, so that headings, lead-ins and
    short bullets fall at every height of a page."""
    head = [b for b in base.blocks if b.kind in ("letterhead", "sender", "date", "recipient", "salutation", "subject")]
    tail = [b for b in base.blocks if b.kind in ("closing", "signature", "copy")]
    words = ("inspectors found that the force keeps clear records of its work with partners and checks them "
             "each month so that nothing is lost between teams").split()
    body: list[Block] = [Block("paragraph", "Findings that specifically relate to your force are;")]
    for section in range(12):
        body.append(Block("heading", f"Section {section + 1} of the long letter"))
        if section:
            body.append(Block("paragraph", f"In section {section + 1} the inspection found these matters:"))
        for item in range(2 + section % 4):
            length = 12 + ((section * 3 + item * 5) % 7) * 14  # one line to seven or so
            text = " ".join(words[(section + item + i) % len(words)] for i in range(length))
            body.append(Block("bullet", f"Item {section + 1}.{item + 1}: {text}.", Provenance(section=f"s{section}")))
    return replace(base, blocks=tuple(head + body + tail))


def pdf_of(letter: Letter, folder: Path, name: str) -> Path:
    from letterforge.render.pdf import docx_to_pdf

    path = folder / f"{name}.pdf"
    path.write_bytes(docx_to_pdf(render_docx(letter)))
    return path


CREST_ALT = "Crest of Her Majesty’s Inspectorate of Constabulary"


def crest_png(width: int = 96, height: int = 112) -> bytes:
    """A small PNG: a navy shield on white (written here with zlib, so the suite needs no image library)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b""
    for y in range(height):
        inset = max(0, y - height * 2 // 3) * 2
        rows += b"\0" + b"".join(b"\x1f\x38\x64" if 8 + inset <= x < width - 8 - inset and y > 8 else b"\xff\xff\xff"
                                 for x in range(width))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def crest_library(tmp_path_factory):
    """The shipped library with a crest for the London office, named in people.yaml with its alt text."""
    from letterforge.resources import default_library

    root = tmp_path_factory.mktemp("crest") / "library"
    shutil.copytree(default_library(), root)
    (root / "crest.png").write_bytes(crest_png())
    people = root / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("    address: [6th Floor,", f"    logo: {{file: crest.png, alt: {CREST_ALT}}}\n"
                                   "    address: [6th Floor,", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def final_letters(library, crest_library):
    from letterforge.compose.build import load_letter
    from letterforge.load.library import Library

    kent = load_letter(KENT, library, final=True)[1]
    unnamed = load_letter(UNNAMED, library, final=True)[1]
    crest = load_letter(KENT, Library(crest_library), final=True)[1]
    return {"kent": kent, "unnamed-force": unnamed, "long": long_letter(kent), "crest": crest}


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


# ---------------------------------------------------------------- the web page


def visible_lines(page) -> list[str]:
    return [line.strip() for line in page.inner_text("body").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def kent_page(final_letters, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "kent.html"
    path.write_bytes(render_html(final_letters["kent"]))
    return path


@pytest.fixture(scope="module")
def crest_page(final_letters, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "crest.html"
    path.write_bytes(render_html(final_letters["crest"]))
    return path


def test_the_page_is_self_contained_and_structured(kent_page, final_letters):
    html = kent_page.read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html
    assert "<title>Letter to Kent Police: Core business: An inspection of crime prevention" in html
    assert html.count("<h1>") == 1 and html.count("<h2>") == 3
    assert html.count("<li") == sum(b.kind == "bullet" for b in final_letters["kent"].blocks)
    assert html.count("<address") == 3  # letterhead, sender, recipient
    assert "@page { size: A4" in html
    assert not re.search(r"<script|<link|<iframe|\bsrc=\"(?!data:)|url\(|@import", html)


@needs_chromium
@pytest.mark.parametrize("name", ["kent", "crest"])
def test_the_page_passes_axe_core_and_holds_every_block(browser, kent_page, crest_page, final_letters, name):
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci)")
    path = {"kent": kent_page, "crest": crest_page}[name]
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(path.as_uri())
    assert [url for url in fetched if not url.startswith("data:")] == [path.as_uri()]
    assert visible_lines(page) == [b.text for b in final_letters[name].blocks]
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.alt, e.naturalWidth])")
    assert images == ([[CREST_ALT, 96]] if name == "crest" else [])
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []
    assert len(results["passes"]) >= 15  # the rules really ran on a page with content
    page.close()


# ---------------------------------------------------------------- the review PDF, from the review page


@needs_chromium
def test_review_pdf_is_the_review_page_printed_on_a4(tmp_path):
    if not POPPLER:
        pytest.skip("poppler-utils are not installed")
    result = run("review", KENT, "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "kent.review.pdf"
    info = tool("pdfinfo", pdf)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4
    text = " ".join(tool("pdftotext", pdf, "-").split())
    assert "review of the draft letter" in text
    assert "crime-prevention-training/delivered" in text  # a note, printed beside its finding
    assert "formal crime prevention training to 500" in text and "officers and staff and has plans to extend" in text
    assert b"/Subtype/Text" not in pdf.read_bytes() and b"/Subtype /Text" not in pdf.read_bytes()  # no note icons


def test_render_html_through_the_cli_marks_a_draft(tmp_path):
    result = run("render", KENT, "-f", "html", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'kent.html'}\n"
    html = (tmp_path / "kent.html").read_text(encoding="utf-8")
    assert '<p class="draft">Draft – not for publication</p>' in html
    assert run("render", KENT, "-f", "html", "--final", "-o", tmp_path / "final").exit_code == 0
    assert "Draft" not in (tmp_path / "final" / "kent.html").read_text(encoding="utf-8")


def test_review_pdf_without_chromium_names_the_program_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("review", KENT, "-o", tmp_path / "out", "-f", "pdf", "-f", "html")
    assert result.exit_code == 1
    assert result.stderr == ("error: the review PDF is printed by Chromium (the ‘chromium’ program), which is not "
                             "installed (install Chromium: apt-get install -y chromium)\n")
    assert not (tmp_path / "out").exists()
