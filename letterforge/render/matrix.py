"""The national findings matrix as CSV (for spreadsheets) or as one self-contained HTML page.

CSV: UTF-8 without a byte-order mark, a header row (``force``, ``selection``,
then ``section: finding`` per column), one row per letter, RFC 4180 quoting
and line ends; a cell a spreadsheet would run as a formula is made text
(:func:`inert`).  The totals are not rows of the CSV, so that every row is a
letter.

HTML: ``templates/matrix.html.j2`` filled in, with its CSS and JavaScript
inline and nothing fetched from the network: cells coloured by judgement with
a legend, click a column heading to sort, a filter box, totals under each
column, and a print style (A4 landscape).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import jinja2

from ..tools.matrix import Matrix
from ..resources import templates_dir

HTML_TEMPLATE = "matrix.html.j2"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""


def csv_header(matrix: Matrix) -> list[str]:
    """``force``, ``selection``, then ``section: finding`` for each column."""
    return ["force", "selection"] + [f"{column.section}: {column.finding}" for column in matrix.columns]


def render_matrix_csv(matrix: Matrix) -> bytes:
    """The header and one row per letter; each cell the variants used, empty where the finding is absent."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([inert(cell) for cell in csv_header(matrix)])
    for row in matrix.rows:
        cells = [row.force, row.shown] + [row.label(column.finding) for column in matrix.columns]
        writer.writerow([inert(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8")


def inert(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: an apostrophe before a would-be formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return is read as a formula by Excel and LibreOffice Calc (``=HYPERLINK(…)``
    in a force's name would be a live link); the leading apostrophe makes it
    text.  Other cells are returned unchanged.
    """
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


@lru_cache(maxsize=1)
def _html_template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template(HTML_TEMPLATE)


def render_matrix_html(matrix: Matrix) -> bytes:
    """One offline HTML page: the table, its legend, totals, sorting, filtering and print style."""
    return _html_template().render(matrix=matrix).encode("utf-8")


MATRIX_RENDERERS = {"csv": render_matrix_csv, "html": render_matrix_html}
"""Matrix format name -> renderer."""
