"""``letterforge render`` and ``letterforge check``: letters from selections, or just the problems."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import each_selection, fail, library_option, open_library

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
    letter is never overwritten by a failed render.

    \b
    Examples:
      letterforge render examples/kent.yaml
      letterforge render examples/ -o out/ -f docx -f json
    """
    from ..errors import LetterforgeError
    from ..output import prepare_folder, write_all
    from ..pipeline import build_letter, render_outputs
    from ..render import DEFAULT_FORMATS

    chosen = tuple(dict.fromkeys(formats)) or DEFAULT_FORMATS
    library = open_library(library_dir)
    if output_dir:
        try:
            prepare_folder(Path(output_dir))
        except LetterforgeError as e:
            fail(e)

    def render_one(path: Path) -> list[Path]:
        letter = build_letter(path, library)
        folder = Path(output_dir) if output_dir else path.parent
        return write_all(render_outputs(letter, chosen, folder))

    written, failed = each_selection(selections, render_one)
    for paths in written:
        for path in paths:
            click.echo(str(path))
    if failed:
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
    from ..pipeline import build_letter

    library = open_library(library_dir)
    checked, failed = each_selection(selections, lambda path: build_letter(path, library))
    click.echo(f"{len(checked)} clean, {failed} with errors", err=True)
    if failed:
        sys.exit(1)
