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

Memory stays flat however long the batch: the paths are handed to the pool
as an iterator in chunks (:func:`_chunk_size`), never as a second list, and
the pool's pipe to its workers holds only as many chunks as fit in it (the
parent waits for the workers to take some before it sends more).

SIGINT (Ctrl-C) or SIGTERM stops a batch cleanly: the parent raises
:class:`Interrupted` where it is, the pool ends its workers, and a worker
stopped in the middle of a job unwinds it (so
:func:`~letterforge.app.output.write_all` removes the temporary files it had
made); every output already renamed into place is complete and stays.  The
caller reports how many were done and exits :attr:`Interrupted.exit_code`
(130 or 143).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import mmap
import os
import signal
import sys
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Generator, Generic, Iterable, Iterator, Sequence, TypeVar

from ..errors import LetterforgeError

T = TypeVar("T")
R = TypeVar("R")

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


class Interrupted(KeyboardInterrupt):
    """A batch stopped by SIGINT or SIGTERM; ``signal`` is which, :attr:`exit_code` what the shell expects."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signal = signum

    @property
    def exit_code(self) -> int:
        """128 plus the signal's number: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signal

    @property
    def name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signal).name


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


_HANDED_OUT: list[bool] = [False]
"""True while :func:`run_each` has handed an outcome to its caller (the caller's own code is running)."""
_PENDING: list[int] = []
"""A stop signal that came while an outcome was handed out, raised when the caller asks for the next."""


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    for stop in STOP_SIGNALS:  # one stop is enough: the clean-up that follows must not be cut short
        signal.signal(stop, signal.SIG_IGN)
    if _HANDED_OUT[0]:  # raised in the caller's code it would miss the caller's clean-up: raise it in the batch
        _PENDING[:] = [signum]
        return
    raise Interrupted(signum)


def _handing_out(outcomes: Iterable[R]) -> Generator[R, None, None]:
    """Yield each of ``outcomes``; a stop signal that comes while the caller holds one is raised (as
    :class:`Interrupted`) here, when the caller asks for the next, so that it always meets the caller's
    ``except Interrupted`` around its loop and never the caller's own code between two outcomes."""
    for outcome in outcomes:
        _HANDED_OUT[0] = True
        try:
            yield outcome
        finally:
            _HANDED_OUT[0] = False
        if _PENDING:
            raise Interrupted(_PENDING.pop())


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise :class:`Interrupted` in this (the main) thread; restored after.

    Elsewhere than in the main thread (where Python delivers signals) nothing is changed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {stop: signal.getsignal(stop) for stop in STOP_SIGNALS}
    for stop in STOP_SIGNALS:
        signal.signal(stop, _raise_interrupted)
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


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


class Tally:
    """How many jobs of a batch finished without error, wherever they ran: here or in a forked worker.

    A job counts once it has returned (a render's files are all renamed into
    place by then), so after a stop the count says how many finished, even
    those whose results were still on their way to the parent.
    """

    def __init__(self) -> None:
        self._here = 0
        self._shared: mmap.mmap | None = None
        self._lock: Any = None

    def share(self) -> None:
        """Count in memory that workers forked from now on share: eight bytes of anonymous shared memory
        (the workers' count, little-endian) and a lock (a ``multiprocessing.Value`` would cost ctypes)."""
        import multiprocessing

        self._lock = multiprocessing.get_context("fork").Lock()
        self._shared = mmap.mmap(-1, 8)  # anonymous memory is shared with forked children (MAP_SHARED)

    def add(self) -> None:
        """One more job finished (called in whichever process ran it)."""
        if self._shared is None or os.getpid() == _PARENT[0]:
            self._here += 1
        else:
            with self._lock:
                self._shared[:] = (self._workers() + 1).to_bytes(8, "little")

    def _workers(self) -> int:
        return int.from_bytes(self._shared[:], "little") if self._shared is not None else 0

    @property
    def count(self) -> int:
        """The jobs finished so far, in every process."""
        return self._here + self._workers()


_PARENT = [os.getpid()]
_WORKER_TALLY: list[Tally] = []
"""The tally a worker counts into (set as it starts: a forked worker inherits it, it is never pickled)."""


def _counted(job: Job[T], tally: Tally | None, path: Path) -> Outcome[T] | Failure:
    outcome = attempt(job, path)
    if outcome.error is None and tally is not None:
        tally.add()
    return outcome


def _counted_in_worker(job: Job[T], path: Path) -> Outcome[T] | Failure:
    """One job in a worker: while it runs, SIGTERM unwinds it (see :func:`_leave_signals_to_the_parent`)."""
    signal.signal(signal.SIGTERM, _leave)
    try:
        return _counted(job, _WORKER_TALLY[0] if _WORKER_TALLY else None, path)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_each(job: Job[T], paths: Sequence[Path], workers: int | None = None,
             tally: Tally | None = None) -> Generator[Outcome[T] | Failure, None, None]:
    """Yield ``attempt(job, path)`` for every path, in the order given.

    ``workers`` defaults to :func:`usable_cores`.  With one worker, two paths
    or fewer, or no safe way to fork, the jobs run one after another in this
    process; otherwise the first runs here (warming the caches) and the rest
    in a pool of forked processes.

    SIGINT and SIGTERM raise :class:`Interrupted` (see the module's
    docstring), in this generator: one that comes while the caller holds an
    outcome is raised when it asks for the next (close the generator,
    ``contextlib.closing``, to end the workers when the caller stops early).  Each job
    that finishes without error is counted in ``tally`` when one is given.
    """
    workers = workers or usable_cores()
    with stopping_on_signals():
        if workers <= 1 or len(paths) <= 2 or not can_fork():
            yield from _handing_out(_counted(job, tally, path) for path in paths)
            return
        yield from _handing_out([_counted(job, tally, paths[0])])
        rest = len(paths) - 1
        workers = min(workers, rest)
        import multiprocessing

        _PARENT[0] = os.getpid()
        gc.freeze()  # the modules and warm caches the workers inherit: their collector never walks (or copies) them
        if tally is not None:
            tally.share()
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(tally,)) as pool:
            yield from _handing_out(pool.imap(partial(_counted_in_worker, job), itertools.islice(paths, 1, None),
                                              chunksize=_chunk_size(rest, workers)))
            pool.close()  # every job done: the workers leave when told there is no more work, no signal sent
            pool.join()


def _start_worker(tally: Tally | None) -> None:
    """Set a worker up: the tally it counts into, and how it meets the stop signals."""
    _WORKER_TALLY[:] = [tally] if tally is not None else []
    _leave_signals_to_the_parent()


def _leave_signals_to_the_parent() -> None:
    """How a worker meets the stop signals: Ctrl-C is the parent's to act on; SIGTERM (the pool ending it) ends it.

    Ctrl-C reaches every process of the terminal's group; only the parent acts
    on it (ending the pool), so workers print no tracebacks.  The pool ends a
    stopped batch's workers with SIGTERM.  A worker between jobs has nothing
    to clean up and dies at once (the default action: a handler in Python
    could miss a signal that comes just before the worker blocks waiting for
    work, and wait for ever).  A worker in a job leaves by
    :class:`SystemExit` (:func:`_counted_in_worker` sets that for the job's
    length), which no job catches, so the job's ``finally`` clauses run
    (temporary files removed) and the worker exits quietly.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _leave(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _chunk_size(jobs: int, workers: int) -> int:
    """Jobs handed to a worker at a time: few enough to balance the load and keep results flowing."""
    return max(1, min(8, jobs // (workers * 4)))
