"""``letterforge render`` and ``letterforge check``: letters from selections, or just the problems."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from .common import SelectionRun, fail, library_option, open_library

FORMAT_NAMES = ("docx", "txt", "json")


@click.command()
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...")
@click.option("-o", "--output", "output_dir", metavar="DIR", help="Write DIR/<stem>.<ext> (default: beside each selection).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMAT_NAMES),
              help="Output format; repeat for several (default: docx and txt).")
@library_option
def render(selections: tuple[str, ...], output_dir: str | None, formats: tuple[str, ...], library_dir: str | None) -> None:
    """Render each SELECTION (a YAML file, or a folder of them) as a letter.

    Prints the paths written. A selection with problems is reported as
    path:line:col: error: … and nothing is written for it; an existing
    letter is never overwritten by a failed render. Many selections are
    rendered on every core; the others are still written when one fails,
    and the command ends with exit 1 naming each selection that failed.

    \b
    Examples:
      letterforge render examples/kent.yaml
      letterforge render examples/ -o out/ -f docx -f json
    """
    from ..errors import LetterforgeError
    from ..output import prepare_folder
    from ..pipeline import render_selection
    from ..render import DEFAULT_FORMATS

    chosen = tuple(dict.fromkeys(formats)) or DEFAULT_FORMATS
    library = open_library(library_dir)
    folder = Path(output_dir) if output_dir else None
    if folder:
        try:
            prepare_folder(folder)
        except LetterforgeError as e:
            fail(e)

    run = SelectionRun(selections, "Rendering")
    for paths in run.results(partial(render_selection, library_root=library.root, formats=chosen, folder=folder)):
        for path in paths:
            run.echo(str(path))
    if run.failed:
        if run.is_batch:  # a single selection's error already names it
            click.echo(run.summary("rendered"), err=True)
        sys.exit(1)


@click.command()
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...")
@library_option
def check(selections: tuple[str, ...], library_dir: str | None) -> None:
    """Check each SELECTION (a YAML file, or a folder of them) without writing anything.

    Prints every problem as path:line:col: error: …; exits 0 when all are
    clean and 1 otherwise.

    \b
    Example:
      letterforge check examples/kent.yaml
    """
    from ..pipeline import check_selection

    library = open_library(library_dir)
    run = SelectionRun(selections, "Checking")
    for _ in run.results(partial(check_selection, library_root=library.root)):
        pass
    click.echo(run.summary("clean"), err=True)
    if run.failed:
        sys.exit(1)
