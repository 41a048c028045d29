"""A lower bound for any writer built on the card's libraries: the floor, plus importing click and Jinja2 and
compiling the library's phrasings and the letter layout once in Jinja2's sandbox.

It does the floor's work (``benchmarks/floor.py``) after that, so the
difference to the floor is the least that click's import, Jinja2's import
and the one compilation of every template cost.  No letter is rendered by
Jinja2 here: the floor's assembled words are written, as the floor writes them.
Run as a whole process with the floor's arguments::

    python benchmarks/floor_with_card.py KIT.json SELECTIONS/ LIBRARY/ OUT/ LAYOUT.j2
"""

from __future__ import annotations

import sys
from pathlib import Path

import click  # noqa: F401  (the command line's library: its import is part of the bound)
import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

import floor


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def compile_templates(library: Path, layout: Path) -> None:
    """Compile the layout and every string of the library that holds Jinja2 syntax, each once."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    sources = {layout.read_text(encoding="utf-8")}
    for path in sorted(library.rglob("*.yaml")):
        sources.update(s for s in _strings(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
                       if "{{" in s or "{%" in s)
    for source in sources:
        env.from_string(source)


if __name__ == "__main__":
    kit, selections, library, out, layout = (Path(a) for a in sys.argv[1:6])
    compile_templates(library, layout)
    floor.main(kit, selections, library, out)
