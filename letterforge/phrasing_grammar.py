"""What a library phrasing may contain: its parameters by name, conditions, and a few filters.

A phrasing is a sentence with blanks, not a program.  Only these constructs
are accepted, so the work of filling one is proportional to its length: no
loops, calls, arithmetic, attribute access or assignments, hence no phrasing
can hang a render, build a gigabyte string, or reach into Python.  The
sandbox in :mod:`letterforge.phrasing` stays underneath as a second wall.

Layouts (``templates/*.j2``) are the house's own templates and are not held
to this grammar.
"""

from __future__ import annotations

from jinja2 import nodes

from .errors import LetterforgeError, Location

ALLOWED_FILTERS = frozenset({"capitalize", "default", "d", "lower", "title", "trim", "upper"})
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "number", "string", "sameas"})

_ALLOWED = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.Name, nodes.Const,
    nodes.CondExpr, nodes.And, nodes.Or, nodes.Not, nodes.Compare, nodes.Operand, nodes.Concat,
    nodes.Filter, nodes.Test, nodes.List, nodes.Tuple,
)

_DESCRIPTIONS: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.For, "a {% for %} loop"),
    (nodes.Macro, "a {% macro %}"),
    (nodes.CallBlock, "a {% call %} block"),
    (nodes.FilterBlock, "a {% filter %} block"),
    (nodes.Call, "a call"),
    (nodes.Assign, "{% set %}"),
    (nodes.AssignBlock, "{% set %}"),
    (nodes.With, "{% with %}"),
    (nodes.Block, "a {% block %}"),
    (nodes.Extends, "{% extends %}"),
    (nodes.Include, "{% include %}"),
    (nodes.Import, "{% import %}"),
    (nodes.FromImport, "{% import %}"),
    (nodes.BinExpr, "arithmetic"),
    (nodes.UnaryExpr, "arithmetic"),
    (nodes.Slice, "slicing"),
    (nodes.Dict, "a dictionary"),
)

GRAMMAR_HINT = ("a phrasing may use {{ name }}, {% if %}, comparisons "
                "and the filters " + ", ".join(sorted(ALLOWED_FILTERS - {"d"})))


def check_grammar(template: nodes.Template, location: Location) -> None:
    """Raise a located error for the first construct of ``template`` a phrasing may not use.

    ``location`` is where the phrasing's text starts; the error points at the
    line inside the text where the construct is.
    """
    stack: list[nodes.Node] = [template]
    while stack:
        node = stack.pop()
        refusal = _refusal(node)
        if refusal is not None:
            line = location.line + (node.lineno - 1 if node.lineno else 0)
            raise LetterforgeError(f"a phrasing may not use {refusal}", Location(location.path, line, location.column),
                                   GRAMMAR_HINT)
        stack.extend(node.iter_child_nodes())


def _refusal(node: nodes.Node) -> str | None:
    """What is wrong with ``node`` in a user's words, or None if a phrasing may use it."""
    if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
        return f"the filter '{node.name}'"
    if isinstance(node, nodes.Test) and node.name not in ALLOWED_TESTS:
        return f"the test '{node.name}'"
    if isinstance(node, nodes.Getattr):
        return f"attribute access ('.{node.attr}')"
    if isinstance(node, nodes.Getitem):
        return "indexing ('[…]')"
    if isinstance(node, _ALLOWED):
        return None
    for kind, description in _DESCRIPTIONS:
        if isinstance(node, kind):
            return description
    return f"'{type(node).__name__}'"
