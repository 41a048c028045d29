"""The ``letterforge`` command: a thin click layer over :mod:`letterforge.pipeline`.

Commands parse options, call the core, print what was written and turn
:class:`~letterforge.errors.LetterforgeError` into ``path:line:col: error: …``
on standard error with exit 1.  Wrong usage exits 2 (click's own handling).
Heavy modules are imported inside commands so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable, TypeVar

import click

from . import __version__

T = TypeVar("T")

FORMAT_NAMES = ("docx", "txt", "json")
library_option = click.option(
    "--library", "library_dir", metavar="DIR", envvar="LETTERFORGE_LIBRARY",
    help="Findings library folder (default: the shipped library; or set LETTERFORGE_LIBRARY).")


def report(error: Exception) -> None:
    """Print every problem inside a LetterforgeError to standard error, one per line."""
    from .errors import flatten

    for problem in flatten(error):  # type: ignore[arg-type]
        click.echo(problem.format_message(), err=True)


def open_library(library_dir: str | None):
    """The library named by ``--library``, or the shipped one."""
    from .library import Library
    from .resources import default_library

    return Library(Path(library_dir) if library_dir else default_library())


def each_selection(arguments: Iterable[str], work: Callable[[Path], T]) -> tuple[list[T], int]:
    """Run ``work`` on every selection the arguments name; report each failure and go on.

    Returns the results and the number of failed selections.
    """
    from .errors import LetterforgeError
    from .pipeline import expand_selection

    results: list[T] = []
    failed = 0
    for argument in arguments:
        try:
            paths = expand_selection(argument)
        except LetterforgeError as e:
            report(e)
            failed += 1
            continue
        for path in paths:
            try:
                results.append(work(path))
            except LetterforgeError as e:
                report(e)
                failed += 1
    return results, failed


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterforge")
def main() -> None:
    """Draft formal inspection letters from a library of standard findings.

    Each force's letter is a small YAML selection of findings from the
    findings library; letterforge renders it as DOCX and text.

    \b
    Example:
      letterforge render examples/kent.yaml -o out/
      letterforge check examples/
    """


@main.command()
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
    from .errors import LetterforgeError
    from .output import prepare_folder, write_all
    from .pipeline import build_letter, render_outputs
    from .render import DEFAULT_FORMATS

    chosen = tuple(dict.fromkeys(formats)) or DEFAULT_FORMATS
    try:
        library = open_library(library_dir)
        if output_dir:
            prepare_folder(Path(output_dir))
    except LetterforgeError as e:
        report(e)
        sys.exit(1)

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


@main.command()
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
    from .errors import LetterforgeError
    from .pipeline import build_letter

    try:
        library = open_library(library_dir)
    except LetterforgeError as e:
        report(e)
        sys.exit(1)
    checked, failed = each_selection(selections, lambda path: build_letter(path, library))
    click.echo(f"{len(checked)} clean, {failed} with errors", err=True)
    if failed:
        sys.exit(1)
