"""Renderers: each turns a :class:`~letterforge.letter.Letter` into the bytes of one format.

Renderers know nothing about YAML.  :data:`FORMATS` maps a format name to the
file extension and the function that renders a letter; :data:`REVIEW_FORMATS`
does the same for a :class:`~letterforge.tools.review.Review`, and
:data:`COMPARISON_FORMATS` for two drafts compared
(:class:`~letterforge.diff.compare.DraftComparison`).  Heavy modules (lxml,
Jinja2 pages, LibreOffice) are imported only when their format is asked for.
(:mod:`.matrix` renders the national findings matrix of many letters rather
than one letter.)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable


@dataclass(frozen=True)
class Format:
    """An output format: its name, file extension and renderer (``module:function``)."""

    name: str
    extension: str
    target: str
    program: str = ""
    """``module:function`` that raises a located error when the program this format runs is not installed."""

    def renderer(self) -> Callable[[Any], bytes]:
        module, _, function = self.target.partition(":")
        render: Callable[[Any], bytes] = getattr(import_module(module, __name__), function)
        return render

    def require_program(self) -> None:
        """Raise :class:`~letterforge.render.pdf.MissingProgram` if this format's program is missing."""
        if self.program:
            module, _, function = self.program.partition(":")
            getattr(import_module(module, __name__), function)()


FORMATS: dict[str, Format] = {
    "docx": Format("docx", "docx", ".docx:render_docx"),
    "txt": Format("txt", "txt", ".text:render_text"),
    "json": Format("json", "json", ".json:render_json"),
    "pdf": Format("pdf", "pdf", ".pdf:render_pdf", ".pdf:require_soffice"),
    "html": Format("html", "html", ".html:render_html"),
}
DEFAULT_FORMATS = ("docx", "txt")

REVIEW_FORMATS: dict[str, Format] = {
    "html": Format("html", "review.html", ".review_html:render_review_html"),
    "docx": Format("docx", "review.docx", ".review_docx:render_review_docx"),
    "pdf": Format("pdf", "review.pdf", ".review_html:render_review_pdf", ".chromium:require_chromium"),
}
DEFAULT_REVIEW_FORMATS = ("html", "docx")

COMPARISON_FORMATS: dict[str, Format] = {
    "docx": Format("docx", "redline.docx", ".redline:render_redline"),
    "txt": Format("txt", "txt", ".diff_text:render_text_diff"),
    "json": Format("json", "json", ".diff_json:render_json_diff"),
}
