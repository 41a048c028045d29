"""Letter layouts: Jinja2 templates under ``templates/`` that emit the block sequence.

A layout calls ``block(kind, text, source=…)`` once per paragraph, in letter
order; it decides which blocks appear and where (the date before or after the
address, the lead-in line, copy-to lines).  Texts handed to it by the
assembler are :class:`Passage` strings that carry their provenance; a plain
string written or composed in the template counts as ``source`` (default
``library``, the house layout's own words).
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Mapping

import jinja2

from ..errors import LetterforgeError, Location, display_path
from ..letter import BLOCK_KINDS, SOURCES, Block, ParamSpan, Provenance
from ..load.names import check_identifier, is_identifier, known_list, unknown
from ..load.inputs import decode_utf8, read_bytes
from ..language.phrasing import compile_checked, fold
from ..language.grammar import LAYOUT

LAYOUT_NAMES: dict[str, str] = {
    "office": "the letterhead's office (OfficeView), or none",
    "sender": "the signatory (PersonView)",
    "date": "the letter's date, written out (3 September 2014)",
    "date_position": '"before-address" or "after-address"',
    "recipient": "who the letter is to (RecipientView)",
    "salutation": "Dear …",
    "subject": "the inspection's title",
    "introduction": "the introduction's paragraphs (each: id, text, bullets)",
    "lead_in": "the line before the sections, or none",
    "sections": "the sections (each: id, title, findings)",
    "copy_to": "who is copied in (each: name, position)",
    "force": "the force's name",
    "status": '"draft" or "final"',
    "block": "block(kind, text, source=…) adds one paragraph",
}
"""Every name a layout is given, with what it holds."""
LAYOUT_VARIABLES = frozenset(LAYOUT_NAMES)
"""The names a layout may use: those the assembler gives it (:data:`LAYOUT_NAMES`), no other."""
LAYOUT_LISTS = frozenset({"introduction", "sections", "copy_to", "address", "bullets", "findings"})
"""What a layout's ``{% for %}`` may walk: the lists it is given, by name or attribute (``office.address``)."""
MAX_LAYOUT_STEPS = 100_000
"""The most loop steps and blocks one letter's layout may take: a letter takes about a hundred, a letter of
every finding of a 10,000-finding library some tens of thousands; two loops nested over the longest lists a
selection may hold would take hundreds of millions."""
MAX_LETTER_CHARS = 5_000_000
"""The most text a layout may emit for one letter (a letter has about 15,000 characters)."""

LAYOUT_SUFFIX = ".j2"
TEMPLATE_FILENAME = "<template>"
"""The file name Jinja gives a template compiled from a string, in the frames of a traceback."""
MAX_LAYOUT_BYTES = 200_000
"""A layout is a page of template; anything larger is refused unread."""
DEFAULT_HOUSE_STYLE = "house-style"


class Passage(str):
    """A piece of letter text that remembers where it came from (and where its parameters stand)."""

    provenance: Provenance
    spans: tuple[ParamSpan, ...]

    def __new__(cls, text: str, provenance: Provenance, spans: tuple[ParamSpan, ...] = ()) -> "Passage":
        passage = super().__new__(cls, text)
        passage.provenance = provenance
        passage.spans = spans
        return passage


@dataclass(frozen=True)
class Layout:
    """A compiled layout template, and the house-style DOCX its letters are dressed in."""

    name: str
    path: Path
    template: jinja2.Template
    house_style: Path

    def blocks(self, context: Mapping[str, Any]) -> list[Block]:
        """Run the layout over ``context`` and return the blocks it emitted, in order.

        The work is bounded: every loop step and every block counts against
        :data:`MAX_LAYOUT_STEPS`, and the text emitted against
        :data:`MAX_LETTER_CHARS`; past either the layout is refused with an
        error at its line.
        """
        emitted: list[Block] = []
        where = Location(display_path(self.path))
        budget = _Budget(where)

        def block(kind: str, text: Any, source: str | None = None) -> str:
            budget.step()
            if kind not in BLOCK_KINDS:
                raise LetterforgeError(f"layout emits unknown block kind '{kind}'", where,
                                       f"expected one of {known_list(BLOCK_KINDS)}")
            if source is not None and source not in SOURCES:
                raise LetterforgeError(f"layout gives unknown source '{source}'", where,
                                       f"expected one of {known_list(SOURCES)}")
            if text is None or not str(text).strip():
                return ""
            passage = text if isinstance(text, Passage) else None
            provenance = passage.provenance if passage else Provenance(origin=where)
            if source is not None:
                provenance = replace(provenance, source=source)
            folded = fold(str(text))
            budget.emit(len(folded))
            spans = passage.spans if passage and folded == str(passage) else ()
            emitted.append(Block(kind, folded, provenance, spans))
            return ""

        try:
            self.template.render({name: _counted(value, budget) for name, value in context.items()} | {"block": block})
        except _OverBudget as e:
            raise LetterforgeError(e.message, self._at(e, e.message), e.hint) from None
        except LetterforgeError as e:
            if e.location is where:  # raised by block(): say which call
                e.location = self._at(e, e.message)
            raise
        except jinja2.UndefinedError as e:
            message = _OBJECT.sub(r"'\1'", str(e))
            raise LetterforgeError(f"layout failed: {message}", self._at(e, message), UNDEFINED_HINT) from None
        except jinja2.TemplateError as e:
            raise LetterforgeError(f"layout failed: {e}", self._at(e, str(e))) from None
        except Exception as e:  # a layout is input too: never a traceback
            raise LetterforgeError(f"layout failed: {type(e).__name__}: {e}", self._at(e, str(e))) from None
        return emitted

    def _at(self, error: BaseException, message: str) -> Location:
        """Where in the layout ``error`` arose: the template line its traceback passed through, and the column
        of what ``message`` names on that line (see :func:`locate_in_source`)."""
        line = getattr(error, "lineno", None) or next(
            (frame.lineno for frame in reversed(traceback.extract_tb(error.__traceback__))
             if frame.filename == TEMPLATE_FILENAME and frame.lineno), 0)
        try:
            source = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = ""
        return locate_in_source(display_path(self.path), source, line, message)


def load_layout(folders: tuple[Path, ...], name: str, location: Location | None = None) -> Layout:
    """Compile ``<name>.j2`` from the first of ``folders`` that has it; ``location`` is where the name was written.

    Its house style is ``<name>.docx`` beside any of the folders, else the
    first ``house-style.docx``, in the same order.
    """
    check_identifier(name, "template", location)
    path = _first(folders, f"{name}{LAYOUT_SUFFIX}")
    if path is None:
        known = {p.name.removesuffix(LAYOUT_SUFFIX) for folder in folders for p in folder.glob(f"*{LAYOUT_SUFFIX}")}
        raise unknown("template", name, sorted(k for k in known if is_identifier(k)), location)
    house_style = _first(folders, f"{name}.docx") or _first(folders, f"{DEFAULT_HOUSE_STYLE}.docx")
    if house_style is None:
        raise LetterforgeError(f"no {DEFAULT_HOUSE_STYLE}.docx beside the layouts",
                               Location(display_path(folders[0])))
    return Layout(name, path, compile_layout(path), house_style)


def compile_layout(path: Path) -> jinja2.Template:
    """The layout template at ``path``, held to the layout grammar (see :mod:`letterforge.language.grammar`).

    Raises a located error for a file that cannot be read or is not UTF-8, a
    syntax error, a construct the grammar refuses, or nesting too deep to parse.
    """
    shown = display_path(path)
    source = decode_utf8(read_bytes(path, "a layout", MAX_LAYOUT_BYTES), shown)
    try:
        return compile_checked(source, Location(shown, 1, 1), LETTER_LAYOUT)[1]
    except LetterforgeError as e:
        line = e.location.line if e.location else 0
        raise LetterforgeError(e.message, locate_in_source(shown, source, line, e.message), e.hint) from None


LETTER_LAYOUT = replace(LAYOUT, names=LAYOUT_VARIABLES, lists=LAYOUT_LISTS,
                        hint=LAYOUT.hint + "; its names are " + ", ".join(sorted(LAYOUT_VARIABLES)))
"""The grammar of a letter layout: the layout rules, with the names and lists the assembler gives it."""


class _OverBudget(LetterforgeError):
    """A layout took more steps or emitted more text than any letter needs."""


class _Budget:
    """The work one layout run has left: loop steps and blocks, and characters of text."""

    def __init__(self, where: Location) -> None:
        self.where = where
        self.steps = 0
        self.chars = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_LAYOUT_STEPS:
            raise _OverBudget(f"layout takes more than {MAX_LAYOUT_STEPS:,} loop steps and blocks for one letter",
                              self.where, "a letter takes about a hundred: is a {% for %} inside another over "
                                          "the wrong list?")

    def emit(self, chars: int) -> None:
        self.chars += chars
        if self.chars > MAX_LETTER_CHARS:
            raise _OverBudget(f"layout emits more than {MAX_LETTER_CHARS:,} characters for one letter",
                              self.where, "a letter has about 15,000: is a block inside a loop over the wrong list?")


class _CountedList(list[Any]):
    """A list the layout walks; each step of a walk counts against the run's budget."""

    budget: _Budget

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            self.budget.step()
            yield item


def _counted(value: Any, budget: _Budget) -> Any:
    """``value`` with every list and tuple inside it (in mappings and the assembler's views) counted."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        counted = _CountedList(_counted(item, budget) for item in value)
        counted.budget = budget
        return counted
    if isinstance(value, dict):
        return {key: _counted(item, budget) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _counted(getattr(value, f.name), budget) for f in fields(value)})
    return value


def _first(folders: tuple[Path, ...], name: str) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


_OBJECT = re.compile(r"'(?:[\w.]+\.)?(\w+) object'")
"""Jinja's "'letterforge.compose.views.PersonView object'", said shortly."""
UNDEFINED_HINT = "the names and fields a layout may use are listed in templates/letter.j2's header and the README"
_QUOTED = re.compile(r"'([^']+)'")
_CALL = re.compile(r"\b(?!block\b)[A-Za-z_]\w*\s*\(")


def locate_in_source(path: str, source: str, line: int, message: str) -> Location:
    """``path:line:column`` for an error on ``line`` of ``source``: the column of the first thing ``message``
    quotes that stands on the line (an attribute after its dot, a name, a block kind), or of the call it refuses, else of
    the line's first tag (``{{`` or ``{%``), else its first character.  Line 0 (unknown) gives the file alone."""
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return Location(path, line, 1) if line else Location(path)
    text = lines[line - 1]
    for quoted in _QUOTED.findall(message):
        if attribute := re.search(rf"\.{re.escape(quoted)}\b", text):  # after its dot, not a longer name
            return Location(path, line, attribute.start() + 2)
        if (at := text.find(quoted)) >= 0:
            return Location(path, line, at + 1)
    if "call" in message and (call := _CALL.search(text)):
        return Location(path, line, call.start() + 1)
    tag = min((at for at in (text.find("{{"), text.find("{%")) if at >= 0), default=len(text) - len(text.lstrip()))
    return Location(path, line, tag + 1)

