"""A selection as a YAML language server sees it: YAML 1.2's core schema, as JSON values.

yaml-language-server (through the ``yaml`` npm package) resolves plain scalars
by the YAML 1.2 core schema: ``2014-09-03`` and ``yes`` stay strings, ``500``
and ``+500`` are integers, ``true``/``false`` booleans, ``~``/``null``/empty
nothing.  Quoted and block scalars are always strings.  The tests validate this
view with :mod:`jsonschema`, so that they see what an editor sees, not what
PyYAML (YAML 1.1) would construct.  Parsing goes through letterforge's own safe
composer: no object is constructed.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from letterforge.load.yamlparse import compose

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


def scalar(value: str, plain: bool) -> Any:
    """A scalar's JSON value by the YAML 1.2 core schema (a quoted or block scalar is a string)."""
    if not plain:
        return value
    if _NULL.fullmatch(value):
        return None
    if _TRUE.fullmatch(value):
        return True
    if _FALSE.fullmatch(value):
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.fullmatch(value):
        return math.nan
    return value


def to_json(node: yaml.Node) -> Any:
    """The JSON value of a composed YAML node, as a YAML 1.2 editor reads it (mapping keys as strings)."""
    if isinstance(node, yaml.MappingNode):
        return {str(to_json(k)) if not isinstance(k, yaml.ScalarNode) else k.value: to_json(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [to_json(item) for item in node.value]
    return scalar(node.value, not node.style)


def editor_view(source: str) -> Any:
    """The selection text ``source`` as an editor's JSON value."""
    node = compose(source)
    return None if node is None else to_json(node)
