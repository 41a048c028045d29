"""Located YAML: nodes that remember where they came from, and typed readers over them.

:func:`load_file` reads a file and parses it safely (:mod:`letterforge.load.yamlparse`:
no objects constructed, no aliases, no control characters); every
:class:`Node` keeps its file, line and column.  The typed readers
(:func:`text`, :func:`integer`, :class:`Mapping` …) turn nodes into plain
values or raise a :class:`~letterforge.errors.LetterforgeError` pointing at
the offending node.  Nothing downstream ever sees a raw dict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from ..errors import LetterforgeError, LimitExceeded, Location, Problems, control_error, display_path
from .inputs import read_bytes
from .names import known_list, suggest
from .yamlparse import CONTROL, LINE_BREAK, PLAIN_TAG, parse_bytes

MAX_FILE_BYTES = 2_000_000
"""Selections and library files are small; anything larger is refused unread."""

MAX_TEXT_CHARS = 10_000
"""The longest text value read (a long paragraph is about a thousand characters)."""

MAX_DIGITS = 15
"""The most digits a whole number may have."""

_DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}")

@dataclass(frozen=True)
class Node:
    """One YAML node and the file it came from."""

    raw: yaml.Node
    path: str

    @property
    def location(self) -> Location:
        """Where the node starts."""
        mark = self.raw.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    @property
    def kind(self) -> str:
        """What the node is, in a user's words: "a mapping", "a list", "text", "a number", …"""
        if isinstance(self.raw, yaml.MappingNode):
            return "a mapping"
        if isinstance(self.raw, yaml.SequenceNode):
            return "a list"
        tag = self.raw.tag.removeprefix(PLAIN_TAG)
        return {"int": "a number", "float": "a decimal number", "bool": "true/false", "null": "nothing",
                "timestamp": "a date"}.get(tag, "text")

    @property
    def is_null(self) -> bool:
        """True for an empty value or ``null``/``~``."""
        return isinstance(self.raw, yaml.ScalarNode) and self.raw.tag == PLAIN_TAG + "null"

    def error(self, message: str, hint: str | None = None) -> LetterforgeError:
        """An error located at this node."""
        return LetterforgeError(message, self.location, hint)


def load_file(path: str | Path) -> Node:
    """Read and compose the YAML file at ``path``.

    Raises a located error for a missing or unreadable file, a folder or
    anything else that is not a regular file (a device, a pipe), bytes that are
    not UTF-8, a file that is too large, invalid YAML, several documents,
    aliases, unknown tags, control characters, or an empty file.  A UTF-8
    byte-order mark and CRLF line endings are accepted.
    """
    data = read_bytes(path, "a YAML file", MAX_FILE_BYTES)
    return load_bytes(data, display_path(path))


def load_bytes(data: bytes, shown: str) -> Node:
    """The YAML in ``data`` as a :class:`Node`; ``shown`` is the path used in error locations.

    Raises the located errors of :func:`~letterforge.load.yamlparse.parse_bytes`.
    """
    return Node(parse_bytes(data, shown), shown)


def _checked_text(node: Node, value: str, what: str) -> str:
    """``value`` if it holds no control character and is not too long, else an error at ``node``."""
    if bad := CONTROL.search(value):
        raise control_error(bad.group(), node.location, what)
    if len(value) > MAX_TEXT_CHARS:
        raise LimitExceeded(f"{what} is too long ({len(value):,} characters; the limit is {MAX_TEXT_CHARS:,})",
                            node.location)
    return value


# ---------------------------------------------------------------- typed readers


def text(node: Node, what: str) -> str:
    """A scalar as text (numbers and dates keep their spelling).

    Refuses lists, mappings, nothing, control characters (a ``"\\a"`` escape)
    and texts longer than :data:`MAX_TEXT_CHARS`.
    """
    raw = node.raw
    if not isinstance(raw, yaml.ScalarNode) or node.is_null:
        raise node.error(f"{what} must be text, not {node.kind}")
    return _checked_text(node, raw.value, what)


def integer(node: Node, what: str) -> int:
    """A whole number written in decimal digits (``500``, ``1_500``), at most :data:`MAX_DIGITS` of them.

    Hexadecimal, octal and other spellings YAML reads as numbers are refused;
    a leading zero is just a digit (``017`` is 17).
    """
    value = node.raw.value.strip() if isinstance(node.raw, yaml.ScalarNode) else ""
    if _DECIMAL.fullmatch(value) and node.raw.tag in (PLAIN_TAG + "int", PLAIN_TAG + "str"):
        digits = value.replace("_", "").lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise node.error(f"{what} is too large (at most {MAX_DIGITS} digits)")
        return int(value.replace("_", ""), 10)
    raise node.error(f"{what} must be a whole number written in digits, e.g. 500, not {node.kind} ('{value}')"
                     if value and node.kind == "a number" else f"{what} must be a whole number, not {node.kind}")


def boolean(node: Node, what: str) -> bool:
    """``true`` or ``false``."""
    if isinstance(node.raw, yaml.ScalarNode) and node.raw.tag == PLAIN_TAG + "bool":
        return node.raw.value.lower() in ("true", "yes", "on", "y")
    raise node.error(f"{what} must be true or false, not {node.kind}")


def date(node: Node, what: str) -> dt.date:
    """A calendar date written ``YYYY-MM-DD``."""
    if isinstance(node.raw, yaml.ScalarNode) and _DATE.fullmatch(node.raw.value.strip()):
        try:
            return dt.date.fromisoformat(node.raw.value.strip())
        except ValueError:
            pass
    raise node.error(f"{what} must be a date written YYYY-MM-DD, e.g. 2014-09-03")


def timestamp(node: Node, what: str) -> dt.datetime:
    """A local date and time written ``YYYY-MM-DD HH:MM`` (naive; the caller gives the zone)."""
    if isinstance(node.raw, yaml.ScalarNode) and _TIMESTAMP.fullmatch(node.raw.value.strip()):
        try:
            return dt.datetime.fromisoformat(node.raw.value.strip())
        except ValueError:
            pass
    raise node.error(f"{what} must be a local date and time written YYYY-MM-DD HH:MM, e.g. 2014-09-04 00:01")


def sequence(node: Node, what: str) -> list[Node]:
    """The items of a list."""
    if not isinstance(node.raw, yaml.SequenceNode):
        raise node.error(f"{what} must be a list, not {node.kind}")
    return [Node(item, node.path) for item in node.raw.value]


def text_list(node: Node, what: str) -> tuple[str, ...]:
    """A list of texts; a single text is taken as a list of one."""
    if isinstance(node.raw, yaml.ScalarNode) and not node.is_null:
        return (text(node, what),)
    return tuple(text(item, what) for item in sequence(node, what))


def line(node: Node, what: str) -> str:
    """One line of text, spaces trimmed: a name, a salutation, a line of an address.

    Refuses, besides what :func:`text` refuses, an empty value and a line break.
    """
    value = text(node, what).strip()
    if not value:
        raise node.error(f"{what} is empty")
    if LINE_BREAK.search(value):
        raise node.error(f"{what} must be one line", "write several lines as a list")
    return value


def line_list(node: Node, what: str) -> tuple[str, ...]:
    """A list of :func:`line` values (an address); a single line is taken as a list of one."""
    if isinstance(node.raw, yaml.ScalarNode) and not node.is_null:
        return (line(node, what),)
    return tuple(line(item, what) for item in sequence(node, what))


def optional_line(mapping: "Mapping", key: str) -> str:
    """The :func:`line` under ``key`` of ``mapping``, or "" when the key is absent or null."""
    node = mapping.get(key)
    if node is None:
        return ""
    if not text(node, key).strip():
        raise node.error(f"{key} is empty", "leave it out if there is none")
    return line(node, key)


class Mapping:
    """A YAML mapping with text keys, duplicates refused, read key by key."""

    def __init__(self, node: Node, what: str) -> None:
        if not isinstance(node.raw, yaml.MappingNode):
            raise node.error(f"{what} must be a mapping, not {node.kind}")
        self.node = node
        self.what = what
        self._items: dict[str, tuple[Node, Node]] = {}
        for key_raw, value_raw in node.raw.value:
            key = Node(key_raw, node.path)
            if not isinstance(key_raw, yaml.ScalarNode) or key.is_null:
                raise key.error(f"a key in {what} must be text, not {key.kind}")
            name = _checked_text(key, key_raw.value, f"a key in {what}")
            if name in self._items:
                first = self._items[name][0].location
                raise key.error(f"duplicate key '{name}' in {what}", f"first given at line {first.line}")
            self._items[name] = (key, Node(value_raw, node.path))

    @property
    def location(self) -> Location:
        return self.node.location

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> Iterator[tuple[str, Node]]:
        """``(key, value node)`` pairs in file order."""
        return ((k, v) for k, (_, v) in self._items.items())

    def key_node(self, key: str) -> Node:
        """The node of ``key`` itself (for errors about the key)."""
        return self._items[key][0]

    def get(self, key: str) -> Node | None:
        """The value node of ``key``, or None if absent or null."""
        pair = self._items.get(key)
        if pair is None or pair[1].is_null:
            return None
        return pair[1]

    def require(self, key: str) -> Node:
        """The value node of ``key``; a located error if it is absent or empty."""
        value = self.get(key)
        if value is None:
            where = self._items[key][1].location if key in self._items else self.location
            raise LetterforgeError(f"{self.what} is missing '{key}'", where)
        return value

    def check_keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        """Refuse keys not in ``allowed`` (with a did-you-mean) and require ``required``: every unknown and
        every missing key at once, as :class:`~letterforge.errors.Problems`."""
        allowed = list(allowed)
        problems = Problems()
        meant: set[str] = set()  # required keys a misspelt one stands for: reported once, as the misspelling
        for key in self._items:
            if key not in allowed:
                close = suggest(key, allowed)
                meant.update(k for k in allowed if close == suggest(k, [k]))
                problems.add(self.key_node(key).error(f"unknown key '{key}' in {self.what}",
                                                      close or f"expected one of {known_list(allowed)}"))
        for key in required:
            if key not in meant:
                with problems.collecting():
                    self.require(key)
        problems.raise_if_any()
