"""Safe, located YAML: parse a file into nodes that remember where they came from.

Only the YAML *composer* runs (``yaml.compose`` with a private SafeLoader
subclass): no Python object is ever constructed from a tag, and every value
keeps its line and column.  Aliases (``*name``) are refused where they are
written: every reader would expand them, so a few lines could make it walk
billions of nodes.  Control characters (other than tab and line breaks) and
bidirectional overrides are refused wherever they appear, so no message ever
prints them to a terminal.
The typed readers (:func:`text`, :func:`integer`, :class:`Mapping` …) turn nodes
into plain values or raise a :class:`~letterforge.errors.LetterforgeError`
pointing at the offending node.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from .errors import LetterforgeError, Location, display_path
from .inputs import decode_utf8, read_bytes
from .names import known_list, suggest

MAX_FILE_BYTES = 2_000_000
"""Selections and library files are small; anything larger is refused unread."""

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
MAX_TEXT_CHARS = 10_000
"""The longest text value read (a long paragraph is about a thousand characters)."""

MAX_DIGITS = 15
"""The most digits a whole number may have."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
"""Refused in any text: C0 and C1 controls except tab, line feed and carriage return; bidirectional
embeddings, overrides and isolates (text that displays other than it reads); surrogates and U+FFFE/U+FFFF,
which a ``"\\ud800"`` escape can make but no letter (UTF-8 or Word's XML) can hold."""


MAX_NODES = 20_000
"""The most values (scalars, lists, mappings) one file may hold: a selection has a few hundred."""


class _Refused(Exception):
    """Raised inside the composer; :func:`load_bytes` turns it into a located error."""

    def __init__(self, message: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


class _Guarded:
    """Composer rules for both parsers: no aliases, at most :data:`MAX_NODES` nodes."""

    nodes = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not accepted", event.start_mark, "write the value out in full")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(f"too many values in one file (the limit is {MAX_NODES:,})", event.start_mark,
                           "a selection holds a few hundred, a library file a few thousand")
        return super().compose_node(parent, index)  # type: ignore[misc]


class _ComposeOnlyLoader(_Guarded, yaml.SafeLoader):
    """A SafeLoader used only to compose node trees; it never constructs objects.

    Pure Python: its messages are the ones users see for invalid YAML.
    """


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure parser does it all
    CParser = None


if CParser is not None:

    class _FastComposer(_Guarded, yaml.composer.Composer, yaml.resolver.Resolver, CParser):
        """libyaml's scanner and parser under PyYAML's own composer and resolver.

        The same nodes, tags and marks as :class:`_ComposeOnlyLoader`, about
        eight times faster.  Composing stays in Python, so deep nesting ends in
        a RecursionError rather than overflowing the C stack.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _compose(source: str) -> yaml.Node | None:
    """The node tree of ``source``; invalid YAML raises PyYAML's own (pure Python) error."""
    if CParser is not None:
        try:
            return yaml.compose(source, Loader=_FastComposer)
        except yaml.YAMLError:
            pass  # parse again below for PyYAML's wording of the problem
    return yaml.compose(source, Loader=_ComposeOnlyLoader)


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
        tag = self.raw.tag.removeprefix(_TAG)
        return {"int": "a number", "float": "a decimal number", "bool": "true/false", "null": "nothing",
                "timestamp": "a date"}.get(tag, "text")

    @property
    def is_null(self) -> bool:
        """True for an empty value or ``null``/``~``."""
        return isinstance(self.raw, yaml.ScalarNode) and self.raw.tag == _TAG + "null"

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
    """Compose YAML from ``data``; ``shown`` is the path used in error locations."""
    source = decode_utf8(data, shown)
    if bad := _CONTROL.search(source):
        raise _control_error(bad.group(), _location_in(source, bad.start(), shown))
    try:
        raw = _compose(source)
    except _Refused as e:
        raise LetterforgeError(e.message, Location(shown, e.mark.line + 1, e.mark.column + 1), e.hint) from None
    except yaml.reader.ReaderError as e:
        raise LetterforgeError(f"invalid YAML: the character U+{e.character:04X} is not allowed",
                               _location_in(source, e.position, shown)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problem = e.problem or e.context or "invalid YAML"
        hint = None
        if e.problem and e.context and e.context_mark:
            hint = f"{e.context} at line {e.context_mark.line + 1}, column {e.context_mark.column + 1}"
        raise LetterforgeError(f"invalid YAML: {problem}", loc, hint) from None
    except yaml.YAMLError as e:
        raise LetterforgeError(f"invalid YAML: {e}", Location(shown)) from None
    except RecursionError:
        raise LetterforgeError("invalid YAML: nested too deeply", Location(shown)) from None
    if raw is None:
        raise LetterforgeError("file is empty", Location(shown, 1, 1), "see examples/kent.yaml for a selection")
    node = Node(raw, shown)
    _check_tags(node)
    return node


def _location_in(source: str, index: int, shown: str) -> Location:
    line = source.count("\n", 0, index) + 1
    return Location(shown, line, index - (source.rfind("\n", 0, index) + 1) + 1)


def _control_error(character: str, location: Location | None, what: str = "the file") -> LetterforgeError:
    kind = "control character" if unicodedata.category(character) == "Cc" else "character"
    return LetterforgeError(f"{what} contains the {kind} U+{ord(character):04X}", location, "remove it")


def _checked_text(node: Node, value: str, what: str) -> str:
    """``value`` if it holds no control character and is not too long, else an error at ``node``."""
    if bad := _CONTROL.search(value):
        raise _control_error(bad.group(), node.location, what)
    if len(value) > MAX_TEXT_CHARS:
        raise node.error(f"{what} is too long ({len(value):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return value


def _check_tags(root: Node) -> None:
    """Refuse any tag outside plain YAML (``!!python/object``, ``!include``, merge keys …)."""
    seen: set[int] = set()
    stack = [root.raw]
    while stack:
        raw = stack.pop()
        if id(raw) in seen:
            continue
        seen.add(id(raw))
        if raw.tag not in _ALLOWED_TAGS:
            tag = raw.tag.replace(_TAG, "!!")
            raise Node(raw, root.path).error(f"unsupported YAML tag '{tag}'", "only plain YAML values are read")
        if isinstance(raw, yaml.MappingNode):
            for k, v in raw.value:
                stack.extend((k, v))
        elif isinstance(raw, yaml.SequenceNode):
            stack.extend(raw.value)


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
    """A whole number of at most :data:`MAX_DIGITS` digits."""
    if isinstance(node.raw, yaml.ScalarNode) and node.raw.tag == _TAG + "int":
        if len(node.raw.value.replace("_", "").lstrip("+-")) > MAX_DIGITS:
            raise node.error(f"{what} is too large (at most {MAX_DIGITS} digits)")
        try:
            return int(node.raw.value.replace("_", ""), 0)
        except ValueError:
            pass
    raise node.error(f"{what} must be a whole number, not {node.kind}")


def boolean(node: Node, what: str) -> bool:
    """``true`` or ``false``."""
    if isinstance(node.raw, yaml.ScalarNode) and node.raw.tag == _TAG + "bool":
        return node.raw.value.lower() in ("true", "yes", "on", "y")
    raise node.error(f"{what} must be true or false, not {node.kind}")


def date(node: Node, what: str) -> dt.date:
    """A calendar date written ``YYYY-MM-DD``."""
    if isinstance(node.raw, yaml.ScalarNode) and not node.is_null:
        try:
            return dt.date.fromisoformat(node.raw.value.strip())
        except ValueError:
            pass
    raise node.error(f"{what} must be a date written YYYY-MM-DD, e.g. 2014-09-03")


def timestamp(node: Node, what: str) -> dt.datetime:
    """A local date and time written ``YYYY-MM-DD HH:MM`` (naive; the caller gives the zone)."""
    if isinstance(node.raw, yaml.ScalarNode) and not node.is_null:
        try:
            value = dt.datetime.fromisoformat(node.raw.value.strip())
            if value.tzinfo is None:
                return value
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
        """Refuse keys not in ``allowed`` (with a did-you-mean) and require ``required``."""
        allowed = list(allowed)
        for key in self._items:
            if key not in allowed:
                hint = suggest(key, allowed) or f"expected one of {known_list(allowed)}"
                raise self.key_node(key).error(f"unknown key '{key}' in {self.what}", hint)
        for key in required:
            self.require(key)
