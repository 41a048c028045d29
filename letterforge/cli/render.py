"""``letterforge render`` and ``letterforge check``: letters from selections, or just the problems."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Mapping

import click

from ..render import DEFAULT_FORMATS, FORMATS, Format
from .completion import complete_files
from .common import SelectionRun, fail, library_option, open_library, write_for_each

FORMAT_NAMES = tuple(FORMATS)

final_option = click.option(
    "--final", is_flag=True,
    help="Treat every letter as final (as 'status: final' does): written only if every check passes, "
         "without DRAFT marks.")


def require_programs(formats: tuple[str, ...], table: Mapping[str, Format] = FORMATS) -> None:
    """Exit 1 before rendering anything if a format of ``table`` needs a program that is not installed."""
    from ..errors import LetterforgeError

    for name in formats:
        try:
            table[name].require_program()
        except LetterforgeError as e:
            fail(e)


def output_folder(output_dir: str | None) -> Path | None:
    """The ``-o`` folder; exits 1 at once if it is a file.  It is created only when something is written to it."""
    if not output_dir:
        return None
    from ..errors import LetterforgeError
    from ..app.output import check_folder

    try:
        check_folder(Path(output_dir))
    except LetterforgeError as e:
        fail(e)
    return Path(output_dir)


@click.command(short_help="Render selections as letters: DOCX and text, JSON, PDF or a web page.")
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...", shell_complete=complete_files)
@click.option("-o", "--output", "output_dir", metavar="DIR", help="Write DIR/<stem>.<ext> (default: beside each selection).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMAT_NAMES),
              help="Output format; repeat for several (default: docx and txt). pdf needs LibreOffice; "
                   "html is the letter as an accessible web page.")
@final_option
@library_option
def render(selections: tuple[str, ...], output_dir: str | None, formats: tuple[str, ...], final: bool,
           library_dir: str | None) -> None:
    """Render each SELECTION (a YAML file, or a folder of them) as a letter.

    Prints the paths written. A selection with problems is reported as
    path:line:col: error: … and nothing is written for it; an existing
    letter is never overwritten by a failed render. A draft carries a DRAFT
    mark in its header; a final letter (status: final, or --final) is
    written only if every check passes (see 'letterforge check'). Many
    selections are rendered on every core; the others are still written
    when one fails, and the command ends with exit 1 naming each selection
    that failed.

    \b
    Examples:
      letterforge render examples/kent.yaml
      letterforge render examples/ -o out/ -f docx -f json
      letterforge render examples/kent.yaml --final -f pdf -f html
    """
    from ..app.pipeline import render_selection

    chosen = tuple(dict.fromkeys(formats)) or DEFAULT_FORMATS
    require_programs(chosen)
    library = open_library(library_dir)
    folder = output_folder(output_dir)
    job = partial(render_selection, library_root=library.root, formats=chosen, folder=folder, final=final)
    write_for_each(selections, "Rendering", job, "rendered", folder)


@click.command(short_help="Check selections are safe to send, without writing anything.")
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...", shell_complete=complete_files)
@library_option
def check(selections: tuple[str, ...], library_dir: str | None) -> None:
    """Check each SELECTION (a YAML file, or a folder of them) without writing anything.

    Prints every problem as path:line:col: error: … or warning: …, then a
    count. Errors make a letter unsafe to send (dated after the embargo, no
    embargo sentence, a placeholder such as TODO, a finding given twice, and
    any problem with the input); warnings are worth a reviewer's look (an
    empty section, bespoke text within a few words of a library variant, a
    term spelt two ways). A final render refuses a letter with errors.
    Exits 0 when no letter has errors, 1 otherwise.

    \b
    Example:
      letterforge check examples/kent.yaml
    """
    from ..app.pipeline import check_selection

    library = open_library(library_dir)
    run = SelectionRun(selections, "Checking", "checked")
    with_warnings = 0
    for path, problems in run.outcomes(partial(check_selection, library_root=library.root)):
        for problem in problems:
            run.echo_error(problem)
        if any(p.severity == "error" for p in problems):
            run.mark_failed(path)
        elif problems:
            with_warnings += 1
    click.echo(f"{run.total} checked: {with_warnings} with warnings only, {run.failures()}", err=True)
    if run.failed:
        sys.exit(1)
