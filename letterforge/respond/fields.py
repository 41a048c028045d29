"""Edits of a selection's head fields, on ruamel.yaml's round-trip tree: set, remove or insert one field.

A field is named by a path as :mod:`.head` writes it: ``date``,
``salutation``, ``lead_in``, ``to.name``, ``to.position``, ``to.letters``,
``to.address[1]``, ``copy_to[0]``, ``copy_to[0].name``,
``copy_to[0].position``.  ``None`` as a value removes the field (a key, or an
item of a list).  A copy-to entry written short (``"Name, Position"``) stays
short.  Every function raises :class:`FieldError` (a ``ValueError``) for a
path or a value that does not fit the selection as it now stands.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

_PATH = re.compile(r"^(?P<top>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<key>[a-z_]+))?$")
TO_KEYS = ("name", "position", "letters")
COPY_KEYS = ("name", "position")


class FieldError(ValueError):
    """A field path or value that does not fit the selection."""


def field_order(path: str) -> tuple[str, int]:
    """The list a path indexes and its index (``("to.address", 1)``), or the path and -1: to order edits."""
    found = _PATH.match(path)
    if found is None or found["index"] is None:
        return path, -1
    top = "to.address" if found["top"] == "to" or path.startswith("to.address") else found["top"]
    return top, int(found["index"])


def set_field(data: CommentedMap, path: str, value: Any) -> None:
    """Set the field at ``path`` to ``value`` (None: remove it)."""
    if path == "date":
        data["date"] = dt.date.fromisoformat(str(value))
    elif path == "salutation":
        data["salutation"] = _line(value, path)
    elif path == "lead_in":
        if not isinstance(value, bool):
            raise FieldError(f"lead_in is true or false, not {value!r}")
        data["lead_in"] = value
    elif path.startswith("to."):
        _set_recipient(data, path[3:], value)
    elif path.startswith("copy_to["):
        _set_copy(data, path, value)
    else:
        raise FieldError(f"letterforge cannot set '{path}'")


def remove_field(data: CommentedMap, path: str) -> None:
    """Remove an address line (``to.address[1]``) or a copy-to entry (``copy_to[0]``)."""
    set_field(data, path, None)


def insert_field(data: CommentedMap, path: str, index: int, value: Any) -> None:
    """Insert ``value`` at ``index`` of the list at ``path`` (``to.address``), making the list if there is none."""
    if path != "to.address":
        raise FieldError(f"letterforge cannot add to '{path}'")
    to = _recipient(data)
    address = to.get("address")
    if address is None:
        address = to["address"] = CommentedSeq()
    elif isinstance(address, str):
        address = to["address"] = CommentedSeq([address])
    if not isinstance(address, list) or not 0 <= index <= len(address):
        raise FieldError(f"cannot add an address line at place {index + 1}")
    address.insert(index, _line(value, "an address line"))


def _set_recipient(data: CommentedMap, rest: str, value: Any) -> None:
    to = _recipient(data)
    if rest in TO_KEYS:
        if value is None:
            if rest == "name":
                raise FieldError("a letter must have a recipient's name")
            to.pop(rest, None)
        else:
            to[rest] = _line(value, f"to.{rest}")
        return
    found = re.fullmatch(r"address\[(\d+)\]", rest)
    if found is None:
        raise FieldError(f"letterforge cannot set 'to.{rest}'")
    index = int(found[1])
    address = to.get("address")
    if isinstance(address, str) and index == 0:
        if value is None:
            del to["address"]
        else:
            to["address"] = _line(value, "an address line")
        return
    if not isinstance(address, list) or not 0 <= index < len(address):
        raise FieldError(f"the recipient has no address line {index + 1}")
    if value is None:
        del address[index]
        if not address:
            del to["address"]
    else:
        address[index] = _line(value, "an address line")


def _recipient(data: CommentedMap) -> CommentedMap:
    to = data.get("to")
    if not isinstance(to, CommentedMap):
        raise FieldError("the selection's to: is not a mapping")
    return to


def _set_copy(data: CommentedMap, path: str, value: Any) -> None:
    found = _PATH.match(path)
    copies = data.get("copy_to")
    if found is None or not isinstance(copies, list):
        raise FieldError(f"the selection has no {path}")
    index, key = int(found["index"]), found["key"]
    if not 0 <= index < len(copies):
        raise FieldError(f"the selection has no copy_to entry {index + 1}")
    if key is None:
        if value is not None:
            raise FieldError(f"{path} can only be removed")
        del copies[index]
        if not copies:
            del data["copy_to"]
        return
    if key not in COPY_KEYS:
        raise FieldError(f"letterforge cannot set '{path}'")
    entry = copies[index]
    if isinstance(entry, str):
        name, _, position = entry.partition(",")
        parts = {"name": name.strip(), "position": position.strip()}
        parts[key] = "" if value is None else _line(value, path)
        if not parts["name"]:
            raise FieldError("a copy-to entry must name someone")
        copies[index] = f"{parts['name']}, {parts['position']}" if parts["position"] else parts["name"]
    elif isinstance(entry, CommentedMap):
        if value is None:
            if key == "name":
                raise FieldError("a copy-to entry must name someone")
            entry.pop(key, None)
        else:
            entry[key] = _line(value, path)
    else:
        raise FieldError(f"copy_to entry {index + 1} is neither 'Name, Position' nor a mapping")


def _line(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        raise FieldError(f"{what} must be one line of text, not {value!r}")
    return value
