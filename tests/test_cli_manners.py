"""CLI manners: coloured problems on a terminal only, --help in the order of the work, shell completion."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.shell_completion import BashComplete

from letterforge.cli import WORK_ORDER, main
from letterforge.cli.common import colour_wanted, styled
from letterforge.errors import LetterforgeError, LetterforgeWarning, Location

from .conftest import KENT, ROOT, run

MISSPELT = "examples/kent.yaml:45:7: error: unknown finding 'named-suspect' in section 'attendance' "


class Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour_wanted(Terminal(True)) and not colour_wanted(Terminal(False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(Terminal(True))


def test_a_coloured_problem_reads_the_same_once_the_colours_are_taken_out():
    error = LetterforgeError("unknown finding 'x'", Location("kent.yaml", 45, 7), "did you mean 'y'?")
    warning = LetterforgeWarning("an empty section", Location("kent.yaml", 3, 1))
    for problem, colour in ((error, "\x1b[31m"), (warning, "\x1b[33m")):
        line = styled(problem)
        assert colour in line and "\x1b[1mkent.yaml" in line
        assert click.unstyle(line) == problem.format_message()
    assert click.unstyle(styled(LetterforgeError("no place"))) == "error: no place"


def run_in_terminal(*args: str, **env: str) -> bytes:
    """``letterforge ARGS`` with its standard error on a pseudo-terminal (as a person sees it)."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    process = subprocess.run([sys.executable, "-m", "letterforge", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=follower, env=environment, timeout=60)
    os.close(follower)
    out = b""
    try:
        while chunk := os.read(leader, 65536):
            out += chunk
    except OSError:
        pass
    os.close(leader)
    assert process.returncode == 1
    return out


def test_errors_are_red_on_a_terminal_and_plain_with_no_color(tmp_path):
    broken = tmp_path / "kent.yaml"
    broken.write_text(KENT.read_text(encoding="utf-8").replace("named-suspects/robust", "named-suspect/robust"),
                      encoding="utf-8")
    coloured = run_in_terminal("check", str(broken))
    assert b"\x1b[31m\x1b[1merror:\x1b[0m unknown finding 'named-suspect'" in coloured
    plain = run_in_terminal("check", str(broken), NO_COLOR="1")
    assert b"\x1b[" not in plain and b"error: unknown finding 'named-suspect'" in plain


def test_errors_are_plain_in_a_pipe(selection_file):
    path = selection_file(lambda text: text.replace("named-suspects/robust", "named-suspect/robust"))
    result = subprocess.run([sys.executable, "-m", "letterforge", "check", str(path)], capture_output=True, text=True)
    assert "\x1b[" not in result.stderr and ": error: unknown finding 'named-suspect'" in result.stderr


def test_help_lists_the_commands_in_the_order_of_the_work_each_in_one_whole_sentence():
    output = run("--help").output
    rows = output.split("Commands:\n", 1)[1].splitlines()
    names = [row.split()[0] for row in rows]
    assert names == [name for name in WORK_ORDER if name in main.commands]
    assert names[:4] == ["new", "check", "render", "review"] and names[-2:] == ["schema", "preview"]
    assert {"respond", "apply"} <= set(WORK_ORDER)  # they slot in when they arrive
    for row in rows:  # one line each (no continuation lines), a sentence: a capital to a full stop, nothing cut
        assert re.fullmatch(r"  [a-z]+ +[A-Z][^.]*[^.]\.", row), row
    library = run("library", "--help").output.split("Commands:\n", 1)[1].splitlines()
    for row in library:
        assert re.fullmatch(r"  [a-z]+ +[A-Z].*[^.]\.", row), row


def completions(args: list[str], incomplete: str) -> list[str]:
    return [item.value for item in BashComplete(main, {}, "letterforge", "_LETTERFORGE_COMPLETE")
            .get_completions(args, incomplete)]


def test_shell_completion_offers_finding_ids_inspection_ids_and_signatories():
    assert completions(["library", "show"], "named-suspects") == ["named-suspects", "named-suspects/robust"]
    assert "iom/well-managed" in completions(["library", "show", "--inspection", "core-business-2014"], "iom")
    for command in (["new"], ["schema"], ["extract", "x.txt"], ["matrix", "x.yaml", "-o", "m.csv"],
                    ["library", "list"], ["library", "search", "x"]):
        assert completions([*command, "--inspection"], "core") == ["core-business-2014"], command
    assert completions(["new", "--from"], "") == ["roger-baker", "zoe-billingham"]


def test_completion_reads_the_library_named_on_the_command_line(library_copy):
    (library_copy / "people.yaml").write_text("signatories:\n  ann-other: {name: Ann Other, title: HMI}\n",
                                              encoding="utf-8")
    assert completions(["new", "--library", str(library_copy), "--from"], "") == ["ann-other"]
    assert completions(["new", "--library", "/no/such/folder", "--from"], "") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_of_each_shell(shell):
    result = subprocess.run([sys.executable, "-m", "letterforge"], capture_output=True, text=True,
                            env=os.environ | {"_LETTERFORGE_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0 and "_LETTERFORGE_COMPLETE" in result.stdout


def test_bash_completes_a_finding_id_through_the_sourced_script():
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = ('eval "$(_LETTERFORGE_COMPLETE=bash_source letterforge)"; '
              "COMP_WORDS=(letterforge library show named-su); COMP_CWORD=3; _letterforge_completion letterforge; "
              'printf "%s\\n" "${COMPREPLY[@]}"')
    bin_folder = str(Path(sys.executable).parent)
    result = subprocess.run([bash, "-c", script], capture_output=True, text=True, timeout=60,
                            env=os.environ | {"PATH": bin_folder + os.pathsep + os.environ.get("PATH", "")})
    assert result.stdout.split() == ["named-suspects", "named-suspects/robust", "named-suspect-files",
                                     "named-suspect-files/documented"], result.stderr
