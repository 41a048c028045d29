"""What every command shares: reporting problems, opening the library, running over many selections.

Nothing here imports the core at module level, so ``letterforge --help`` stays
fast; each helper imports what it needs when called.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from ..errors import LetterforgeError
    from ..library import Library

T = TypeVar("T")

library_option = click.option(
    "--library", "library_dir", metavar="DIR", envvar="LETTERFORGE_LIBRARY",
    help="Findings library folder (default: the shipped library; or set LETTERFORGE_LIBRARY).")


def report(error: "LetterforgeError") -> None:
    """Print every problem inside ``error`` to standard error, one ``path:line:col: error: …`` per line."""
    from ..errors import flatten

    for problem in flatten(error):
        click.echo(problem.format_message(), err=True)


def fail(error: "LetterforgeError") -> NoReturn:
    """Report ``error`` and exit 1: the input has problems."""
    report(error)
    sys.exit(1)


def open_library(library_dir: str | None) -> "Library":
    """The library named by ``--library``, or the shipped one; exits 1 if it cannot be opened."""
    from ..errors import LetterforgeError
    from ..library import Library
    from ..resources import default_library

    try:
        return Library(Path(library_dir) if library_dir else default_library())
    except LetterforgeError as e:
        fail(e)


def each_selection(arguments: Iterable[str], work: Callable[[Path], T]) -> tuple[list[T], int]:
    """Run ``work`` on every selection the arguments name; report each failure and go on.

    Returns the results and the number of failed selections.
    """
    from ..errors import LetterforgeError
    from ..pipeline import expand_selection

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
