"""The edge every command shares: standard output or error that cannot be written.

A full disk, ``/dev/full``, a closed pipe or a descriptor closed before the
start is one line on standard error (where that can still be written) and
exit 1, never a traceback; :class:`StreamSafeGroup` catches it around making
the context (``--help`` prints there), invoking the command and the final flush.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
from typing import Any, NoReturn, TextIO

import click

STREAM_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF, errno.EFBIG})
"""What writing to standard output or standard error fails with: a closed pipe, a full disk or ``/dev/full``."""


class _StreamFailure(Exception):
    """Standard output or error could not be written; carried past click's own handling to :meth:`StreamSafeGroup.main`."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class StreamSafeGroup(click.Group):
    """A group with the one edge every command shares: an output stream that cannot be written (a full disk,
    ``/dev/full``, a closed pipe) is one line on standard error, where that can still be written, and exit 1 —
    never a traceback."""

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
                gc.freeze()  # what is alive now dies with the process: the interpreter's exit need not walk it
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
