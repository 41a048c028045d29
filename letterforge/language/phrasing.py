"""Library phrasings: Jinja2 text run in a sandbox with StrictUndefined.

Only phrasings written in the library (and the layout templates) are ever
compiled, and a phrasing may use only what :mod:`letterforge.language.grammar`
allows.  Values from a selection reach a phrasing as data and are printed
verbatim: a ``{{ … }}`` inside a selection value stays literal text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from ..dates import embargo_phrase, long_date
from ..errors import LetterforgeError, Location
from ..letter import ParamSpan
from .grammar import PHRASING, Grammar, check_grammar

_SPACES = re.compile(r"[ \t\r\n]+")
_TEMPLATE_SYNTAX = ("{{", "{%", "{#")

# Private-use characters that bracket a parameter's value while a phrasing is
# rendered for its spans: OPEN name NAME_END value CLOSE.
_OPEN, _NAME_END, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKERS = re.compile(f"[{_OPEN}{_NAME_END}{_CLOSE}]")
_MARKED = re.compile(f"{_OPEN}([^{_NAME_END}]*){_NAME_END}([^{_CLOSE}]*){_CLOSE}")


class _MarkedStr(str):
    param: str


class _MarkedInt(int):
    param: str


class _MarkedDate(dt.date):
    param: str


def _marked(name: str, value: Any) -> Any:
    """``value`` as the same type, remembering it is parameter ``name`` (truthiness and comparisons unchanged)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        marked: Any = _MarkedInt(value)
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        marked = _MarkedDate(value.year, value.month, value.day)
    elif isinstance(value, str):
        marked = _MarkedStr(value)
    else:
        return value
    marked.param = name
    return marked


def format_value(value: Any) -> Any:
    """How a value prints inside a phrasing: ``1,500``, ``3 September 2014``, instants as embargo phrases, None as nothing.

    A value marked as a parameter (see :meth:`Phrasing.render_with_spans`)
    prints between markers that name it.
    """
    name = getattr(value, "param", None)
    if name is not None:
        shown = fold(_MARKERS.sub("", str(_format_plain(value))))
        return f"{_OPEN}{name}{_NAME_END}{shown}{_CLOSE}"
    return _format_plain(value)


def _format_plain(value: Any) -> Any:
    if value is None:  # an optional parameter left out prints as nothing, never as "None"
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return embargo_phrase(value)
    if isinstance(value, dt.date):
        return long_date(value)
    return value


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment all phrasings and layouts share (StrictUndefined, no autoescape).

    It has no globals (Jinja's ``range``, ``dict``, ``lipsum``, ``cycler``,
    ``joiner`` and ``namespace`` are removed): behind the grammar's name rule,
    a second wall, so that a text can reach only the values it is given.
    """
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                               finalize=format_value, keep_trailing_newline=False)
    env.globals.clear()
    return env


def fold(text: str) -> str:
    """Fold runs of spaces and line breaks to one space and trim (non-breaking spaces are kept).

    Most texts reaching here are folded already (a phrasing's words, a block
    the layout re-reads): with no tab, line break or double space there is
    nothing to fold, and only the trim is left.
    """
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _SPACES.sub(" ", text).strip()
    return text.strip()


@dataclass(frozen=True)
class Phrasing:
    """A compiled library phrasing and the names it uses.

    Most phrasings are plain text; those have no ``template`` and render as
    their source, whitespace folded, exactly as Jinja2 would print them.
    """

    source: str
    location: Location
    variables: frozenset[str]
    template: jinja2.Template | None

    def render(self, values: Mapping[str, Any]) -> str:
        """The phrasing filled with ``values``, whitespace folded.

        Raises a :class:`LetterforgeError` at the phrasing's location if the
        sandbox refuses an operation or the template fails.
        """
        return self._render(values)

    def render_with_spans(self, values: Mapping[str, Any]) -> tuple[str, tuple[ParamSpan, ...]]:
        """Like :meth:`render`, and where each parameter's value stands in the text.

        A value printed as is gets a span; a value used only in a condition, or
        transformed by an expression, prints without one.
        """
        marked = self._render({name: _marked(name, value) for name, value in values.items()})
        text, spans, position = [], [], 0
        for match in _MARKED.finditer(marked):
            text.append(marked[position:match.start()])
            start = sum(map(len, text))
            text.append(match.group(2))
            spans.append(ParamSpan(match.group(1), start, start + len(match.group(2))))
            position = match.end()
        text.append(marked[position:])
        return "".join(text), tuple(spans)

    def _render(self, values: Mapping[str, Any]) -> str:
        if self.template is None:
            return fold(self.source)
        try:
            return fold(self.template.render(values))
        except jinja2.exceptions.SecurityError as e:
            raise LetterforgeError(f"phrasing refused by the sandbox: {e}", self.location) from None
        except jinja2.TemplateError as e:
            raise LetterforgeError(f"phrasing failed: {e}", self.location) from None
        except Exception as e:  # a library phrasing is input too: never a traceback
            raise LetterforgeError(f"phrasing failed: {type(e).__name__}: {e}", self.location) from None


def compile_phrasing(source: str, location: Location) -> Phrasing:
    """Compile ``source`` as a library phrasing.

    A syntax error, a construct the phrasing grammar refuses, or text nested
    too deeply to parse is reported at ``location`` (plus the line inside the
    text).  Text without template syntax is not compiled at all: nothing in
    it could run.
    """
    if not any(mark in source for mark in _TEMPLATE_SYNTAX):
        return Phrasing(source, location, frozenset(), None)
    ast, template = compile_checked(source, location, PHRASING)
    return Phrasing(source, location, frozenset(meta.find_undeclared_variables(ast)), template)


def compile_checked(source: str, location: Location, grammar: Grammar) -> tuple[nodes.Template, jinja2.Template]:
    """``source`` parsed, held to ``grammar`` and compiled in the sandbox: its syntax tree and its template.

    ``location`` is where ``source`` starts. A syntax error is reported at its
    line inside the text (at ``location`` when Jinja gives none); a construct
    the grammar refuses as :func:`check_grammar` says; text nested too deeply
    to parse at ``location``.
    """
    env = environment()
    what = grammar.what.removeprefix("a ")
    try:
        ast = env.parse(source)
        check_grammar(ast, location, grammar)
        return ast, env.from_string(ast)
    except jinja2.TemplateSyntaxError as e:
        line = location.line + (e.lineno - 1 if e.lineno else 0)
        raise LetterforgeError(f"invalid {what}: {e.message}", Location(location.path, line, location.column)) from None
    except (RecursionError, SyntaxError, MemoryError):  # Jinja's parser, or Python compiling what Jinja made
        raise LetterforgeError(f"invalid {what}: nested too deeply", location) from None
