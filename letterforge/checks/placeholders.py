"""Placeholders: text nobody should send (``TODO``, ``TBC``, ``XX``, ``[...]``, unfilled braces), named by the
field or parameter holding it.

Two readers share one pattern and one way of naming fields: the letter's
blocks (through their provenance and parameter spans, for a selection that
loads) and the selection's YAML itself (for one that does not, so that
``check`` reports its placeholders in the same run as its other problems).
"""

from __future__ import annotations

import re
from typing import Iterator

import yaml

from ..errors import LetterforgeError, Location
from ..letter import Block
from ..load import yamlnodes as y

PLACEHOLDER = re.compile(r"\bTODO\b|\bTBC\b|\bX{2,}\b|\[[^\[\]]*\]|\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}|\{[^{}]*\}")
"""Text nobody should send: ``TODO``, ``TBC``, ``XX``, ``[...]``, unfilled braces."""

HINT = "replace it with the real text"

_FIELD_OF_KIND = {"letterhead": "letterhead", "sender": "from", "date": "date", "recipient": "to",
                  "salutation": "salutation", "copy": "copy_to", "subject": "the inspection's title",
                  "closing": "the layout's closing", "signature": "from"}


def block_field(block: Block, at: int) -> str:
    """The field or parameter that gave the text at ``at`` in ``block``, in a user's words."""
    p = block.provenance
    for span in block.spans:
        if span.start <= at < span.end:
            return f"parameter '{span.name}' of {p.finding}/{p.variant}"
    if p.section == "introduction" and p.finding:
        return f"introduction '{p.finding}'" if p.source == "bespoke" else f"the library's introduction '{p.finding}'"
    if block.kind == "heading" and p.section:
        return f"the title of section '{p.section}'"
    if block.is_finding:
        if p.source == "free":
            return f"free text in section '{p.section}'"
        if p.source == "bespoke":
            return f"the text of finding '{p.finding}'"
        return f"the library's wording of {p.finding}/{p.variant}"
    return _FIELD_OF_KIND.get(block.kind, block.kind)


def selection_placeholders(path: str) -> list[LetterforgeError]:
    """Every placeholder in the values of the selection at ``path``, each at its value, naming its field.

    For a selection that does not load (its letter cannot be built); nothing
    if it cannot even be parsed (that problem is reported already).
    """
    try:
        root = y.load_file(path)
    except LetterforgeError:
        return []
    found = []
    for field, node in _values(root.raw, ()):
        value = node.value
        if isinstance(value, str) and (match := PLACEHOLDER.search(value)):
            mark = node.start_mark
            found.append(LetterforgeError(f"{field} holds the placeholder ‘{match.group()}’",
                                          Location(root.path, mark.line + 1, mark.column + 1), HINT))
    return found


def _values(node: yaml.Node, keys: tuple[str, ...]) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Each scalar value under ``node`` with the name of its field (keys themselves are ids, never printed)."""
    if isinstance(node, yaml.ScalarNode):
        if keys:
            yield _name(keys), node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _values(value, (*keys, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and len(keys) >= 2 and keys[0] == "sections":
                continue  # a finding/variant reference: an id, refused by the loader if it is not one
            yield from _values(item, keys)


def _name(keys: tuple[str, ...]) -> str:
    """``to.name``, ``copy_to``, ``parameter 'trained' of crime-prevention-training/delivered`` …"""
    if keys[0] == "sections" and len(keys) >= 3:
        section, rest = keys[1], [k for k in keys[2:] if k != "findings"]
        if rest == ["title"]:
            return f"the title of section '{section}'"
        if rest == ["text"]:
            return f"free text in section '{section}'"
        if len(rest) == 2 and rest[1] == "text":
            return f"the text of finding '{rest[0].partition('/')[0]}'"
        if len(rest) == 2:
            return f"parameter '{rest[1]}' of {rest[0]}"
    if keys[0] == "introduction" and len(keys) == 2:
        return f"introduction '{keys[1]}'"
    return ".".join(keys)
