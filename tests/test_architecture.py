"""The package's tree reads as the pipeline, and imports run one way.

import-linter checks the contracts of pyproject.toml (stages import only the stages below them;
the core imports neither click nor a renderer; renderers never read YAML). The tree itself stays
small at the top: at most 12 modules loose beside the stage folders, none over 400 lines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "letterforge"
STAGES = ("language", "load", "ooxml", "compose", "checks", "tools", "diff", "extract", "render", "app", "cli")


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and result.stdout.count("KEPT") == 3, result.stdout


def test_at_most_twelve_loose_modules():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 12, loose


def test_every_stage_is_a_folder_that_says_what_it_takes_and_gives():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), stage
        docstring = init.read_text(encoding="utf-8").split('"""')
        assert len(docstring) >= 3 and len(docstring[1].strip()) > 40, f"{stage}/__init__.py has no docstring"


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
