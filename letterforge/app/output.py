"""Writing outputs atomically: a failed render never leaves a half-written or clobbered file.

A batch writes thousands of files into a few folders, so a folder is
prepared once per process (:func:`prepare_folder` remembers the folders it
made ready; a batch's first letter is written by the parent before it forks
its workers, so they inherit that, and a folder is still made only when
something is written to it), the umask is read once, and each file costs one
``stat`` (is it a folder? which permissions does it keep? a new file's name
is looked at once more, for a dangling symlink) besides its temporary file,
the backup link of the file it replaces, and the rename.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import LetterforgeError, Location, display_path


def check_folder(folder: Path) -> None:
    """Raise a located error if ``folder`` exists and is not a folder (it is created only when written to)."""
    if folder.exists() and not folder.is_dir():
        raise LetterforgeError("output folder is a file", Location(display_path(folder)))


_PREPARED: set[str] = set()
"""The folders :func:`prepare_folder` made ready in this process, as given (a batch has one or a few)."""


def prepare_folder(folder: Path) -> None:
    """Make sure ``folder`` exists and is a folder (created if missing); done once per folder and process."""
    key = os.fspath(folder)
    if key in _PREPARED:
        return
    check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LetterforgeError(f"cannot create output folder: {e.strerror}", Location(display_path(folder))) from None
    _PREPARED.add(key)


@lru_cache(maxsize=1)
def _new_file_mode() -> int:
    """The permissions a new file gets: ``0o666`` less the umask (read once per process)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _existing(path: Path) -> os.stat_result | None:
    """What ``os.stat`` says of ``path``, or None when there is nothing there yet."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _mode_for(found: os.stat_result | None) -> int:
    """The permissions of the file an output replaces (``found``), or a new file's."""
    return found.st_mode & 0o777 if found is not None else _new_file_mode()


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file, however spelt: relative or absolute, through a symlink, or a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise a located error if any of ``outputs`` is one of ``inputs``: no writer writes over what it reads.

    The same rule as :func:`same_file`, with each input looked at once: an
    output that exists is an input when it is the same file (device and
    inode); one that does not exist yet can only be an input that does not
    exist either, spelt another way.
    """
    existing: dict[tuple[int, int], Path] = {}
    missing: list[Path] = []
    for source in inputs:
        try:
            found = os.stat(source)
        except OSError:
            missing.append(source)
        else:
            existing.setdefault((found.st_dev, found.st_ino), source)
    for target in outputs:
        try:
            found = os.stat(target)
        except OSError:
            same = next((source for source in missing if same_file(target, source)), None)
        else:
            same = existing.get((found.st_dev, found.st_ino))
        if same is not None:
            raise LetterforgeError("this output would overwrite one of the command's own inputs",
                                   Location(display_path(target)),
                                   f"it is the same file as {display_path(same)}; write it elsewhere with -o")


TEMPORARY_SUFFIX = ".tmp"
"""The end of the name of every temporary file :func:`write_all` makes (``.kent.docx.k3j9x_2a.tmp``)."""


def remove_temporaries(folder: Path, stems: Iterable[str]) -> int:
    """Remove from ``folder`` the temporary files :func:`write_all` left for outputs named ``<stem>.…``; how many.

    For a batch that was stopped: its writers are gone, and what they had not
    renamed into place is unfinished.  Only names of the form
    ``.<stem>.<ext>.<random>.tmp`` for the given stems are touched.
    """
    wanted = set(stems)
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if _temporary_of(entry.name, wanted) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
    return removed


def _temporary_of(name: str, stems: set[str]) -> bool:
    """Whether ``name`` is a temporary file of :func:`write_all` for an output ``<stem>.<ext>`` of one of ``stems``."""
    if not (name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)):
        return False
    output = name[1:-len(TEMPORARY_SUFFIX)].rpartition(".")[0]  # drop mkstemp's random part
    dots = [i for i, char in enumerate(output) if char == "."]
    return any(output[:i] in stems for i in dots)


def write_all(outputs: dict[Path, bytes], *, inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every file or none: each goes to a temporary file beside it, then all are renamed into place.

    Refuses (before writing anything) an output that is the same file as one of ``inputs``.
    An output that already exists is first kept as a hard link (a backup beside it) so that,
    if a later rename fails, every file renamed so far is put back as it was.  Raises a
    located error if any file cannot be written; then every output is as it was before the
    call, and no temporary or backup file is left.
    """
    refuse_inputs(outputs, inputs)
    staged: list[tuple[str, Path]] = []
    there: list[Path] = []  # outputs with something at their path already (a file, or a symlink, even dangling)
    backups: dict[Path, str] = {}
    replaced: list[Path] = []
    path = next(iter(outputs), Path("."))  # the file being written, named if writing fails
    try:
        for path, data in outputs.items():
            prepare_folder(path.parent)
            found = _existing(path)
            if found is not None and stat.S_ISDIR(found.st_mode):
                raise LetterforgeError("output path is a folder", Location(display_path(path)))
            if found is not None or os.path.islink(path):
                there.append(path)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
            staged.append((temp, path))
            os.fchmod(fd, _mode_for(found))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        for path in there:
            backups[path] = _backup(path)
        for temp, path in staged:
            os.replace(temp, path)
            replaced.append(path)
    except OSError as e:
        _roll_back(replaced, backups)
        raise LetterforgeError(f"cannot write: {e.strerror or e}", Location(display_path(path))) from None
    except BaseException:
        _roll_back(replaced, backups)
        raise
    finally:
        for temp, _ in staged[len(replaced):]:  # the temporaries not renamed into place
            _remove(temp)
        for backup in backups.values():
            _remove(backup)
    return [path for _, path in staged]


def _backup(path: Path) -> str:
    """A hard link to the file at ``path`` beside it: its old contents, kept until every rename succeeded.

    Where the file system has no hard links, a copy.  Raises ``OSError`` if
    neither can be made (an immutable file, say): then nothing is renamed.
    """
    while True:
        backup = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.bak")
        try:
            os.link(path, backup, follow_symlinks=False)
            return backup
        except FileExistsError:
            continue
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOTSUP, errno.EPERM):
                raise
        with open(backup, "xb") as copy, open(path, "rb") as original:
            shutil.copyfileobj(original, copy)
        return backup


def _roll_back(replaced: list[Path], backups: dict[Path, str]) -> None:
    """Put every output renamed so far back as it was: its backup renamed over it, or removed if it was new."""
    for path in reversed(replaced):
        try:
            if path in backups:
                os.replace(backups[path], path)
            else:
                os.unlink(path)
        except OSError:  # nothing more can be done; the error being raised already names the failure
            pass


def _remove(path: str) -> None:
    """Remove the temporary file ``path`` if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def refuse_existing(path: Path, overwrite: bool) -> None:
    """Raise a located error if ``path`` exists and ``overwrite`` was not asked for.

    For commands that write a file a person goes on to edit (an extracted or
    scaffold selection): an existing one may hold their edits.
    """
    if path.is_dir():
        raise LetterforgeError("output path is a folder", Location(display_path(path)))
    if path.exists() and not overwrite:
        raise LetterforgeError("already exists; not replaced", Location(display_path(path)),
                               "pass --overwrite to replace it, or -o another file")
