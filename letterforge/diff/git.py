"""A file as committed at a git revision, read with the ``git`` command in the file's repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import LetterforgeError, Location, display_path

REVISION_HINT = "name a commit, branch or tag, e.g. HEAD~1"


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, check=False)


def file_at_revision(path: str | Path, revision: str) -> bytes:
    """The bytes of ``path`` as committed at ``revision`` of the repository it is in.

    Raises a located error when git is not installed, the file is not in a git
    repository, the revision is unknown, or the file did not exist at it.
    """
    path = Path(path)
    where = Location(display_path(path))
    if not revision or revision.startswith("-") or revision.strip() != revision:
        raise LetterforgeError(f"'{revision}' is not a revision", where, REVISION_HINT)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise LetterforgeError("no such file", where)
    try:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    except FileNotFoundError:
        raise LetterforgeError("git is not installed", where, "install git to compare with a revision") from None
    except OSError as e:
        raise LetterforgeError(f"cannot run git: {e.strerror}", where) from None
    if inside.returncode or inside.stdout.strip() != b"true":
        raise LetterforgeError("not in a git repository", where, "--against compares a file with its committed version")
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise LetterforgeError(f"unknown revision '{revision}'", where, REVISION_HINT)
    shown = _git(folder, "cat-file", "blob", f"{revision}:./{path.name}")
    if shown.returncode:
        raise LetterforgeError(f"no such file at revision '{revision}'", where,
                               "it was added later, or moved; see git log --follow")
    return shown.stdout
