"""A plain `pip install .` carries the findings library and templates inside the package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import KENT, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
                            capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    return next(out.glob("letterforge-*.whl"))


def test_wheel_holds_library_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("letterforge/_data/findings_library/people.yaml",
                   "letterforge/_data/findings_library/core-business-2014/inspection.yaml",
                   "letterforge/_data/templates/letter.j2",
                   "letterforge/_data/templates/house-style.docx"):
        assert needed in names


def test_installed_wheel_renders_without_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(KENT, work / "kent.yaml")
    env = dict(os.environ, PYTHONPATH=str(target))
    where = subprocess.run([sys.executable, "-c", "import letterforge; print(letterforge.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(target))
    result = subprocess.run([sys.executable, "-m", "letterforge", "render", "kent.yaml", "-f", "json"],
                            cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    blocks = json.loads((work / "kent.json").read_text(encoding="utf-8"))["blocks"]
    assert len(blocks) == 43 and blocks[0]["text"] == "Her Majesty’s Inspectorate of Constabulary"
    assert str(ROOT) not in (work / "kent.json").read_text(encoding="utf-8")
