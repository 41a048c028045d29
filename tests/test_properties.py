"""Property: whatever a careless or hostile hand does to a valid selection or library file, letterforge
exits 0 or 1, never shows a traceback, and never leaves a partial, temporary or clobbered file.

Mutations: values swapped for other types, keys dropped, misspelt or added, random unicode, huge and
empty values, and YAML text cut short or with a character slipped in.  PyYAML is used here only to
build and write the mutated documents; letterforge reads them through its own loader.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterforge.cli import main
from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.resources import default_library

from .conftest import KENT

QUICK = dict(deadline=None, derandomize=True, database=None, print_blob=False,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""Fixed examples (the same every run, so CI is steady) and no database left behind; about 25 s together."""

LIBRARY_FILES = ("people.yaml", "core-business-2014/inspection.yaml", "core-business-2014/preventing-crime.yaml",
                 "core-business-2014/attendance.yaml", "core-business-2014/freeing-up-time.yaml")
EARLIER = {"kent.docx": b"an earlier letter", "kent.txt": b"earlier text", "kent.json": b"{}"}
ERROR_LINE = re.compile(r"^(\S.*: )?error: \S")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.dates(min_value=dt.date(1, 1, 1)),
    st.text(max_size=40), st.just(""), st.just("x" * 20_000), st.just(10 ** 40), st.just("{{ force }}"),
    st.just("../../etc/passwd"), st.sampled_from(["strength", "text", "integer", "core-business-2014", "draft"]),
    st.sampled_from(["\x00", "\x1b[2J", "\u202e", "\ud800", "\uffff", "\ufeff", "\u2028", "\t", "\r\n"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=12), scalars, max_size=3))


def misspell(draw, key: str) -> str:
    at = draw(st.integers(0, len(key)))
    return draw(st.sampled_from([key[:at] + key[at + 1:], key[:at] + "x" + key[at:], key.upper(), key + " "])) or "x"


def mutate(draw, node: Any, top: bool = True) -> Any:
    """One mutation somewhere in ``node`` (usually deeper down; the whole document is never replaced)."""
    children = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
    if children and (top and draw(st.integers(0, 3)) or draw(st.integers(0, 2))):
        key = draw(st.sampled_from(children))
        node[key] = mutate(draw, node[key], top=False)
        return node
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(list(node)))
        action = draw(st.sampled_from(["drop", "misspell", "add"]))
        if action == "drop":
            del node[key]
        elif action == "misspell":
            node[misspell(draw, key)] = node.pop(key)
        else:
            node[draw(st.text(min_size=1, max_size=12))] = draw(values)
        return node
    if isinstance(node, list) and node and draw(st.booleans()):
        index = draw(st.integers(0, len(node) - 1))
        node.insert(index, node[index]) if draw(st.booleans()) else node.pop(index)
        return node
    return draw(values)


@st.composite
def mutated_yaml(draw, source: str) -> str:
    """``source`` (a valid YAML document) with one to three mutations, written back as YAML text."""
    document = copy.deepcopy(yaml.safe_load(source))
    for _ in range(draw(st.integers(1, 3))):
        document = mutate(draw, document)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(1, len(text)))
        text = text[:at] + draw(st.sampled_from(["", draw(st.characters()), "\t", ": ", "- ", "&a ", "*a"])) \
            + (text[at:] if draw(st.booleans()) else "")
    return text


def render_and_check(selection: Path, *options: str) -> None:
    """Render every format over earlier outputs and check the property."""
    out = selection.parent / "out"
    out.mkdir()
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    result = CliRunner().invoke(main, ["render", str(selection), "-o", str(out), "-f", "docx", "-f", "txt",
                                       "-f", "json", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(EARLIER), files  # nothing temporary or partial left beside the letters
    if result.exit_code == 1:
        assert result.stdout == ""
        assert result.stderr and all(ERROR_LINE.match(line) for line in result.stderr.splitlines()), result.stderr
        assert {name: (out / name).read_bytes() for name in EARLIER} == EARLIER
    else:
        assert result.stderr == ""
        assert json.loads((out / "kent.json").read_text(encoding="utf-8"))["blocks"]
        assert (out / "kent.txt").read_text(encoding="utf-8").strip()
        assert read_docx_paragraphs(out / "kent.docx")


@settings(max_examples=120, **QUICK)
@given(text=mutated_yaml(KENT.read_text(encoding="utf-8")))
def test_mutated_selections_never_break_letterforge(text):
    with tempfile.TemporaryDirectory() as folder:
        selection = Path(folder) / "kent.yaml"
        selection.write_text(text, encoding="utf-8")
        render_and_check(selection)


@st.composite
def mutated_library_file(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(LIBRARY_FILES))
    return name, draw(mutated_yaml((default_library() / name).read_text(encoding="utf-8")))


@settings(max_examples=60, **QUICK)
@given(change=mutated_library_file())
def test_mutated_library_files_never_break_letterforge(change):
    name, text = change
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library"
        shutil.copytree(default_library(), library)
        (library / name).write_text(text, encoding="utf-8")
        shutil.copy(KENT, Path(folder) / "kent.yaml")
        render_and_check(Path(folder) / "kent.yaml", "--library", str(library))
        lint = CliRunner().invoke(main, ["library", "lint", "--library", str(library)])
        assert lint.exception is None or isinstance(lint.exception, SystemExit), repr(lint.exception)
        assert lint.exit_code in (0, 1) and "Traceback" not in lint.output
