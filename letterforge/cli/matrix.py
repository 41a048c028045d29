"""``letterforge matrix``: the national findings matrix of many letters, as CSV or HTML."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from .completion import complete_files, complete_inspections
from .common import SelectionRun, exit_if_failed, fail, library_option, open_library, report

FORMAT_BY_EXTENSION = {".html": "html", ".htm": "html", ".csv": "csv"}


def _matrix_file(context: click.Context, parameter: click.Parameter, value: str) -> Path:
    from ..errors import quote_name

    path = Path(value)
    if path.suffix.lower() not in FORMAT_BY_EXTENSION:
        raise click.BadParameter(f"'{quote_name(value)}' must end in .html or .csv (the extension chooses the format)")
    return path


@click.command(short_help="Tabulate which findings each force's letter has, as HTML or CSV.")
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...", shell_complete=complete_files)
@click.option("-o", "--output", required=True, metavar="FILE.html|FILE.csv", callback=_matrix_file,
              help="Where to write the matrix; .html for a page, .csv for a spreadsheet.")
@click.option("--inspection", "inspection_id", metavar="ID", shell_complete=complete_inspections,
              help="The inspection the matrix is of (default: the one most of the selections are of).")
@library_option
def matrix(selections: tuple[str, ...], output: Path, inspection_id: str | None, library_dir: str | None) -> None:
    """Tabulate which findings each force's letter has, in which variant.

    One row per SELECTION (a YAML file, or a folder of them), one column per
    finding of the inspection grouped by section; each cell is the variant
    used, "bespoke" for the letter's own wording, blank where the finding is
    absent. The HTML page is self-contained: coloured by judgement, sortable,
    filterable, with totals per variant, and it prints on A4 landscape. The
    CSV is UTF-8 with a header row and one row per letter. Prints the path
    written. The matrix is of one inspection: --inspection ID, or else the
    one most of the selections are of. Selections with problems, or of
    another inspection, are reported and left out; the matrix of the others
    is still written, and the command exits 1.

    \b
    Examples:
      letterforge matrix forces/ -o matrix.html
      letterforge matrix forces/ -o matrix.csv --inspection core-business-2014
    """
    from ..errors import LetterforgeError, quote_name
    from ..tools.matrix import build_matrix, keep_inspection, usual_inspection
    from ..app.output import refuse_inputs, write_all
    from ..app.pipeline import matrix_row
    from ..render.matrix import MATRIX_RENDERERS

    library = open_library(library_dir)
    try:
        if inspection_id is not None:
            library.inspection(inspection_id)  # an unknown one is refused before any selection is read
    except LetterforgeError as e:
        fail(e)
    run = SelectionRun(selections, "Reading", "read")
    try:
        refuse_inputs([output], [*run.paths, *library.files()])  # before reading any: nothing is written
    except LetterforgeError as e:
        fail(e)
    outcomes = list(run.outcomes(partial(matrix_row, library_root=library.root)))
    rows = [row for _, row in outcomes]
    chosen = inspection_id or (usual_inspection(rows) if rows else None)
    if chosen is not None:
        kept, strays = keep_inspection(rows, chosen, named=inspection_id is not None)
        for stray in strays:
            report(stray)
        for path, row in outcomes:
            if row.inspection != chosen:
                run.mark_failed(path)
        try:
            if kept:
                table = build_matrix(library.inspection(chosen), kept)
                render = MATRIX_RENDERERS[FORMAT_BY_EXTENSION[output.suffix.lower()]]
                for path in write_all({output: render(table)}, inputs=run.paths):
                    click.echo(quote_name(str(path)))
        except LetterforgeError as e:
            fail(e)
    exit_if_failed(run, "read")
