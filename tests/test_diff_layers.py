"""The diff core keeps to DESIGN's layers: it reads, aligns and compares; renderers and the CLI stay outside."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import letterforge.diff
from letterforge.cli.diff import FORMAT_NAMES
from letterforge.render import COMPARISON_FORMATS


def test_the_diff_package_imports_no_renderer_and_no_click():
    modules = [f"letterforge.diff.{m.name}" for m in pkgutil.iter_modules(letterforge.diff.__path__)]
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout)
    assert [m for m in loaded if m.startswith("letterforge.render.") or m.split(".")[0] == "click"] == []


def test_every_comparison_format_has_a_renderer_and_the_cli_offers_each():
    assert FORMAT_NAMES == tuple(COMPARISON_FORMATS) == ("docx", "txt", "json")
    for name, fmt in COMPARISON_FORMATS.items():
        assert callable(fmt.renderer()), name
