"""``letterforge extract``: a selection from a sent letter, checked to render it again."""

from __future__ import annotations

from pathlib import Path

import click

from .completion import complete_files, complete_inspections
from .common import fail, library_option, open_library, report


def _letter_path(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """LETTER as given; wrong usage (exit 2) if it is empty, which names no file at all."""
    if not value:
        raise click.BadParameter("must name a letter file, e.g. sent/kent.txt")
    return value


def _beside(letter: str) -> Path:
    """LETTER's name with .yaml, beside it; a path with no name (``.``, ``/``) is a folder, refused as one."""
    from ..load.inputs import folder_error

    path = Path(letter)
    if not path.name:
        raise folder_error(letter, "a letter")
    return path.with_suffix(".yaml")


@click.command(short_help="Turn a sent letter back into a selection that renders it again.")
@click.argument("letter", metavar="LETTER", callback=_letter_path, shell_complete=complete_files)
@click.option("--inspection", "inspection_id", metavar="ID", shell_complete=complete_inspections,
              help="The inspection the letter is from (default: the one whose title is its subject).")
@click.option("-o", "--output", metavar="SELECTION.yaml",
              help="Where to write the selection (default: LETTER's name with .yaml, beside it).")
@click.option("--overwrite", is_flag=True, help="Replace the output file if it already exists.")
@library_option
def extract(letter: str, inspection_id: str | None, output: str | None, overwrite: bool,
            library_dir: str | None) -> None:
    """Extract a selection from a sent LETTER (plain text, e.g. from a PDF, or DOCX).

    Each finding paragraph becomes a library finding with its parameters
    when the library's wording renders it word for word, bespoke text
    linked to the closest finding when it is reworded, or free text. The
    selection is rendered back and compared with the letter block for
    block. Prints the selection's path and a report; each block that would
    not render as the letter has it is a path:line:col: warning on standard
    error. An existing output file is never replaced unless --overwrite is
    given.

    \b
    Example:
      letterforge extract sent/kent.txt -o kent.yaml
      letterforge render kent.yaml
    """
    from ..errors import LetterforgeError, quote_name
    from ..extract import extract as extract_selection
    from ..app.output import refuse_existing, refuse_inputs, write_all

    library = open_library(library_dir)
    try:
        target = Path(output) if output else _beside(letter)
        extracted = extract_selection(letter, library, target, inspection_id)
        refuse_inputs([target], [Path(letter), *library.files()])
        refuse_existing(target, overwrite)
        write_all({target: extracted.text.encode("utf-8")}, inputs=[Path(letter), *library.files()])
    except LetterforgeError as e:
        fail(e)
    click.echo(quote_name(str(target)))
    for line in extracted.report:
        click.echo(line)
    for warning in extracted.warnings:
        report(warning)
