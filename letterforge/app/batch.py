"""One job over many selections on every core, results in input order.

A batch (``letterforge render forces/``) runs the same job, say "build, render
and write this selection", once per selection file.  :func:`run_each` runs the
first job in this process, which loads the library, the layout and the house
style into their per-process caches, then forks worker processes that inherit
those caches and share the rest.  Results stream back in input order, one
:class:`Outcome` (or :class:`Failure`) per path, so nothing holds every letter at once.

A :class:`~letterforge.errors.LetterforgeError` ends only its own job: it comes
back as that path's :class:`Failure`, its ``error`` (errors pickle with their
location and hint), while the other jobs go on.  Any other exception is a bug and propagates.

The job must be picklable: a module-level function, or a
:func:`functools.partial` of one with picklable arguments.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Generic, Iterator, Sequence, TypeVar

from ..errors import LetterforgeError

T = TypeVar("T")

Job = Callable[[Path], T]
"""Work on one selection file; raises a LetterforgeError for bad input."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one job that finished gave for one path: its result."""

    path: Path
    result: T
    error: None = None
    """Always None, so that ``error`` alone tells an outcome from a :class:`Failure`."""


@dataclass(frozen=True)
class Failure:
    """What one job that a located error stopped gave for one path: that error."""

    path: Path
    error: LetterforgeError
    result: None = None
    """Always None: the job gave nothing."""


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """True where worker processes can be forked safely (Linux); elsewhere a batch runs in one process."""
    return sys.platform.startswith("linux")


def attempt(job: Job[T], path: Path) -> Outcome[T] | Failure:
    """Run ``job`` on ``path``; a LetterforgeError becomes a :class:`Failure` with it as its ``error``."""
    try:
        return Outcome(path, job(path))
    except LetterforgeError as e:
        return Failure(path, e)


def run_each(job: Job[T], paths: Sequence[Path], workers: int | None = None) -> Iterator[Outcome[T] | Failure]:
    """Yield ``attempt(job, path)`` for every path, in the order given.

    ``workers`` defaults to :func:`usable_cores`.  With one worker, two paths
    or fewer, or no safe way to fork, the jobs run one after another in this
    process; otherwise the first runs here (warming the caches) and the rest
    in a pool of forked processes.
    """
    workers = workers or usable_cores()
    if workers <= 1 or len(paths) <= 2 or not can_fork():
        for path in paths:
            yield attempt(job, path)
        return
    yield attempt(job, paths[0])
    rest = paths[1:]
    workers = min(workers, len(rest))
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts_to_the_parent) as pool:
        yield from pool.imap(partial(attempt, job), rest, chunksize=_chunk_size(len(rest), workers))


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process; only the parent acts on it (ending the pool), so workers print no tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunk_size(jobs: int, workers: int) -> int:
    """Jobs handed to a worker at a time: few enough to balance the load and keep results flowing."""
    return max(1, min(8, jobs // (workers * 4)))
