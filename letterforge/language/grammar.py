"""What library phrasings and layouts may contain: a small grammar, checked before anything runs.

A phrasing is a sentence with blanks, not a program: its parameters by name,
conditions, comparisons and a few filters.  A layout (``templates/*.j2``) also
walks what the letter gives it: ``{% for %}`` over a name or an attribute (at
most :data:`MAX_LOOP_DEPTH` deep), attribute access, ``loop.first`` and calls
of ``block(…)``.  Neither may call anything else (no ``range``), do
arithmetic, assign, import or define macros, so the work of filling one is
bounded by the letter's own size: nothing can hang a render, build a
gigabyte string, or reach into Python.  The sandbox in
:mod:`letterforge.language.phrasing` stays underneath as a second wall.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import nodes

from ..errors import LetterforgeError, Location

ALLOWED_FILTERS = frozenset({"capitalize", "default", "d", "lower", "title", "trim", "upper"})
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "number", "string", "sameas"})
MAX_LOOP_DEPTH = 2
"""Sections, then the findings of each: a layout needs no deeper loops."""
RESERVED_NAMES = frozenset({"self", "loop", "super", "caller", "varargs", "kwargs",
                            "range", "dict", "lipsum", "cycler", "joiner", "namespace"})
"""Names Jinja2 itself gives every template (the template object, its globals, loop state): never a
parameter or a layout variable, so never printed ("<TemplateReference None>") or called."""

_EXPRESSIONS = (
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


@dataclass(frozen=True)
class Grammar:
    """One set of rules: what it is called in messages, the filters it allows, and the layout constructs."""

    what: str
    filters: frozenset[str]
    hint: str
    layout: bool = False
    names: frozenset[str] | None = None
    """The names a text may use besides its loop variables (a layout's documented variables); None for a
    phrasing, whose names are its declared parameters, checked by the loader; :data:`RESERVED_NAMES` never."""
    lists: frozenset[str] = field(default_factory=frozenset)
    """For a layout: the names and attributes that are lists, the only things a ``{% for %}`` may walk."""


PHRASING = Grammar("a phrasing", ALLOWED_FILTERS,
                   "a phrasing may use {{ name }}, {% if %}, comparisons and the filters "
                   + ", ".join(sorted(ALLOWED_FILTERS - {"d"})))
LAYOUT = Grammar("a layout", ALLOWED_FILTERS | {"join"},
                 "a layout may use {{ block(kind, text) }}, {% if %}, {% for x in name %} (two deep), "
                 "attributes, ~ and the filters " + ", ".join(sorted(ALLOWED_FILTERS - {"d"} | {"join"})),
                 layout=True)


def check_grammar(template: nodes.Template, location: Location, grammar: Grammar = PHRASING) -> None:
    """Raise a located error for the first construct or name of ``template`` that ``grammar`` refuses.

    ``location`` is where the text starts; the error points at the line inside
    the text where the construct is.  A name is refused if it is reserved
    (:data:`RESERVED_NAMES`, ``loop`` outside a loop included) or, where the
    grammar lists its names, if it is neither one of them nor the variable
    of an enclosing ``{% for %}``.
    """
    stack: list[tuple[nodes.Node, int, frozenset[str]]] = [(template, 0, frozenset())]
    while stack:
        node, depth, bound = stack.pop()
        refusal = _refusal(node, grammar, depth, bound) or _name_refusal(node, grammar, bound)
        if refusal is not None:
            line = location.line + (node.lineno - 1 if node.lineno else 0)
            raise LetterforgeError(f"{grammar.what} may not use {refusal}",
                                   Location(location.path, line, location.column), grammar.hint)
        if isinstance(node, nodes.For):  # its variables (and loop) are bound in its body and condition only
            inner = bound | _targets(node.target) | {"loop"}
            stack.append((node.iter, depth, bound))
            stack.extend((child, depth, bound) for child in node.else_)
            stack.extend((child, depth + 1, inner) for child in node.body)
            if node.test is not None:
                stack.append((node.test, depth + 1, inner - {"loop"}))
            continue
        stack.extend((child, depth, bound) for child in node.iter_child_nodes())


def _targets(target: nodes.Node) -> frozenset[str]:
    """The names a ``{% for %}`` target binds (``x``, or ``a, b``)."""
    return frozenset(n.name for n in target.find_all(nodes.Name)) | (
        {target.name} if isinstance(target, nodes.Name) else set())


def _name_refusal(node: nodes.Node, grammar: Grammar, bound: frozenset[str]) -> str | None:
    """What is wrong with a name ``node`` read where ``bound`` are the loop variables, or None."""
    if not isinstance(node, nodes.Name) or node.ctx != "load" or node.name in bound:
        return None
    if node.name == "loop":
        return "'loop' outside a {% for %} loop"
    if node.name in RESERVED_NAMES:
        return f"the name '{node.name}' (it is Jinja's, not a parameter)"
    if grammar.names is not None and node.name not in grammar.names:
        return f"the name '{node.name}' (not a variable of the layout)"
    return None


def _refusal(node: nodes.Node, grammar: Grammar, depth: int, bound: frozenset[str] = frozenset()) -> str | None:
    """What is wrong with ``node`` in a user's words, or None if ``grammar`` allows it."""
    if isinstance(node, nodes.Filter) and node.name not in grammar.filters:
        return f"the filter '{node.name}'"
    if isinstance(node, nodes.Test) and node.name not in ALLOWED_TESTS:
        return f"the test '{node.name}'"
    if grammar.layout:
        refusal = _layout_refusal(node, grammar, depth, bound)
        if refusal != "":
            return refusal
    if isinstance(node, nodes.Getattr):
        return f"attribute access ('.{node.attr}')"
    if isinstance(node, nodes.Getitem):
        return "indexing ('[…]')"
    if isinstance(node, _EXPRESSIONS):
        return None
    for kind, description in _DESCRIPTIONS:
        if isinstance(node, kind):
            return description
    return f"'{type(node).__name__}'"


def _layout_refusal(node: nodes.Node, grammar: Grammar, depth: int, bound: frozenset[str]) -> str | None:
    """A layout's own rules: None if allowed, a refusal, or "" to fall back to the phrasing rules."""
    if isinstance(node, nodes.For):
        if depth >= MAX_LOOP_DEPTH:
            return f"{{% for %}} loops more than {MAX_LOOP_DEPTH} deep"
        walked = node.iter.name if isinstance(node.iter, nodes.Name) else \
            node.iter.attr if isinstance(node.iter, nodes.Getattr) else None
        if walked is None or node.recursive:
            return "a {% for %} loop over anything but a name or an attribute"
        if walked not in grammar.lists:
            return (f"a {{% for %}} loop over '{walked}', which is not one of the lists a layout is given "
                    f"({', '.join(sorted(grammar.lists))})")
        inside_item = isinstance(node.iter, nodes.Getattr) and isinstance(node.iter.node, nodes.Name) \
            and node.iter.node.name in bound - {"loop"}
        if depth > 0 and not inside_item:  # a loop inside a loop walks the outer item's own list: linear work
            return (f"a {{% for %}} inside another over '{walked}', which is not a list of the outer loop's item "
                    "(two loops over the letter's lists multiply; walk the item's own list, as section.findings)")
        return None
    if isinstance(node, nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name == "block" and not (node.dyn_args or node.dyn_kwargs):
            return None
        return "a call other than block(…)"
    if isinstance(node, nodes.Getattr):
        return None if not node.attr.startswith("_") else f"attribute access ('.{node.attr}')"
    if isinstance(node, nodes.Keyword):
        return None
    return ""
