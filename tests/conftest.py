"""Shared fixtures: the repository's paths, the shipped library, and helpers to build letters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.corpus import write_selections
from letterforge.cli import main
from letterforge.load.library import Library
from letterforge.app.pipeline import build_letter
from letterforge.resources import default_library

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"

KENT = EXAMPLES / "kent.yaml"
UNNAMED = EXAMPLES / "unnamed-force.yaml"


def run(*args):
    """Run ``letterforge ARGS…`` in click's CliRunner; an unexpected exception fails the test."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def edit(path: Path, *replacements: tuple[str, str]) -> Path:
    """Rewrite the text file at ``path``, replacing each ``(old, new)`` once; every ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def reference_blocks(name: str) -> list[dict]:
    """The blocks of a reference letter (``kent`` or ``unnamed-force``)."""
    return json.loads((GOLDEN / f"{name}-letter.json").read_text(encoding="utf-8"))["blocks"]


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(default_library())


@pytest.fixture(scope="session")
def kent_letter(library):
    return build_letter(KENT, library)


@pytest.fixture(scope="session")
def unnamed_letter(library):
    return build_letter(UNNAMED, library)


@pytest.fixture
def selection_file(tmp_path):
    """Write a selection derived from kent.yaml: ``selection_file(lambda text: text.replace(…))``."""

    def make(edit=lambda text: text, name: str = "kent.yaml") -> Path:
        path = tmp_path / name
        path.write_text(edit(KENT.read_text(encoding="utf-8")), encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def forces(tmp_path_factory) -> Path:
    """A folder of 43 Kent-sized selections, one per force of England and Wales (generated, seeded)."""
    folder = tmp_path_factory.mktemp("forces")
    write_selections(folder, 43)
    return folder


@pytest.fixture
def library_copy(tmp_path):
    """A copy of the shipped findings library to edit: ``tmp_path/library``."""
    root = tmp_path / "library"
    shutil.copytree(default_library(), root)
    return root


UNUSABLE_EMBARGOES = {
    "missing": ("embargo: 2014-09-04 00:01\n", "", "2:1",
                "the inspection has no embargo instant (add  embargo: YYYY-MM-DD HH:MM  (Europe/London))"),
    "not-a-time": ("embargo: 2014-09-04 00:01", "embargo: tomorrow", "6:10",
                   "embargo must be a local date and time written YYYY-MM-DD HH:MM, e.g. 2014-09-04 00:01"),
    "skipped-by-london": ("embargo: 2014-09-04 00:01", "embargo: 2014-03-30 01:30", "6:10",
                          "embargo 2014-03-30 01:30 does not exist in London (the clocks go forward) "
                          "(choose another time)"),
}
"""Ways the shipped inspection's embargo can be unusable: ``(old text, new text, where, the loader's problem)``."""


@pytest.fixture(params=sorted(UNUSABLE_EMBARGOES))
def unusable_embargo(request, library_copy):
    """``(library, inspection.yaml, where, problem)``: a copy of the library whose embargo is missing or invalid."""
    old, new, where, problem = UNUSABLE_EMBARGOES[request.param]
    inspection = edit(library_copy / "core-business-2014" / "inspection.yaml", (old, new))
    return library_copy, inspection, where, problem

