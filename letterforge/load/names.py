"""Identifiers used in the library and selections, and "did you mean" hints."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from ..errors import LetterforgeError, Location
from ..errors import describe_character
from .yamlparse import CONTROL, LINE_BREAK

_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def suggest(name: str, known: Iterable[str]) -> str | None:
    """A "did you mean 'x'?" hint for the closest known name, or None if none is close."""
    import difflib  # only a mistake needs it: a letter that loads never pays for the import

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def known_list(known: Iterable[str]) -> str:
    """``'a', 'b'`` for a hint listing the valid names."""
    return ", ".join(f"'{k}'" for k in sorted(known))


EXAMPLES = {"inspection": "core-business-2014", "template": "letter", "signatory": "zoe-billingham",
            "office": "london", "section": "preventing-crime", "finding": "named-suspects", "variant": "robust",
            "introduction paragraph": "factual-accuracy"}
"""A valid name of each kind, for hints."""


def is_identifier(name: str) -> bool:
    """True for a plain identifier: lower-case letters, digits, ``-`` and ``_``, starting with a letter or digit."""
    return bool(_IDENTIFIER.match(name))


def check_identifier(name: str, what: str, location: Location | None) -> str:
    """Return ``name`` if it is a plain identifier (see :func:`is_identifier`).

    Identifiers name files (inspections, templates) and keys (findings, variants,
    signatories), so anything that could leave its folder — ``/``, ``..`` — is refused.
    """
    if not is_identifier(name):
        example = f", e.g. '{EXAMPLES[what]}'" if what in EXAMPLES else ""
        raise LetterforgeError(f"{what} '{name}' is not a valid name", location,
                               f"use lower-case letters, digits and '-'{example}")
    return name


def one_line_name_problem(name: str) -> str | None:
    """What makes ``name`` unfit to be a name written on one line (a force's), or None.

    A line break of any kind (``\\n``, ``\\r``, U+2028 …), a tab or any other
    control character, and the characters a selection may never hold
    (bidirectional overrides, surrogates) are each a problem: the first found
    is described, without echoing it.
    """
    for character in name:
        if LINE_BREAK.match(character):
            return "contains a line break"
        if unicodedata.category(character) == "Cc" or CONTROL.match(character):
            return f"contains the {describe_character(character)}"
    return None


def unknown(what: str, name: str, known: Iterable[str], location: Location | None, context: str = "") -> LetterforgeError:
    """The error for an unknown ``what`` named ``name``, with a did-you-mean or the valid names."""
    known = list(known)
    hint = suggest(name, known)
    if hint is None and known and len(known) <= 8:
        hint = f"expected one of {known_list(known)}"
    return LetterforgeError(f"unknown {what} '{name}'{context}", location, hint)
