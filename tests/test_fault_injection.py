"""Fault injection: render, review and check into one folder while writes fail at random points.

Hypothesis draws a sequence of commands, each run with a fault plan: the
k-th ``os.replace``, file write or backup link of that run raises
``OSError`` (or nothing fails).  Before each command the selection's
salutation is changed to name the run, so every output says which run wrote
it.  Afterwards: each output is complete (it parses), it is from the last
run of its command that succeeded (all outputs of one command from the same
run), and no temporary or backup file is left in the folder.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterforge.app import output

from .conftest import KENT, run

COMMANDS = {
    "render": (["render", "-f", "docx", "-f", "txt", "-f", "json"], ("kent.docx", "kent.txt", "kent.json")),
    "review": (["review", "-f", "html", "-f", "docx"], ("kent.review.html", "kent.review.docx")),
    "check": (["check"], ()),
}
FAULTS = ("none", "replace", "write", "link")


class _Fault:
    """Raise ``OSError`` at the ``at``-th call of the patched function, counting from 0."""

    def __init__(self, real, at: int) -> None:
        self.real, self.at, self.calls = real, at, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls - 1 == self.at:
            raise OSError(28, "No space left on device")
        return self.real(*args, **kwargs)


def _patches(kind: str, at: int) -> ExitStack:
    stack = ExitStack()
    if kind == "replace":
        stack.enter_context(mock.patch.object(output.os, "replace", _Fault(os.replace, at)))
    elif kind == "link":
        stack.enter_context(mock.patch.object(output.os, "link", _Fault(os.link, at)))
    elif kind == "write":
        real_fdopen = os.fdopen
        counter = {"n": 0}

        def fdopen(fd, *args, **kwargs):
            f = real_fdopen(fd, *args, **kwargs)
            real_write = f.write

            def write(data):
                counter["n"] += 1
                if counter["n"] - 1 == at:
                    raise OSError(28, "No space left on device")
                return real_write(data)

            f.write = write
            return f

        stack.enter_context(mock.patch.object(output.os, "fdopen", fdopen))
    return stack


def _marker(path: Path) -> int:
    """Which run wrote the output at ``path`` (from the salutation it holds); the output must parse whole."""
    name = path.name
    if name.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            text = z.read("word/document.xml").decode("utf-8")
    elif name.endswith(".json"):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")))
    elif name.endswith(".html"):
        text = path.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>")
    else:
        text = path.read_text(encoding="utf-8")
        assert text.rstrip().endswith("HMIC Liaison Officer")
    found = {int(n) for n in re.findall(r"Dear Alan (\d+)", text)}
    assert len(found) == 1, (name, found)
    return found.pop()


steps = st.lists(st.tuples(st.sampled_from(sorted(COMMANDS)), st.sampled_from(FAULTS), st.integers(0, 4)),
                 min_size=1, max_size=4)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_every_output_is_complete_and_from_one_run_whatever_fails(plan):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        selection = root / "kent.yaml"
        source = KENT.read_text(encoding="utf-8")
        expected: dict[str, int] = {}
        for number, (command, fault, at) in enumerate(plan, start=1):
            selection.write_text(source.replace("Dear Alan", f"Dear Alan {number}"), encoding="utf-8")
            arguments, outputs = COMMANDS[command]
            with _patches(fault, at):
                result = run(*arguments, selection)
            assert "Traceback" not in result.output
            if command == "check":
                assert result.exit_code == 0, result.output
            elif result.exit_code == 0:
                expected.update({name: number for name in outputs})
            else:
                assert result.exit_code == 1 and "error: cannot write" in result.stderr, result.output
            left = sorted(p.name for p in root.iterdir())
            assert left == sorted(["kent.yaml", *expected]), (plan, left)  # no .tmp, no .bak, nothing half-made
            for name, run_number in expected.items():
                assert _marker(root / name) == run_number, (plan, name)
