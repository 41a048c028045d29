"""An output stream that cannot be written is one line on standard error and exit 1, never a traceback.

Driven through real processes: ``/dev/full`` (a full disk), a pipe whose
reader has gone, and a descriptor closed before letterforge started.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, KENT, UNNAMED

LETTERFORGE = [sys.executable, "-m", "letterforge"]

COMMANDS = {
    "library list": ["library", "list"],
    "library search": ["library", "search", "named", "suspects"],
    "new": ["new", "--inspection", "core-business-2014", "--force", "Kent Police"],
    "render": ["render", str(KENT), "-f", "txt", "-o", "{tmp}"],
    "diff": ["diff", str(KENT), str(UNNAMED), "-f", "txt"],
    "--help": ["--help"],
}


def _args(name: str, tmp_path: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[name]]


def _no_traceback(stderr: bytes) -> None:
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr.decode()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_standard_output_on_a_full_device(name, tmp_path):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*LETTERFORGE, *_args(name, tmp_path)], stdout=full, stderr=subprocess.PIPE)
    _no_traceback(result.stderr)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == \
        "letterforge: error: cannot write the output: No space left on device"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_standard_output_into_a_closed_pipe(name, tmp_path):
    read, write = os.pipe()
    os.close(read)  # nobody will read: every write is EPIPE
    try:
        result = subprocess.run([*LETTERFORGE, *_args(name, tmp_path)], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    _no_traceback(result.stderr)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == "letterforge: error: cannot write the output: Broken pipe"


def test_standard_error_into_a_closed_pipe_or_a_full_device():
    """``check`` reports on standard error: when that cannot be written, exit 1, and nothing raw anywhere."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([*LETTERFORGE, "check", str(EXAMPLES)], stdout=subprocess.PIPE, stderr=write)
    finally:
        os.close(write)
    assert result.returncode == 1 and result.stdout == b""
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([*LETTERFORGE, "check", str(EXAMPLES)], stdout=subprocess.PIPE, stderr=full)
        assert result.returncode == 1 and result.stdout == b""


def test_standard_output_closed_before_the_start():
    result = subprocess.run([*LETTERFORGE, "library", "list"], stdout=None, stderr=subprocess.PIPE,
                            preexec_fn=lambda: os.close(1))
    _no_traceback(result.stderr)
    assert result.returncode == 1
    assert result.stderr.decode() == "letterforge: error: cannot write the output: standard output or error is closed\n"


def test_nothing_changes_when_the_streams_are_fine():
    result = subprocess.run([*LETTERFORGE, "library", "list"], capture_output=True)
    assert result.returncode == 0 and result.stderr == b"" and b"core-business-2014" in result.stdout
