"""The factual-accuracy log: per force, each proposed change, the force's words and comments, the decision.

Reads responses files as read back by :func:`letterforge.respond.responses.read_responses`
(anything shaped as :class:`LogSheet`: a renderer knows nothing of YAML).
HTML: ``templates/factual-log.html.j2`` filled in, one self-contained page.
CSV: one row per entry, every cell made inert for spreadsheets
(:func:`letterforge.render.matrix.inert`), UTF-8, RFC 4180 quoting.
"""

from __future__ import annotations

import csv
import io
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Protocol, Sequence

import jinja2

from ..resources import templates_dir
from .matrix import inert

HTML_TEMPLATE = "factual-log.html.j2"
CSV_HEADER = ("force", "inspection", "entry", "where", "change", "summary", "by", "when", "tracked", "before",
              "after", "comments", "decision", "reason")


class LogEntry(Protocol):
    """One entry: its fields as the responses file holds them, and the decision."""

    @property
    def id(self) -> str: ...
    @property
    def decision(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def data(self) -> dict[str, Any]: ...


class LogSheet(Protocol):
    """One force's responses file."""

    @property
    def force(self) -> str: ...
    @property
    def inspection(self) -> str: ...
    @property
    def reply(self) -> str: ...
    @property
    def entries(self) -> Sequence[LogEntry]: ...


def comment_lines(comments: Any, depth: int = 0) -> list[str]:
    """Each comment and reply as ``Kent Police (2014-08-20): text [resolved]``, replies indented by ``> ``."""
    lines: list[str] = []
    for comment in comments or []:
        when = f" ({str(comment.get('when'))[:10]})" if comment.get("when") else ""
        done = " [resolved]" if comment.get("resolved") else ""
        lines.append(f"{'> ' * depth}{comment.get('by', 'unknown')}{when}: {comment.get('text', '')}{done}")
        lines.extend(comment_lines(comment.get("replies"), depth + 1))
    return lines


def word_changes(before: str | None, after: str | None) -> list[tuple[str, str]]:
    """``before`` -> ``after`` as ``(kind, words)`` pieces, kind ``same``, ``del`` or ``ins`` (a word-level diff)."""
    old, new = (before or "").split(), (after or "").split()
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", " ".join(new[j1:j2])))
    return pieces


def render_log_csv(sheets: Sequence[LogSheet]) -> bytes:
    """The log as CSV: a header row, then one row per entry of every sheet, in order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for sheet in sheets:
        for entry in sheet.entries:
            d = entry.data
            cells = [sheet.force, sheet.inspection, entry.id, d.get("where"), d.get("change"), d.get("summary"),
                     d.get("by"), d.get("when"), "yes" if d.get("tracked", True) else "no", d.get("before"),
                     d.get("after"), "\n".join(comment_lines(d.get("comments"))), entry.decision, entry.reason]
            writer.writerow([inert("" if cell is None else str(cell)) for cell in cells])
    return buffer.getvalue().encode("utf-8")


@lru_cache(maxsize=1)
def _html_template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.globals["comment_lines"] = comment_lines
    environment.globals["word_changes"] = word_changes
    return environment.get_template(HTML_TEMPLATE)


def render_log_html(sheets: Sequence[LogSheet]) -> bytes:
    """The log as one offline HTML page: a section per force, a table of its entries."""
    return _html_template().render(sheets=sheets).encode("utf-8")
