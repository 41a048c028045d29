"""A library phrasing turned into a pattern that recovers its parameters from a letter's text.

``The force has already provided formal crime prevention training to
{{ trained }} officers and staff …`` becomes a regular expression with one
named group per place a parameter is printed, shaped by the parameter's type
(``1,500`` for an integer, ``3 September 2014`` for a date, one of the choices
for a choice, any text for text); ``{% if %}`` blocks become alternatives.  A
match is only a candidate: its values are typed, checked against their
declarations (:meth:`~letterforge.load.params.Param.problem`) and the phrasing is
rendered again with them, and only a rendering equal to the text counts.  So a
match is exact by construction: the selection written from it renders the same
words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from jinja2 import nodes

from ..errors import LetterforgeError
from ..load.params import Param, ParamValue
from ..language.phrasing import Phrasing, environment, fold, format_value

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TYPE_PATTERNS = {
    "integer": r"\d{1,3}(?:,\d{3})+|\d+",
    "date": rf"\d{{1,2}} (?:{_MONTHS}) \d{{4}}",
    "text": r".+?",
}


class Unsupported(Exception):
    """The phrasing uses Jinja2 beyond printed names, constants and ``{% if %}``: no pattern for it."""


@dataclass(frozen=True)
class Pattern:
    """A compiled phrasing: ``match(text)`` gives the parameter values that render exactly ``text``."""

    phrasing: Phrasing
    params: Mapping[str, Param]
    fixed: Mapping[str, Any]
    regex: re.Pattern[str]
    groups: Mapping[str, str]
    """Regex group name -> parameter name (a parameter printed twice has two groups)."""
    settings: Mapping[str, tuple[str, Any]]
    """Marker group name -> (parameter, value) that taking that ``{% if x == … %}`` branch implies."""
    literal: int
    """How many characters of the phrasing are its own words (not parameters): a longer one is more specific."""

    def match(self, text: str) -> dict[str, ParamValue] | None:
        """The parameter values with which the phrasing renders exactly ``text`` (folded), or None."""
        found = self.regex.fullmatch(text)
        if found is None:
            return None
        values: dict[str, ParamValue] = {}
        for group, name in self.groups.items():
            raw = found.group(group)
            if raw is None:
                continue
            value = _typed(raw, self.params[name])
            if value is None or values.setdefault(name, value) != value:
                return None
        for group, (name, value) in self.settings.items():
            if found.group(group) is not None and values.setdefault(name, value) != value:
                return None
        for name, param in self.params.items():
            if name in values:
                if param.problem(values[name]):
                    return None
            elif param.required:
                return None
        try:
            rendered = self.phrasing.render({**{n: None for n in self.params}, **self.fixed, **values})
        except LetterforgeError:
            return None
        return values if rendered == text else None


def compile_pattern(phrasing: Phrasing, params: Mapping[str, Param],
                    fixed: Mapping[str, Any] | None = None) -> Pattern | None:
    """The pattern of ``phrasing``; ``fixed`` values (an introduction's title, embargo) are printed as they render.

    Returns None when the phrasing uses something a pattern cannot undo (a
    filter, arithmetic, a loop): such a variant is never matched exactly, only
    by likeness.
    """
    fixed = dict(fixed or {})
    builder = _Builder(params, fixed)
    try:
        regex = builder.sequence(environment().parse(phrasing.source).body)
    except Unsupported:
        return None
    return Pattern(phrasing, params, fixed, re.compile(regex, re.DOTALL), builder.groups, builder.settings,
                   builder.literal)


def _typed(raw: str, param: Param) -> ParamValue | None:
    if param.type == "integer":
        return int(raw.replace(",", ""))
    if param.type == "date":
        try:
            return dt.datetime.strptime(raw, "%d %B %Y").date()
        except ValueError:
            return None
    return raw


_SPACE = object()
"""A run of whitespace in the phrasing: one space once folded, or none beside an optional part."""


@dataclass(frozen=True)
class _Optional:
    """The regex of an ``{% if %}`` block: it may render as nothing, so the spaces beside it may fold away."""

    regex: str


class _Builder:
    """Walks a phrasing's Jinja2 syntax tree and writes its regular expression."""

    def __init__(self, params: Mapping[str, Param], fixed: Mapping[str, Any]) -> None:
        self.params, self.fixed = params, fixed
        self.groups: dict[str, str] = {}
        self.settings: dict[str, tuple[str, Any]] = {}
        self.literal = 0

    def sequence(self, body: list[nodes.Node]) -> str:
        """The regex of a list of template nodes, whitespace folded as :func:`~letterforge.language.phrasing.fold` does."""
        atoms: list[Any] = []
        for node in body:
            atoms.extend(self._atoms(node))
        out = []
        for i, atom in enumerate(atoms):
            if atom is _SPACE:
                if i and atoms[i - 1] is _SPACE:
                    continue
                beside_optional = any(isinstance(a, _Optional) for a in atoms[max(i - 1, 0):i + 2])
                at_edge = i == 0 or i == len(atoms) - 1
                out.append(" ?" if beside_optional or at_edge else " ")
            elif isinstance(atom, _Optional):
                out.append(atom.regex)
            else:
                out.append(atom)
        return "".join(out)

    def _atoms(self, node: nodes.Node) -> list[Any]:
        if isinstance(node, nodes.Output):
            return [atom for child in node.nodes for atom in self._atoms(child)]
        if isinstance(node, nodes.TemplateData):
            return self._text(node.data)
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return self._text(node.value)
        if isinstance(node, nodes.Name):
            return self._name(node.name)
        if isinstance(node, nodes.If):
            return [self._if(node)]
        raise Unsupported(type(node).__name__)

    def _text(self, text: str) -> list[Any]:
        atoms: list[Any] = []
        for piece in re.split(r"([ \t\r\n]+)", text):
            if not piece:
                continue
            if piece.isspace():
                atoms.append(_SPACE)
            else:
                atoms.append(re.escape(piece))
                self.literal += len(piece)
        return atoms

    def _name(self, name: str) -> list[Any]:
        if name in self.fixed:
            return self._text(str(format_value(self.fixed[name])))
        param = self.params.get(name)
        if param is None:
            raise Unsupported(name)
        group = f"g{len(self.groups)}"
        self.groups[group] = name
        if param.type == "choice":
            shape = "|".join(re.escape(c) for c in sorted(param.choices, key=len, reverse=True))
        else:
            shape = _TYPE_PATTERNS.get(param.type, _TYPE_PATTERNS["text"])
        return [f"(?P<{group}>{shape})"]

    def _if(self, node: nodes.If) -> "_Optional":
        branches = [self._branch(node)]
        for elif_ in node.elif_:
            branches.append(self._branch(elif_))
        branches.append(self.sequence(node.else_))
        return _Optional("(?:" + "|".join(branches) + ")")

    def _branch(self, node: nodes.If) -> str:
        """One ``{% if %}`` branch; a test ``x == 'value'`` marks that taking it sets ``x``."""
        test = node.test
        marker = ""
        if (isinstance(test, nodes.Compare) and isinstance(test.expr, nodes.Name) and len(test.ops) == 1
                and test.ops[0].op == "eq" and isinstance(test.ops[0].expr, nodes.Const)):
            marker = f"m{len(self.settings)}"
            self.settings[marker] = (test.expr.name, test.ops[0].expr.value)
            marker = f"(?P<{marker}>)"
        return marker + self.sequence(node.body)


def skeleton(phrasing: Phrasing, params: Iterable[str], fixed: Mapping[str, Any], gap: str) -> str:
    """The phrasing with every parameter in ``params`` printed as ``gap`` (optional parts included).

    Used to measure how alike a reworded paragraph is to a variant without
    counting the parameters' own words; see :func:`letterforge.extract.match.likeness`.
    """
    try:
        return phrasing.render({**{name: gap for name in params}, **fixed})
    except LetterforgeError:
        return fold(phrasing.source)
