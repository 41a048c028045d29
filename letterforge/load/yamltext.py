"""Writing YAML a person wants to edit: keys in a chosen order, comments, long texts folded.

The structure (keys, list items, comments) is written line by line so that
the order and the comments are ours; every value goes through PyYAML's
emitter, which quotes whatever would otherwise read as something else
(``yes``, ``3``, ``#…``, ``: ``) and folds long texts as ``>-`` blocks.
Comments are written so that no text, wherever it comes from, can end one
early and write YAML of its own, or make the file unreadable: a line break
in it is folded into a space, and a character the reader refuses is shown
as ``<U+0007>``.
Used by ``letterforge extract`` and ``letterforge new``.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import yaml

from .yamlparse import CONTROL, LINE_BREAK

WIDTH = 100
"""Lines are kept within this many columns where the values allow."""
_FOLD_FROM = 72
"""A text longer than this is written as a folded ``>-`` block."""


def scalar(value: str | int | dt.date, column: int) -> str:
    """``value`` as YAML to follow ``key: `` for a key at ``column``; continuation lines are indented past it."""
    if isinstance(value, bool):
        raise TypeError("booleans are written by the caller")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    style = ">" if len(value) > _FOLD_FROM else None
    dumped = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=max(WIDTH - column - 2, 40))
    lines = dumped.removesuffix("\n...\n").rstrip("\n").split("\n")
    return "\n".join([lines[0]] + [" " * column + line for line in lines[1:]])


def comment_text(text: str) -> str:
    """``text`` made safe to follow ``# ``: line breaks folded into spaces, refused characters shown as ``<U+0007>``."""
    return CONTROL.sub(lambda c: f"<U+{ord(c.group()):04X}>", LINE_BREAK.sub(" ", text))


class YamlText:
    """A YAML document written line by line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        """``# text`` at ``indent``, wrapped (see :func:`comment_text`); an empty text gives a lone ``#``."""
        prefix = " " * indent + "# "
        wrapped = textwrap.wrap(comment_text(text), WIDTH, initial_indent=prefix, subsequent_indent=prefix + "  ",
                                break_long_words=False, break_on_hyphens=False)
        self.lines.extend(wrapped or [prefix.rstrip()])

    def field(self, indent: int, key: str, value: str | int | dt.date | None = None, note: str | None = None,
              item: bool = False) -> None:
        """``key: value`` (or ``key:`` opening a block when ``value`` is None), as a list item when ``item``.

        ``note`` is a trailing comment, or a comment above when the value spans lines.
        """
        lead = " " * indent + ("- " if item else "")
        text = f"{lead}{key}:" if value is None else f"{lead}{key}: {scalar(value, len(lead))}"
        if note and "\n" in text:
            self.comment(note, indent)
            note = None
        self.lines.append(f"{text}  # {comment_text(note)}" if note else text)

    def item(self, indent: int, value: str, note: str | None = None) -> None:
        """``- value`` at ``indent``: a list item that is a plain value (an address line, ``finding/variant``)."""
        lead = " " * indent + "- "
        text = f"{lead}{scalar(value, len(lead))}"
        self.lines.append(f"{text}  # {comment_text(note)}" if note and "\n" not in text else text)

    def values(self, indent: int, key: str, values: list[str] | tuple[str, ...]) -> None:
        """``key:`` and one ``- value`` per value below it; nothing at all for no values."""
        if values:
            self.field(indent, key)
            for value in values:
                self.item(indent + 2, value)

    def raw(self, line: str) -> None:
        """A line written as given (``lead_in: false``, ``sections:``); ValueError if it is not one line."""
        if LINE_BREAK.search(line) or CONTROL.search(line):
            raise ValueError(f"not one line of YAML: {line!r}")
        self.lines.append(line)

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        """The document, ending in a newline."""
        return "\n".join(self.lines) + "\n"
