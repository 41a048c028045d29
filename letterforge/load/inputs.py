"""Reading an input file the user named: its bytes, or its UTF-8 text, with located errors.

Shared by the YAML loader (selections, library files) and extraction (sent
letters as text or DOCX), so that a missing file, a folder, an oversized file
or bytes that are not UTF-8 read the same everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import LetterforgeError, LimitExceeded, Location, display_path


def read_bytes(path: str | os.PathLike[str], what: str, limit: int) -> bytes:
    """The bytes of the file at ``path``; ``what`` names the expected kind of file ("a YAML file").

    Raises a located error for a missing or unreadable file, a folder, anything
    else that is not a regular file (a device or a pipe could be endless or
    never answer), or a file larger than ``limit`` bytes (never read past it).
    """
    where = Location(display_path(path))
    p = Path(path)
    try:
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise folder_error(path, what)
        if not stat.S_ISREG(mode):
            raise LetterforgeError("is not a regular file", where, f"name {what}")
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise LetterforgeError("no such file", where) from None
    except OSError as e:
        raise LetterforgeError(f"cannot read file: {e.strerror}", where) from None
    if len(data) > limit:
        raise LimitExceeded(f"file is too large (the limit is {limit:,} bytes)", where)
    return data


def folder_error(path: str | os.PathLike[str], what: str) -> LetterforgeError:
    """The error for a folder at ``path`` named where a file (``what``, e.g. "a letter") was expected."""
    return LetterforgeError(f"is a folder, not {what}", Location(display_path(path)))


def decode_utf8(data: bytes, shown: str) -> str:
    """``data`` as text (a UTF-8 byte-order mark is dropped); a located error at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise LetterforgeError("file is not UTF-8 text", Location(shown, line, column),
                               "save it as UTF-8") from None
