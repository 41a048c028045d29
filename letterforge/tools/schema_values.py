"""The loader's typed values as JSON Schema, the way a YAML editor sees them.

A YAML language server reads a selection as YAML 1.2 (the core schema): a date
``2014-09-03`` is the *string* "2014-09-03", ``yes`` is a string, ``500`` and
``+500`` are integers, ``1_500`` is a string.  The loader (:mod:`letterforge.load.yamlnodes`)
reads the same file through PyYAML's node tree and its own typed readers.  Each
schema here accepts every value its reader accepts, as the editor sees it, so
that an editor never marks a selection the loader would render; where the loader
is more lenient than a type (a text may be written as a number), the schema is too.
"""

from __future__ import annotations

from typing import Any

from ..load.yamlnodes import MAX_DIGITS, MAX_TEXT_CHARS
from ..load.params import Param

Schema = dict[str, Any]

SCALAR_TYPES = ["string", "number", "boolean"]
"""What :func:`~letterforge.load.yamlnodes.text` reads as text: any scalar but nothing (numbers keep their spelling)."""

NULL: Schema = {"type": "null"}
"""An empty value or ``null``/``~``: the loader treats an optional key given so as left out."""

_BREAKS = r"\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029"
"""What the loader reads as the end of a line (:data:`~letterforge.load.yamlparse.LINE_BREAK`)."""

LINE_PATTERN = rf"^\s*[^{_BREAKS}]*\S[^{_BREAKS}]*\s*$"
"""One line with something on it once trimmed (:func:`~letterforge.load.yamlnodes.line`)."""

NAMED_LINE_PATTERN = rf"^\s*[^,{_BREAKS}]*[^\s,][^{_BREAKS}]*\s*$"
"""A ``"Name, Position"`` line whose name, before the first comma, is not blank."""

IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""A plain identifier (:func:`~letterforge.load.names.is_identifier`)."""

_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = (r"^\s*(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
                r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
                rf"|{_LEAP_YEAR}-02-29)\s*$")
"""A day of the calendar ``YYYY-MM-DD`` (2014-02-30 is none; 2016-02-29 is one), as the loader reads dates."""
DIGITS_PATTERN = r"^\s*[-+]?[0-9][0-9_]*\s*$"
"""A whole number the loader reads from a quoted string or a YAML 1.1 spelling (``"500"``, ``1_500``)."""

YAML11_BOOLEANS = ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
"""Spellings the loader (YAML 1.1) reads as true or false and a YAML 1.2 editor sees as strings."""

_LARGEST = 10 ** MAX_DIGITS - 1


def described(schema: Schema, description: str, markdown: str | None = None) -> Schema:
    """``schema`` with a plain ``description`` and the ``markdownDescription`` editors show on hover."""
    return {**schema, "description": description, "markdownDescription": markdown or description}


def nullable(schema: Schema) -> Schema:
    """``schema`` or nothing: an optional key the loader reads as left out when it is empty."""
    return {"anyOf": [NULL, schema]}


def text() -> Schema:
    """Any text (:func:`~letterforge.load.yamlnodes.text`): a scalar, at most the loader's length."""
    return {"type": SCALAR_TYPES, "maxLength": MAX_TEXT_CHARS}


def filled_text() -> Schema:
    """A text that is not blank once trimmed (bespoke wording, a text parameter)."""
    return {"type": SCALAR_TYPES, "maxLength": MAX_TEXT_CHARS, "pattern": r"\S"}


def line() -> Schema:
    """One line of text, not blank (:func:`~letterforge.load.yamlnodes.line`): a name, a salutation."""
    return {"type": SCALAR_TYPES, "maxLength": MAX_TEXT_CHARS, "pattern": LINE_PATTERN}


def lines() -> Schema:
    """Postal lines (:func:`~letterforge.load.yamlnodes.line_list`): one line, a list of lines, or nothing."""
    return {"anyOf": [NULL, line(), {"type": "array", "items": line()}]}


def date() -> Schema:
    """A calendar date ``YYYY-MM-DD``: to a YAML 1.2 editor a string (the loader also takes it quoted)."""
    return {"type": "string", "pattern": DATE_PATTERN}


def boolean() -> Schema:
    """``true`` or ``false``; the loader also takes YAML 1.1's ``yes``/``no``/``on``/``off``, strings to an editor."""
    return {"anyOf": [{"type": "boolean"}, {"enum": YAML11_BOOLEANS}]}


def one_of(values: tuple[str, ...]) -> Schema:
    """One of fixed words (``status``, ``date_position``, a judgement)."""
    return {"enum": list(values)}


def integer(minimum: int | None, maximum: int | None) -> Schema:
    """A whole number in digits within bounds.

    The loader also reads one written as text (``"650"``, YAML 1.1's ``1_500``):
    to an editor that is a string, whose digits the schema checks but not its bounds.
    """
    low = -_LARGEST if minimum is None else max(minimum, -_LARGEST)
    high = _LARGEST if maximum is None else min(maximum, _LARGEST)
    return {"anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                      {"type": "string", "pattern": DIGITS_PATTERN}]}


def parameter(param: Param) -> Schema:
    """The value a selection may give for ``param``, typed, described by its help."""
    schema: Schema
    if param.type == "integer":
        schema = integer(param.minimum, param.maximum)
    elif param.type == "date":
        schema = date()
    elif param.type == "choice":
        schema = one_of(param.choices)
    else:
        schema = filled_text()
    summary = param.describe()
    markdown = f"**{param.name}** — {summary}"
    if param.example:
        markdown += f"\n\nFor example: {param.example}"
    return described(schema, f"{param.name}: {summary}", markdown)
