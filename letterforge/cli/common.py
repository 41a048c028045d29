"""What every command shares: reporting problems, opening the library, running a job over many selections.

Nothing here imports the core at module level, so ``letterforge --help`` stays
fast; each helper imports what it needs when called.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NoReturn, TextIO, TypeVar

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from types import TracebackType

    from ..app.batch import Interrupted
    from ..errors import LetterforgeError
    from ..load.library import Library

T = TypeVar("T")

def _complete_folders(context: click.Context, parameter: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Lets the shell complete folder names for ``--library``."""
    return [CompletionItem(incomplete, type="dir")]


library_option = click.option(
    "--library", "library_dir", metavar="DIR", envvar="LETTERFORGE_LIBRARY", shell_complete=_complete_folders,
    help="Findings library folder (default: the shipped library; or set LETTERFORGE_LIBRARY).")


SEVERITY_COLOURS = {"error": "red", "warning": "yellow"}


def colour_wanted(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, and no ``NO_COLOR`` set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def styled(problem: "LetterforgeError") -> str:
    """``path:line:col: error: message (hint)`` with the place bold and the severity in its colour."""
    line = problem.format_message()
    place = f"{problem.location}: " if problem.location else ""
    label = f"{problem.severity}:"
    if not line.startswith(place + label):
        return line
    rest = line[len(place) + len(label):]
    head = click.style(place, bold=True) if place else ""
    return head + click.style(label, fg=SEVERITY_COLOURS.get(problem.severity), bold=True) + rest


def report(error: "LetterforgeError") -> None:
    """Print every problem inside ``error`` to standard error, one ``path:line:col: error: …`` per line.

    On a terminal the place is bold and ``error``/``warning`` red/yellow; never
    when standard error is a file or a pipe, or when ``NO_COLOR`` is set.
    """
    from ..errors import flatten

    stream = sys.stderr
    colour = colour_wanted(stream)
    for problem in flatten(error):
        if colour:
            click.echo(styled(problem), err=True, color=True)
        else:
            click.echo(problem.format_message(), err=True)


def fail(error: "LetterforgeError") -> NoReturn:
    """Report ``error`` and exit 1: the input has problems."""
    report(error)
    sys.exit(1)


def open_library(library_dir: str | None) -> "Library":
    """The library named by ``--library``, or the shipped one; exits 1 if it cannot be opened.

    It is opened through :func:`~letterforge.load.library.library_at`, so the
    per-selection jobs of a batch find it already open.
    """
    from ..errors import LetterforgeError
    from ..load.library import library_at
    from ..resources import default_library

    try:
        return library_at(Path(library_dir) if library_dir else default_library())
    except LetterforgeError as e:
        fail(e)


class SelectionRun:
    """Every selection the arguments name, run through one job on every core.

    A folder stands for every ``*.yaml`` in it; a selection named twice runs
    once.  Each failure is reported as it comes, at its location, and the
    others go on; :attr:`failed` names the selections (or arguments) that
    failed.  A progress bar shows on standard error when that is a terminal,
    and nothing otherwise.
    """

    def __init__(self, arguments: Iterable[str], label: str, done: str = "done") -> None:
        from ..errors import LetterforgeError
        from ..app.pipeline import expand_selection

        self.label = label
        self.done = done
        self.folder: Path | None = None
        self.paths: list[Path] = []
        self.failed: list[str] = []
        self.succeeded = 0
        self._bar: Progress | None = None
        seen: set[Path] = set()
        for argument in arguments:
            try:
                found = expand_selection(argument)
            except LetterforgeError as e:
                report(e)
                self.failed.append(argument)
                continue
            for path in found:
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    self.paths.append(path)
        self._set_aside = len(self.failed)

    @property
    def is_batch(self) -> bool:
        """True when the arguments named more than one selection."""
        return self.total > 1

    @property
    def total(self) -> int:
        """How many selections (and unreadable arguments) this run covers."""
        return len(self.paths) + self._set_aside

    def refuse_shared_outputs(self, folder: Path | None) -> None:
        """Set aside, as failed, each selection whose outputs would overwrite an earlier one's.

        Two selections with the same name (``a/kent.yaml``, ``b/kent.yaml``)
        written into one folder would otherwise leave only the second letter.
        """
        from ..errors import LetterforgeError, Location, display_path

        self.folder = folder
        first: dict[tuple[Path, str], Path] = {}
        kept = []
        for path in self.paths:
            key = ((folder or path.parent).resolve(), path.stem)
            if key in first:
                report(LetterforgeError(f"its outputs would overwrite those of {display_path(first[key])}",
                                        Location(display_path(path)), "rename one, or write them to different folders"))
                self._record_failure(path)
                self._set_aside += 1
            else:
                first[key] = path
                kept.append(path)
        self.paths = kept

    def outcomes(self, job: Callable[[Path], T]) -> Iterator[tuple[Path, T]]:
        """``(path, result of job)`` for each selection that succeeds, in the order of the selections.

        On SIGINT or SIGTERM the workers are ended, every temporary file of
        these selections is removed, the count of those done is printed and
        the command exits 130 or 143 (see :mod:`letterforge.app.batch`).
        """
        from contextlib import closing

        from ..app.batch import Interrupted, Tally, run_each

        self._bar = Progress(len(self.paths), self.label)
        finished = Tally()
        try:
            with self._bar, closing(run_each(job, self.paths, tally=finished)) as outcomes:
                for outcome in outcomes:
                    if outcome.error is not None:
                        self.echo_error(outcome.error)
                        self._record_failure(outcome.path)
                    else:
                        self.succeeded += 1
                        yield outcome.path, outcome.result
                    self._bar.advance()
        except Interrupted as stop:
            self._stopped(stop, finished.count)
        self._bar = None

    def _stopped(self, stop: "Interrupted", finished: int) -> NoReturn:
        """After a stop signal (the workers already ended): remove what was left unfinished, say how far it got, exit."""
        from ..app.output import remove_temporaries

        folders: dict[Path, set[str]] = {}
        for path in self.paths:
            folders.setdefault(self.folder or path.parent, set()).add(path.stem)
        for folder, stems in folders.items():
            remove_temporaries(folder, stems)
        if self._bar:
            self._bar.clear()
        click.echo(f"interrupted by {stop.name}: {finished} of {len(self.paths)} {self.done}", err=True)
        sys.exit(stop.exit_code)

    def results(self, job: Callable[[Path], T]) -> Iterator[T]:
        """The result of ``job`` for each selection that succeeds, in the order of the selections."""
        return (result for _, result in self.outcomes(job))

    def mark_failed(self, path: Path) -> None:
        """Count a selection whose job succeeded as failed after all (say, its letter fails a check)."""
        self.succeeded -= 1
        self._record_failure(path)

    def _record_failure(self, path: Path) -> None:
        from ..errors import display_path

        self.failed.append(display_path(path))

    def echo(self, line: str) -> None:
        """Print ``line`` on standard output without tangling it with the progress bar."""
        if self._bar:
            self._bar.clear()
        click.echo(line)

    def echo_error(self, error: "LetterforgeError") -> None:
        """Report ``error`` on standard error without tangling it with the progress bar."""
        if self._bar:
            self._bar.clear()
        report(error)

    def summary(self, done: str) -> str:
        """``"42 rendered, 1 with errors: forces/broken.yaml"`` (``done`` is the verb)."""
        return f"{self.succeeded} {done}, {self.failures()}"

    def failures(self) -> str:
        """``"1 with errors: forces/broken.yaml"``, or ``"0 with errors"``."""
        names = f": {', '.join(self.failed)}" if self.failed else ""
        return f"{len(self.failed)} with errors{names}"


def write_for_each(arguments: Iterable[str], label: str, job: Callable[[Path], list[Path]], done: str,
                   folder: Path | None) -> None:
    """Run ``job`` (which writes files into ``folder``, or beside each selection) over every selection.

    Prints each path written.  Exits 1 at the end if any selection failed,
    naming them all when there were several (a single selection's error
    already names it).
    """
    from ..errors import quote_name

    run = SelectionRun(arguments, label, done)
    run.refuse_shared_outputs(folder)
    for paths in run.results(job):
        for path in paths:
            run.echo(quote_name(str(path)))
    exit_if_failed(run, done)


def exit_if_failed(run: SelectionRun, done: str) -> None:
    """Exit 1 if any selection of ``run`` failed, naming them all first when there were several.

    A single selection's error already names it.  ``done`` is the verb of the
    summary (``"42 read, 1 with errors: forces/broken.yaml"``).
    """
    if run.failed:
        if run.is_batch:
            click.echo(run.summary(done), err=True)
        sys.exit(1)


class Progress:
    """A progress bar on standard error while that is a terminal; otherwise it does nothing."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        shown = total > 1 and self.stream.isatty()
        self._bar = click.progressbar(length=total, label=label, file=self.stream) if shown else None

    def __enter__(self) -> "Progress":
        if self._bar:
            self._bar.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._bar:
            self._bar.__exit__(exc_type, exc, traceback)

    def __bool__(self) -> bool:
        return self._bar is not None

    def advance(self) -> None:
        """One more job done."""
        if self._bar:
            self._bar.update(1)

    def clear(self) -> None:
        """Blank the bar's line so that the next line printed starts clean (the bar redraws on :meth:`advance`)."""
        if self._bar:
            self.stream.write("\r\033[K")
            self.stream.flush()
