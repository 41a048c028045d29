"""Library phrasings: Jinja2 text run in a sandbox with StrictUndefined.

Only phrasings written in the library (and the layout templates) are ever
compiled, and a phrasing may use only what :mod:`letterforge.phrasing_grammar`
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
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from .dates import embargo_phrase, long_date
from .errors import LetterforgeError, Location
from .phrasing_grammar import check_grammar

_SPACES = re.compile(r"[ \t\r\n]+")


def format_value(value: Any) -> Any:
    """How a value prints inside a phrasing: ``1,500``, ``3 September 2014``, instants as embargo phrases."""
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
    """The one sandboxed environment all phrasings share (StrictUndefined, no autoescape)."""
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                finalize=format_value, keep_trailing_newline=False)


def fold(text: str) -> str:
    """Fold runs of spaces and line breaks to one space and trim (non-breaking spaces are kept)."""
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Phrasing:
    """A compiled library phrasing and the names it uses."""

    source: str
    location: Location
    variables: frozenset[str]
    template: jinja2.Template

    def render(self, values: Mapping[str, Any]) -> str:
        """The phrasing filled with ``values``, whitespace folded.

        Raises a :class:`LetterforgeError` at the phrasing's location if the
        sandbox refuses an operation or the template fails.
        """
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
    too deeply to parse is reported at ``location`` (plus the line inside the text).
    """
    env = environment()
    try:
        ast = env.parse(source)
        check_grammar(ast, location)
        template = env.from_string(ast)
    except jinja2.TemplateSyntaxError as e:
        line = location.line + (e.lineno - 1 if e.lineno else 0)
        raise LetterforgeError(f"invalid phrasing: {e.message}", Location(location.path, line, location.column)) from None
    except (RecursionError, SyntaxError, MemoryError):  # Jinja's parser, or Python compiling what Jinja made
        raise LetterforgeError("invalid phrasing: nested too deeply", location) from None
    return Phrasing(source, location, frozenset(meta.find_undeclared_variables(ast)), template)
