"""The ``letterforge`` command: a thin click layer over the core.

Each command lives in a small module of this package, parses its options,
calls the core and turns :class:`~letterforge.errors.LetterforgeError` into
``path:line:col: error: …`` on standard error with exit 1.  Wrong usage exits
2 (click's own handling).  An output stream that cannot be written (a full
disk, ``/dev/full``, a closed pipe or descriptor) is handled once, here, for
every command: one line on standard error where it can be written, exit 1.  Command modules import only click at module level,
so ``letterforge --help`` stays fast; the core is imported inside commands.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any, NoReturn, TextIO

import click

from .. import __version__
from .diff import diff
from .extract import extract
from .new import new
from .matrix import matrix
from .library import library_group
from .render import check, render
from .review import review
from .respond import respond
from .apply import apply
from .schema import schema
from .preview import preview

WORK_ORDER = ("new", "check", "render", "review", "respond", "apply", "diff", "matrix", "extract", "library",
              "schema", "preview")
"""The commands in the order of the work on a letter, as ``--help`` lists them; any other comes after, by name."""


class WorkOrderGroup(click.Group):
    """A group whose ``--help`` lists its commands in :data:`WORK_ORDER`, each summary a whole sentence."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in WORK_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in WORK_ORDER)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole first sentence (click would cut a long one short with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


STREAM_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF, errno.EFBIG})
"""What writing to standard output or standard error fails with: a closed pipe, a full disk or ``/dev/full``."""


class _StreamFailure(Exception):
    """Standard output or error could not be written; carried past click's own handling to :meth:`Letterforge.main`."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class Letterforge(WorkOrderGroup):
    """The ``letterforge`` group, with the one edge every command shares: an output stream that cannot be
    written (a full disk, ``/dev/full``, a closed pipe) is one line on standard error, where that can still be
    written, and exit 1 — never a traceback."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:  # ``--help`` and ``--version`` print while the context is made
            return super().make_context(*args, **kwargs)
        except OSError as e:
            if e.errno in STREAM_ERRORS:
                raise _StreamFailure(e) from None
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as e:
            if e.errno in STREAM_ERRORS:
                raise _StreamFailure(e) from None
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if sys.stdout is None:  # started with standard output closed (``>&-``): writing to it fails, as it would
            sys.stdout = _ClosedStream()
        if sys.stderr is None:
            sys.stderr = _ClosedStream()
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                _flush(sys.stdout)
                _flush(sys.stderr)
        except _StreamFailure as failure:
            _stream_failed(failure.error)
        except OSError as e:
            if e.errno not in STREAM_ERRORS:
                raise
            _stream_failed(e)


class _ClosedStream(io.TextIOBase):
    """Stands for a standard stream that was closed when letterforge started: every write fails with EBADF."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output or error is closed")

    def isatty(self) -> bool:
        return False


def _flush(stream: "TextIO | io.TextIOBase | None") -> None:
    """Flush ``stream`` (what is still buffered may be what cannot be written)."""
    if stream is not None:
        stream.flush()


def _stream_failed(error: OSError) -> NoReturn:
    """Say, on standard error if it can still be written, that the output could not be written; exit 1.

    Both streams are then pointed at the null device, so that Python's own
    flush at exit finds nothing to fail on.
    """
    reason = error.strerror or str(error)
    try:
        sys.stderr.write(f"letterforge: error: cannot write the output: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    for stream in (sys.stdout, sys.stderr):
        _silence(stream)
    sys.exit(1)


def _silence(stream: "TextIO | io.TextIOBase | None") -> None:
    """Point ``stream``'s file descriptor at the null device, dropping whatever it still holds."""
    try:
        if stream is None:
            return
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


@click.group(cls=Letterforge, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterforge")
def main() -> None:
    """Draft formal inspection letters from a library of standard findings.

    Each force's letter is a small YAML selection of findings from the
    findings library; letterforge renders it as DOCX and text, checks it is
    safe to send, and writes a review of where every sentence came from.

    \b
    Example:
      letterforge render examples/kent.yaml -o out/
      letterforge check examples/
      letterforge review examples/kent.yaml -o review/
      letterforge diff examples/kent.yaml --against HEAD~1
      letterforge extract sent/kent.txt -o kent.yaml
      letterforge matrix forces/ -o matrix.html
      letterforge library search named suspects
      letterforge respond reply.docx examples/kent.yaml
      letterforge apply examples/kent.responses.yaml
      letterforge schema -o examples/core-business-2014.schema.json
      letterforge preview examples/kent.yaml
    """


for command in (render, check, review, diff, extract, new, matrix, library_group, respond, apply, schema, preview):
    main.add_command(command)
