"""Typed parameters of a variant: how they are declared in the library and read from a selection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from . import yamlnodes as y
from ..errors import Location
from .names import known_list

PARAM_TYPES = ("text", "integer", "date", "choice")

ParamValue = str | int | dt.date


@dataclass(frozen=True)
class Param:
    """One declared parameter: its type, constraints and help for the person filling it in."""

    name: str
    type: str
    location: Location
    required: bool = True
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    example: str | None = None

    def read(self, node: y.Node) -> ParamValue:
        """The value a selection gives for this parameter, checked against type and constraints."""
        what = f"parameter '{self.name}'"
        if self.type == "integer":
            value: ParamValue = y.integer(node, what)
        elif self.type == "date":
            value = y.date(node, what)
        else:
            value = y.text(node, what).strip()
        problem = self.problem(value)
        if problem:
            raise node.error(problem)
        return value

    def problem(self, value: ParamValue) -> str | None:
        """What is wrong with an already typed ``value`` (a bound or a choice broken, empty text), or None."""
        what = f"parameter '{self.name}'"
        if self.type == "integer" and isinstance(value, int):
            if self.minimum is not None and value < self.minimum:
                return f"{what} must be at least {self.minimum}, not {value}"
            if self.maximum is not None and value > self.maximum:
                return f"{what} must be at most {self.maximum}, not {value}"
        elif isinstance(value, str):
            if not value.strip():
                return f"{what} is empty"
            if self.type == "choice" and value not in self.choices:
                return f"{what} must be one of {known_list(self.choices)}, not '{value}'"
        return None

    def sample(self) -> ParamValue:
        """A valid value of this parameter, to read a phrasing without a selection (the text ones show the name)."""
        if self.type == "integer":
            value = 1 if self.minimum is None else self.minimum
            return value if self.maximum is None else min(value, self.maximum)
        if self.type == "date":
            return dt.date(2000, 1, 1)
        if self.type == "choice":
            return self.choices[0]
        return self.name

    def describe(self) -> str:
        """A one-line summary: ``integer, at least 1 — officers and staff trained``."""
        parts = [self.type]
        if self.type == "choice":
            parts.append("one of " + known_list(self.choices))
        if self.minimum is not None:
            parts.append(f"at least {self.minimum}")
        if self.maximum is not None:
            parts.append(f"at most {self.maximum}")
        if not self.required:
            parts.append("optional")
        summary = ", ".join(parts)
        return f"{summary} — {self.help}" if self.help else summary


def read_param(name: str, node: y.Node) -> Param:
    """Read a parameter declaration: ``{type: integer, min: 1, help: …}`` or just ``text``."""
    if not isinstance(node.raw, yaml.MappingNode):
        kind = y.text(node, f"the type of parameter '{name}'")
        spec: dict[str, Any] = {"type": kind}
        type_node = node
    else:
        m = y.Mapping(node, f"parameter '{name}'")
        m.check_keys(("type", "required", "min", "max", "choices", "help", "example"), required=("type",))
        type_node = m.require("type")
        spec = {"type": y.text(type_node, "type")}
        if (v := m.get("required")) is not None:
            spec["required"] = y.boolean(v, "required")
        if (v := m.get("min")) is not None:
            spec["minimum"] = y.integer(v, "min")
        if (v := m.get("max")) is not None:
            spec["maximum"] = y.integer(v, "max")
        if (v := m.get("choices")) is not None:
            spec["choices"] = y.text_list(v, "choices")
        if (v := m.get("help")) is not None:
            spec["help"] = y.text(v, "help")
        if (v := m.get("example")) is not None:
            spec["example"] = y.text(v, "example")
    if spec["type"] not in PARAM_TYPES:
        raise type_node.error(f"unknown parameter type '{spec['type']}'", f"expected one of {known_list(PARAM_TYPES)}")
    if spec["type"] == "choice" and not spec.get("choices"):
        raise node.error(f"parameter '{name}' is a choice but lists no choices")
    if spec.get("minimum") is not None and spec.get("maximum") is not None and spec["minimum"] > spec["maximum"]:
        raise node.error(f"parameter '{name}' has min {spec['minimum']} above max {spec['maximum']}",
                         "no value could satisfy both")
    return Param(name=name, location=node.location, **spec)

