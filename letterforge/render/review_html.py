"""The review page: one self-contained HTML file from a :class:`~letterforge.tools.review.Review`.

The page layout is ``templates/review.html.j2``, rendered with autoescaping so
that every text from a selection is shown exactly as typed.  The review PDF is
this page printed by headless Chromium (A4, each note in the margin beside its
paragraph), not the commented DOCX, whose note markers would cover the text.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from ..errors import Location, display_path
from ..dates import embargo_phrase, long_date
from ..resources import templates_dir
from ..tools.review import Review
from .text import LINE_KINDS

TEMPLATE = "review.html.j2"


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=False)
    return environment.get_template(TEMPLATE)


def render_review_html(review: Review) -> bytes:
    """The review page as UTF-8 HTML."""
    meta = review.letter.meta
    findings = []
    for a in review.annotations:
        if a.is_finding:
            p = a.block.provenance
            findings.append({"label": a.label, "css": p.source if p.source != "library" else (p.judgement or "")})
    problems = [{"severity": p.severity, "message": p.message, "hint": p.hint,
                 "location": str(p.location) if p.location else None, "anchor": review.anchor_of(p)}
                for p in review.problems]
    html = _template().render(
        meta=meta, selection=display_path(meta.selection), date=long_date(meta.date),
        embargo=embargo_phrase(meta.embargo) if meta.embargo else "not set",
        annotations=review.annotations, findings=findings, problems=problems, line_kinds=LINE_KINDS,
        errors=sum(p.severity == "error" for p in review.problems),
        warnings=sum(p.severity == "warning" for p in review.problems))
    return html.encode("utf-8")


def render_review_pdf(review: Review) -> bytes:
    """The review page printed to PDF by headless Chromium."""
    from .chromium import html_to_pdf

    return html_to_pdf(render_review_html(review), where=Location(display_path(review.letter.meta.selection)))
