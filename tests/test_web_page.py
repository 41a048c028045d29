"""Letters fit to publish, as a web page: the letter's page run through axe-core in headless Chromium
(through Playwright, with the system Chromium), and the review PDF printed from the review page.

The browser starts once per module; the tests skip with the reason when Chromium or axe-core is missing.
"""

from __future__ import annotations

import re

import pytest

from letterforge.render.html import render_html

from .conftest import KENT, run
from .publishing import (AXE, AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, CREST_ALT, POPPLER, crest_library,  # noqa: F401
                         final_letters, needs_chromium, tool)


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
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    texts = [" ".join(tool("pdftotext", "-f", str(n), "-l", str(n), pdf, "-").split()) for n in range(1, pages + 1)]
    for leads_on, follows in (("Findings that specifically relate to your force are;", "Preventing crime"),
                              ("areas of police work. These were:", "how well forces are preventing crime"),
                              ("Freeing up time", "HMIC identified that the force has a good understanding")):
        [page] = [t for t in texts if leads_on in t]
        assert follows in page.split(leads_on, 1)[1], f"{leads_on!r} is left at the foot of a page"


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

