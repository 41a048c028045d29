"""Safe YAML parsing: a file's bytes in, PyYAML's located node tree out, or a located error.

Only the YAML *composer* runs: no Python object is ever constructed from a
tag, and every node keeps its line and column.  libyaml parses when PyYAML
has it (eight times faster); the pure-Python parser words the errors.
Refused wherever they appear, each at its place: aliases (``*name``: every
reader would expand them, so a few lines could make it walk billions of
nodes), more than :data:`MAX_NODES` values, tags other than plain YAML,
control characters other than tab and line breaks, bidirectional overrides
and lone surrogates (so no message ever prints them to a terminal).
:mod:`letterforge.load.yamlnodes` wraps the tree in typed, located readers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Protocol

import yaml

from ..errors import UNSAFE_CHARACTERS, LetterforgeError, LimitExceeded, Location, control_error
from .inputs import decode_utf8

PLAIN_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {PLAIN_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

CONTROL = UNSAFE_CHARACTERS
"""Refused in any text (see :data:`letterforge.errors.UNSAFE_CHARACTERS`)."""

LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Whatever YAML or Python (``str.splitlines``) reads as the end of a line."""

MAX_NODES = 20_000
"""The most values (scalars, lists, mappings) one file may hold: a selection has a few hundred."""


class _Refused(Exception):
    """Raised inside the composer; :func:`parse_bytes` turns it into a located error."""

    def __init__(self, message: str, event: yaml.Event | None, hint: str, *, limit: bool = False) -> None:
        super().__init__(message)
        self.message, self.event, self.hint, self.limit = message, event, hint, limit

    def location(self, shown: str) -> Location:
        """Where the refused value starts in the file shown as ``shown``."""
        mark = self.event.start_mark if self.event is not None else None
        return Location(shown, mark.line + 1, mark.column + 1) if mark is not None else Location(shown)


class _Composes(Protocol):
    """What composes one document: each loader here, guarded or not."""

    def get_single_node(self) -> yaml.Node | None:
        """The document's root node (None for an empty stream)."""

    def dispose(self) -> None:
        """Let go of the stream and parser state."""


class _Guarded(yaml.composer.Composer):
    """Composer rules for both parsers: no aliases, at most :data:`MAX_NODES` nodes.

    Put before the parser in a loader's bases: the parser supplies the events.
    """

    nodes = 0

    if TYPE_CHECKING:  # what the parser beside it supplies
        def peek_event(self) -> yaml.Event | None:
            """The next event, not taken."""

        def dispose(self) -> None:
            """Let go of the stream and parser state."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not accepted", event, "write the value out in full")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(f"too many values in one file (the limit is {MAX_NODES:,})", event,
                           "a selection holds a few hundred, a library file a few thousand", limit=True)
        return super().compose_node(parent, index)


class _ComposeOnlyLoader(_Guarded, yaml.SafeLoader):
    """A SafeLoader used only to compose node trees; it never constructs objects.

    Pure Python: its messages are the ones users see for invalid YAML.
    """


_FastComposer: Callable[[str], _Guarded] | None
_TreeComposer: Callable[[str], _Composes] | None = None
try:
    from yaml._yaml import CParser  # where yaml.cyaml takes it from
except ImportError:  # PyYAML built without libyaml: the pure parser does it all
    _FastComposer = None
else:

    class _LibyamlComposer(_Guarded, yaml.resolver.Resolver, CParser):
        """libyaml's scanner and parser under PyYAML's own composer and resolver.

        The same nodes, tags and marks as :class:`_ComposeOnlyLoader`, about
        eight times faster.  Composing stays in Python, so deep nesting ends in
        a RecursionError rather than overflowing the C stack.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastComposer = _LibyamlComposer

    class _LibyamlTree(yaml.resolver.Resolver, CParser):
        """libyaml composing in C (PyYAML's resolver still tags each scalar): the fastest way to a tree.

        It has no guards, so :func:`compose` uses it only where libyaml bounds
        the nesting (as 0.2.5 and later do, so the C composer's recursion is
        bounded) and checks its tree before trusting it.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)

    _TreeComposer = _LibyamlTree


def compose(source: str) -> yaml.Node | None:
    """The node tree of ``source``; invalid YAML raises PyYAML's own (pure Python) error.

    libyaml composes the tree in C where it can be trusted to (see
    :class:`_LibyamlTree`); a tree with an alias or too many values, or
    invalid YAML, is composed again by the guarded composers, which refuse it
    at its place or word the problem.
    """
    if _TreeComposer is not None and _nesting_is_bounded():
        try:
            tree = _compose_with(_TreeComposer(source))
        except yaml.YAMLError:
            tree = None
        else:
            if tree is None or _plain_tree(tree):
                return tree
    if _FastComposer is not None:
        try:
            return _compose_with(_FastComposer(source))
        except yaml.YAMLError:
            pass  # parse again below for PyYAML's wording of the problem
    return _compose_with(_ComposeOnlyLoader(source))


@lru_cache(maxsize=1)
def _nesting_is_bounded() -> bool:
    """Whether libyaml refuses deep nesting itself (tried once, on a thousand and one brackets)."""
    assert _TreeComposer is not None
    try:
        _compose_with(_TreeComposer("[" * 1001 + "]" * 1001))
    except yaml.YAMLError:
        return True
    return False


def _plain_tree(root: yaml.Node) -> bool:
    """True when no node of ``root`` is reached twice (an alias) and there are at most :data:`MAX_NODES`.

    Walks each node once at most: an alias stops the walk where it is met.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or len(seen) >= MAX_NODES:
            return False
        seen.add(id(node))
        stack.extend(_children(node))
    return True


def _children(node: yaml.Node) -> list[yaml.Node]:
    """The nodes right below ``node``: a mapping's keys and values, a list's items, nothing below a scalar."""
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _compose_with(loader: _Composes) -> yaml.Node | None:
    """What ``yaml.compose`` does with a loader class, for these loaders (its stub names PyYAML's own only)."""
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_bytes(data: bytes, shown: str) -> yaml.Node:
    """The node tree of the YAML in ``data``; ``shown`` is the path used in error locations.

    Raises a located error for bytes that are not UTF-8, a refused character,
    invalid YAML, several documents, aliases, too many values, a tag outside
    plain YAML, or an empty file.  A UTF-8 byte-order mark and CRLF line
    endings are accepted.
    """
    source = decode_utf8(data, shown)
    if bad := CONTROL.search(source):
        raise control_error(bad.group(), _location_in(source, bad.start(), shown))
    try:
        raw = compose(source)
    except _Refused as e:
        raise (LimitExceeded if e.limit else LetterforgeError)(e.message, e.location(shown), e.hint) from None
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
    _check_tags(raw, shown)
    return raw


def _location_in(source: str, index: int, shown: str) -> Location:
    line = source.count("\n", 0, index) + 1
    return Location(shown, line, index - (source.rfind("\n", 0, index) + 1) + 1)


def _check_tags(root: yaml.Node, shown: str) -> None:
    """Refuse any tag outside plain YAML (``!!python/object``, ``!include``, merge keys …)."""
    stack = [root]  # a tree: aliases, the only way a node is reached twice, were refused while composing
    while stack:
        raw = stack.pop()
        if raw.tag not in _ALLOWED_TAGS:
            tag = raw.tag.replace(PLAIN_TAG, "!!")
            mark = raw.start_mark
            raise LetterforgeError(f"unsupported YAML tag '{tag}'", Location(shown, mark.line + 1, mark.column + 1),
                                   "only plain YAML values are read")
        stack.extend(_children(raw))
