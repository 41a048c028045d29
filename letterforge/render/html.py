"""The letter as a web page for publication: one accessible, self-contained HTML file.

Not the review page (:mod:`.review_html`): this is the letter as the public
reads it once the embargo lifts.  The page is ``templates/letter.html.j2``,
rendered with autoescaping (every text shown exactly as typed), and holds:
``<html lang="en-GB">``; a ``<title>`` naming the letter; the letterhead in a
``<header>`` and the sender and recipient as ``<address>`` text; the date as
``<time>``; the subject as the one ``<h1>`` and each section title as an
``<h2>``; bullets as real ``<ul>`` lists; its CSS inline, with an A4 print
layout that keeps headings and introducing paragraphs with what follows
(:mod:`.pagination`); no script, and nothing fetched (a letterhead image is
inlined as a ``data:`` URI).  A draft says so at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import jinja2

from ..letter import Block, Letter
from ..resources import templates_dir
from .docx_image import letterhead_image
from .pagination import Keeps, keeps
from .text import LINE_KINDS

TEMPLATE = "letter.html.j2"


@dataclass(frozen=True)
class Part:
    """One element of the page: a group of lines (an address), a list of bullets, or one block."""

    kind: str
    blocks: tuple[Block, ...]
    keeps: tuple[Keeps, ...]

    @property
    def text(self) -> str:
        """The text of a part of one block."""
        return self.blocks[0].text

    @property
    def introduces(self) -> bool:
        """True when the part keeps with what follows it (a lead-in, a paragraph before a list)."""
        return self.keeps[-1].with_next


def parts(letter: Letter) -> list[Part]:
    """The letter's blocks grouped as the page shows them: runs of lines of one kind, runs of bullets."""
    grouped: list[tuple[str, list[Block], list[Keeps]]] = []
    for block, keep in zip(letter.blocks, keeps(letter.blocks)):
        joins = block.kind in LINE_KINDS or block.kind == "bullet"
        if grouped and joins and grouped[-1][0] == block.kind:
            grouped[-1][1].append(block)
            grouped[-1][2].append(keep)
        else:
            grouped.append((block.kind, [block], [keep]))
    return [Part(kind, tuple(blocks), tuple(kept)) for kind, blocks, kept in grouped]


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=True,
                                     undefined=jinja2.StrictUndefined)
    return environment.get_template(TEMPLATE)


def page_title(letter: Letter) -> str:
    """The page's title: whose letter it is and what about."""
    meta = letter.meta
    return f"Letter to {meta.force}: {meta.title}"


def render_html(letter: Letter) -> bytes:
    """The letter as one UTF-8 HTML page."""
    body = parts(letter)
    letterhead = body.pop(0) if body and body[0].kind == "letterhead" else None
    html = _template().render(meta=letter.meta, title=page_title(letter), letterhead=letterhead,
                              logo=letterhead_image(letter),
                              parts=body, draft=letter.meta.status != "final")
    return html.encode("utf-8")
