"""Letter layouts: Jinja2 templates under ``templates/`` that emit the block sequence.

A layout calls ``block(kind, text, source=…)`` once per paragraph, in letter
order; it decides which blocks appear and where (the date before or after the
address, the lead-in line, copy-to lines).  Texts handed to it by the
assembler are :class:`Passage` strings that carry their provenance; a plain
string written or composed in the template counts as ``source`` (default
``library``, the house layout's own words).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

import jinja2

from ..errors import LetterforgeError, Location, display_path
from ..letter import BLOCK_KINDS, SOURCES, Block, ParamSpan, Provenance
from ..load.names import check_identifier, is_identifier, known_list, unknown
from ..load.inputs import decode_utf8, read_bytes
from ..language.phrasing import compile_checked, fold
from ..language.grammar import LAYOUT

LAYOUT_SUFFIX = ".j2"
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
        """Run the layout over ``context`` and return the blocks it emitted, in order."""
        emitted: list[Block] = []
        where = Location(display_path(self.path))

        def block(kind: str, text: Any, source: str | None = None) -> str:
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
            spans = passage.spans if passage and folded == str(passage) else ()
            emitted.append(Block(kind, folded, provenance, spans))
            return ""

        try:
            self.template.render(dict(context, block=block))
        except LetterforgeError:
            raise
        except jinja2.TemplateError as e:
            line = getattr(e, "lineno", None) or 0
            raise LetterforgeError(f"layout failed: {e}", Location(where.path, line, 1 if line else 0)) from None
        except Exception as e:  # a layout is input too: never a traceback
            raise LetterforgeError(f"layout failed: {type(e).__name__}: {e}", where) from None
        return emitted


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
    return compile_checked(source, Location(shown, 1, 1), LAYOUT)[1]


def _first(folders: tuple[Path, ...], name: str) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)
