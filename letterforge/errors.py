"""Errors a user sees, in the one format editors understand.

Every problem with the input is a :class:`LetterforgeError` carrying where it
happened (file, line, column) and an optional hint.  ``format_message()`` gives
``path:line:col: error: message (hint)``.  Several problems found in one pass
travel together in a :class:`Problems` collection so that ``check`` can report
all of them at once.  Only the CLI prints them; the core only raises.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Callable, Iterator, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; ``line`` and ``column`` are 1-based, 0 if unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path

    @classmethod
    def of_file(cls, path: str | os.PathLike[str]) -> "Location":
        """The location of a whole file, shown relative to the working directory when inside it."""
        return cls(display_path(path))


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a user should read it: relative to the working directory if below it, quoted the way git
    quotes paths if it holds anything that is not plain text.

    This is the one place a file name becomes text: every message and every
    writer (JSON, HTML, DOCX, CSV) shows a name through it.  A name holding a
    control character, a bidirectional control, a quote or backslash, or a
    byte that is not UTF-8 (kept by the file system decoder as a lone
    surrogate) is shown in double quotes with C escapes (``"a\\033b.yaml"``,
    ``"caf\\351.yaml"``), so it can neither move the terminal's cursor, reorder
    what follows it, nor break a file format.
    """
    p = Path(path)
    shown = str(p)
    if p.is_absolute():
        try:
            shown = str(p.relative_to(Path.cwd()))
        except ValueError:
            pass
    return quote_name(shown)


_NEEDS_QUOTING = re.compile(r'[\x00-\x1f\x7f-\x9f"\\\u061c\u200e\u200f\u2028\u2029\u202a-\u202e'
                            r'\u2066-\u2069\ud800-\udfff]')
_SHORT_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
                  "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def quote_name(name: str) -> str:
    """``name`` as is when it is plain text, else in double quotes with every unsafe character escaped as git
    does (``\\t``, ``\\"``, and octal bytes such as ``\\033``; an undecodable byte as the byte it was)."""
    if not _NEEDS_QUOTING.search(name):
        return name
    return '"' + _NEEDS_QUOTING.sub(_escape, name) + '"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    if "\udc80" <= character <= "\udcff":
        data = character.encode("utf-8", "surrogateescape")  # the byte the file system decoder could not read
    else:
        data = character.encode("utf-8", "surrogatepass")
    return "".join(f"\\{byte:03o}" for byte in data)


UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
                               r"\ufffe\uffff]")
"""Refused in any text a letter may print, whoever wrote it (a selection, a library, a letter read back): C0
and C1 controls except tab, line feed and carriage return; bidirectional embeddings, overrides and isolates
(text that displays other than it reads); surrogates and U+FFFE/U+FFFF, which a ``"\\ud800"`` escape can make
but no letter (UTF-8 or Word's XML) can hold."""


def describe_character(character: str) -> str:
    """A refused character named for a message, never echoed: ``control character U+0007``, ``character U+202E``."""
    kind = "control character" if unicodedata.category(character) == "Cc" else "character"
    return f"{kind} U+{ord(character):04X}"


def control_error(character: str, location: "Location | None", what: str = "the file") -> "LetterforgeError":
    """The error for a refused ``character`` in ``what``, at ``location``."""
    return LetterforgeError(f"{what} contains the {describe_character(character)}", location, "remove it")


class LetterforgeError(Exception):
    """A problem with the user's input, located where possible.

    ``message`` says what is wrong in the user's terms; ``hint`` says what to do
    (for example "did you mean 'named-suspects'?").
    """

    severity: Severity = "error"

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def format_message(self) -> str:
        """``path:line:col: error: message (hint)``, or without the place when unknown."""
        where = f"{self.location}: " if self.location else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.severity}: {self.message}{hint}"

    def __str__(self) -> str:
        return self.format_message()

    def __reduce__(self) -> tuple[Callable[..., LetterforgeError], tuple[object, ...]]:
        """Pickle by state rather than by constructor arguments.

        A batch sends errors back from worker processes; every field (location,
        hint, the problems inside a :class:`Problems`) arrives intact, whatever
        a subclass's ``__init__`` takes.
        """
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[LetterforgeError], args: tuple[object, ...], state: dict[str, object]) -> LetterforgeError:
    error = cls.__new__(cls, *args)
    error.__dict__.update(state)
    return error


class LimitExceeded(LetterforgeError):
    """An input over one of letterforge's size limits (file size, values in a file, text length, digits).

    A class of its own so that a stage that makes input for another (``extract``
    writing a selection) can tell "over a limit" from "a bug of mine"."""


class LetterforgeWarning(LetterforgeError):
    """A finding worth a reviewer's eye that never blocks a letter."""

    severity: Severity = "warning"


class Problems(LetterforgeError):
    """Several problems found in one pass, raised together.

    Builders call :meth:`add` (or use :meth:`collecting`) and go on with the next
    item; :meth:`raise_if_any` ends the pass.
    """

    def __init__(self, errors: list[LetterforgeError] | None = None) -> None:
        self.errors: list[LetterforgeError] = list(errors or [])
        super().__init__("")

    @property
    def message(self) -> str:
        """Every problem's line; computed when asked, so that adding thousands of problems stays linear."""
        return self._summary()

    @message.setter
    def message(self, _value: str) -> None:
        """Ignored: the summary always comes from :attr:`errors`."""

    def _summary(self) -> str:
        return "\n".join(e.format_message() for e in self.errors)

    def add(self, error: LetterforgeError) -> None:
        """Record one problem; a nested :class:`Problems` is flattened."""
        if isinstance(error, Problems):
            self.errors.extend(error.errors)
        else:
            self.errors.append(error)

    def collecting(self) -> "_Collector":
        """A context manager that records a :class:`LetterforgeError` raised inside it and swallows it."""
        return _Collector(self)

    def raise_if_any(self) -> None:
        """Raise this collection if it holds at least one error (warnings alone do not count)."""
        if any(e.severity == "error" for e in self.errors):
            raise self

    def __iter__(self) -> Iterator[LetterforgeError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def format_message(self) -> str:
        return self._summary()


class _Collector:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if isinstance(exc, LetterforgeError):
            self.problems.add(exc)
            return True
        return False


def flatten(error: LetterforgeError) -> list[LetterforgeError]:
    """The individual problems inside ``error``, in order."""
    return list(error.errors) if isinstance(error, Problems) else [error]
