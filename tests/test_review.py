"""The review page, the commented review copy, and PDF through LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from lxml import etree

from letterforge.cli import main
from letterforge.ooxml.package import W

from .conftest import KENT


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class PageText(HTMLParser):
    """The text a reader sees, the anchors, and every URL the page would load or link to."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script"):
            self.skip += 1
        self.ids.update([attrs["id"]] if "id" in attrs else [])
        self.urls.extend(v for k, v in attrs.items() if k in ("src", "href") and v)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


@pytest.fixture(scope="module")
def kent_review(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    result = run("review", KENT, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "kent.review.html"), str(out / "kent.review.docx")]
    return out


def test_the_page_holds_every_sentence_and_names_every_finding(kent_review, kent_letter):
    html = (kent_review / "kent.review.html").read_text(encoding="utf-8")
    page = PageText()
    page.feed(html)
    position = 0
    for block in kent_letter.blocks:
        found = page.text.find(block.text, position)
        assert found >= 0, block.text
        position = found + len(block.text)
    findings = [b.provenance.finding for b in kent_letter.blocks
                if b.kind == "bullet" and b.provenance.section != "introduction"]
    assert len(findings) == 16
    for finding in findings:
        assert finding in page.text
    assert "iom/not-effective" in page.text and "improvement" in page.text


def test_the_page_is_self_contained_and_links_checks_to_blocks(kent_review):
    html = (kent_review / "kent.review.html").read_text(encoding="utf-8")
    page = PageText()
    page.feed(html)
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert not re.search(r"https?://|@import|<link|<script|<img", html)
    links = [url[1:] for url in page.urls]
    assert links and set(links) <= page.ids
    assert "Checks: 0 errors, 1 warning" in page.text


def test_the_page_highlights_parameters_and_flags_bespoke_text(kent_review):
    html = (kent_review / "kent.review.html").read_text(encoding="utf-8")
    assert '<mark class="param" data-param="trained" title="parameter trained">500</mark>' in html
    bespoke = re.search(r'<div class="row[^"]*source-bespoke[^"]*" id="(b\d+)">(.*?)</div>\s*</div>', html, re.S)
    assert "workload-supervision" in bespoke.group(2) and "bespoke wording, not library text" in bespoke.group(2)


def test_selection_values_are_shown_as_typed_never_run(selection_file, tmp_path):
    path = selection_file(lambda t: t.replace("Dear Alan", "Dear <b>Alan</b> {{ 7 * 7 }}"))
    assert run("review", path, "-o", tmp_path / "out", "-f", "html").exit_code == 0
    html = (tmp_path / "out" / "kent.review.html").read_text(encoding="utf-8")
    assert "Dear &lt;b&gt;Alan&lt;/b&gt; {{ 7 * 7 }}" in html
    assert "49" not in html.replace(str(tmp_path), "")  # nothing ran (the page names the selection's folder,
    # whose name pytest numbers: pytest-49)


def comments_and_anchors(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
        types = z.read("[Content_Types].xml").decode()
    return document, comments, types


def test_the_review_copy_comments_every_library_block(kent_review, kent_letter):
    document, comments, types = comments_and_anchors(kent_review / "kent.review.docx")
    assert "wordprocessingml.comments+xml" in types
    paragraphs = document.find(f"{{{W}}}body").findall(f"{{{W}}}p")
    assert len(paragraphs) == len(kent_letter.blocks)
    by_id = {c.get(f"{{{W}}}id"): c for c in comments}
    for block, paragraph in zip(kent_letter.blocks, paragraphs):
        references = paragraph.findall(f".//{{{W}}}commentReference")
        if block.provenance.source in ("library", "bespoke"):
            assert len(references) == 1, block.text
            comment = by_id[references[0].get(f"{{{W}}}id")]
            assert comment.get(f"{{{W}}}author") == "letterforge"
            said = " ".join(t.text for t in comment.iter(f"{{{W}}}t"))
            if block.provenance.variant and block.provenance.section != "introduction":
                p = block.provenance
                assert said.startswith(f"{p.finding}/{p.variant} — {p.judgement} library wording")
            if block.provenance.source == "bespoke":
                assert "BESPOKE" in said
    import docx

    opened = docx.Document(kent_review / "kent.review.docx")
    assert len(opened.paragraphs) == len(kent_letter.blocks)


def test_the_review_copy_is_marked_and_names_a_parameter(kent_review):
    with zipfile.ZipFile(kent_review / "kent.review.docx") as z:
        assert "DRAFT – REVIEW COPY" in z.read("word/header1.xml").decode()
        assert "parameters: trained = 500" in z.read("word/comments.xml").decode()


def test_review_of_a_bad_selection_writes_nothing(selection_file, tmp_path):
    path = selection_file(lambda t: t.replace("salutation:", "salutaton:"))
    result = run("review", path, "-o", tmp_path / "out")
    assert result.exit_code == 1 and result.stdout == ""
    assert "unknown key 'salutaton'" in result.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- real programs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_page_renders_in_a_real_browser(kent_review, tmp_path):
    shot = tmp_path / "review.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000",
                    (kent_review / "kent.review.html").as_uri()], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a page full of text and colour, not a blank one


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_pdf_of_letters_in_a_batch(tmp_path):
    forces = tmp_path / "forces"
    forces.mkdir()
    for name in ("kent", "essex", "surrey"):  # a batch: the worker processes convert at the same time
        shutil.copy(KENT, forces / f"{name}.yaml")
    result = run("render", forces, "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    assert all((tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF") for name in ("kent", "essex", "surrey"))


def test_pdf_without_libreoffice_names_the_program_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("render", KENT, "-o", tmp_path / "out", "-f", "pdf", "-f", "txt")
    assert result.exit_code == 1
    assert result.stderr == ("error: PDF output needs LibreOffice (the ‘soffice’ program), which is not installed "
                             "(install LibreOffice: apt-get install -y libreoffice-writer-nogui)\n")
    assert not (tmp_path / "out").exists()
