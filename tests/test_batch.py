"""Batches: every selection of a folder on every core, in order, one failure never stopping the others."""

from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from letterforge.app import batch
from letterforge.app.batch import Outcome, run_each
from letterforge.cli import main
from letterforge.cli.common import Progress
from letterforge.errors import LetterforgeError, LetterforgeWarning, Location, Problems

from .conftest import KENT, ROOT


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def located_job(path: Path) -> str:
    """A picklable job: fails, located, for names starting with 'bad'; otherwise gives the pid that ran it."""
    if path.name.startswith("bad"):
        raise Problems([LetterforgeError("broken", Location(str(path), 3, 5), "mend it"),
                        LetterforgeWarning("odd", Location(str(path), 4, 1))])
    import os

    return f"{path.name}:{os.getpid()}"


# ---------------------------------------------------------------- the runner


def test_errors_survive_pickling_with_location_and_hint():
    problems = Problems([LetterforgeError("unknown finding 'x'", Location("a.yaml", 4, 7), "did you mean 'y'?"),
                         LetterforgeWarning("spelt two ways", Location("a.yaml", 9, 1))])
    back = pickle.loads(pickle.dumps(problems))
    assert type(back) is Problems and [type(e) for e in back] == [LetterforgeError, LetterforgeWarning]
    assert back.format_message() == problems.format_message() == (
        "a.yaml:4:7: error: unknown finding 'x' (did you mean 'y'?)\na.yaml:9:1: warning: spelt two ways")
    single = pickle.loads(pickle.dumps(LetterforgeError("no such file", Location("b.yaml"))))
    assert (single.message, single.location, single.hint) == ("no such file", Location("b.yaml"), None)


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_input_order_with_each_failure_located(workers):
    import os

    paths = [Path(name) for name in ("a", "bad-1", "c", "d", "bad-2", "f", "g")]
    outcomes = list(run_each(located_job, paths, workers=workers))
    assert [o.path for o in outcomes] == paths
    assert [o.error is None for o in outcomes] == [True, False, True, True, False, True, True]
    assert outcomes[1].error.format_message() == "bad-1:3:5: error: broken (mend it)\nbad-1:4:1: warning: odd"
    pids = {o.result.split(":")[1] for o in outcomes if o.error is None}
    assert outcomes[0].result == f"a:{os.getpid()}"  # the first warms this process's caches
    if workers == 2 and batch.can_fork():
        assert len(pids) > 1  # the rest ran in forked workers


@pytest.mark.parametrize("workers", [1, 2])
def test_the_tally_counts_every_job_that_finished_wherever_it_ran(workers):
    tally = batch.Tally()
    paths = [Path(f"{'bad-' if n % 5 == 0 else ''}{n}") for n in range(1, 41)]
    outcomes = list(run_each(located_job, paths, workers=workers, tally=tally))
    assert tally.count == sum(o.error is None for o in outcomes) == 32
    ran_in_workers = sum(o.result is not None and not o.result.endswith(f":{__import__('os').getpid()}")
                         for o in outcomes)
    assert ran_in_workers == (0 if workers == 1 or not batch.can_fork() else 31)  # all but the first


def sleepy_job(path: Path) -> None:
    """Marks that it started (except for the first path), then sleeps for long."""
    import time

    if path.name != "first":
        path.touch()
        time.sleep(30)


@pytest.mark.skipif(not batch.can_fork(), reason="no forked workers here")
def test_ctrl_c_ends_the_workers_quietly(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    paths = [tmp_path / name for name in ("first", "a", "b")]
    script = ("import sys\nfrom pathlib import Path\nfrom letterforge.app.batch import run_each\n"
              "from tests.test_batch import sleepy_job\n"
              "try:\n    list(run_each(sleepy_job, [Path(p) for p in sys.argv[1:]], workers=2))\n"
              "except KeyboardInterrupt:\n    print('interrupted')\n")
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, paths)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not all(p.exists() for p in paths[1:]) and time.monotonic() < deadline:
        time.sleep(0.05)  # until both workers are inside a job
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the whole process group
    out, err = process.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert out == "interrupted\n"
    assert err == ""  # no worker tracebacks


def termination_job(path: Path) -> tuple[bool, int]:
    """A picklable job: whether SIGTERM would unwind it (the worker's ``_leave``), and the worker's pid."""
    import os
    import signal

    return signal.getsignal(signal.SIGTERM) is batch._leave, os.getpid()


@pytest.mark.skipif(not batch.can_fork(), reason="no forked workers here")
def test_sigterm_unwinds_a_job_and_kills_an_idle_worker_at_once():
    """A Python handler for SIGTERM in a worker waiting for work could miss the signal (it came just before the
    worker blocked) and wait for ever: the pool ending it then hangs the batch.  So only a job in progress has one."""
    import multiprocessing
    import signal

    outcomes = list(run_each(termination_job, [Path(f"f{n}.yaml") for n in range(12)], workers=2))
    assert all(outcome.result[0] for outcome in outcomes[1:])  # every job in a worker unwinds on SIGTERM
    assert len({outcome.result[1] for outcome in outcomes[1:]}) >= 1

    def idle_disposition(answer) -> None:
        batch._leave_signals_to_the_parent()
        answer.put((signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)))

    context = multiprocessing.get_context("fork")
    answer = context.SimpleQueue()
    worker = context.Process(target=idle_disposition, args=(answer,))
    worker.start()
    worker.join(10)
    assert answer.get() == (signal.SIG_DFL, signal.SIG_IGN)


@pytest.mark.skipif(not batch.can_fork(), reason="no forked workers here")
def test_a_finished_batch_lets_its_workers_leave_without_a_signal(monkeypatch):
    """Every job done, the pool is closed and joined (its workers told there is no more work): no worker is sent
    SIGTERM, so none can be caught waiting for work by it."""
    from multiprocessing import popen_fork

    signalled = []
    send = popen_fork.Popen._send_signal
    monkeypatch.setattr(popen_fork.Popen, "_send_signal",
                        lambda self, number: signalled.append((self.pid, number)) or send(self, number))
    assert len(list(run_each(termination_job, [Path(f"f{n}.yaml") for n in range(12)], workers=2))) == 12
    assert signalled == []


def test_one_core_or_two_paths_run_in_this_process(monkeypatch):
    import os

    monkeypatch.setattr(batch, "usable_cores", lambda: 1)
    outcomes = list(run_each(located_job, [Path("a"), Path("b")]))
    assert [o.result for o in outcomes] == [f"a:{os.getpid()}", f"b:{os.getpid()}"]
    assert list(run_each(located_job, [Path("x"), Path("y")], workers=4)) == [
        Outcome(Path("x"), f"x:{os.getpid()}"), Outcome(Path("y"), f"y:{os.getpid()}")]


# ---------------------------------------------------------------- the commands


@pytest.fixture
def forces_with_a_broken_one(forces, tmp_path):
    folder = tmp_path / "forces"
    shutil.copytree(forces, folder)
    broken = folder / "0044-broken.yaml"
    broken.write_text(KENT.read_text(encoding="utf-8").replace("salutation:", "salutaton:"), encoding="utf-8")
    return folder, broken


def test_a_folder_of_43_renders_to_43_docx_and_43_text_files(forces, tmp_path):
    result = run("render", forces, "-o", tmp_path / "drafts")
    assert result.exit_code == 0, result.stderr
    stems = sorted(p.stem for p in forces.glob("*.yaml"))
    assert len(stems) == 43
    assert result.stdout.splitlines() == [str(tmp_path / "drafts" / f"{stem}.{ext}")
                                          for stem in stems for ext in ("docx", "txt")]
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == sorted(
        f"{stem}.{ext}" for stem in stems for ext in ("docx", "txt"))
    assert result.stderr == ""


def test_a_broken_selection_is_named_and_the_other_43_are_written(forces_with_a_broken_one, tmp_path):
    folder, broken = forces_with_a_broken_one
    result = run("render", folder, "-o", tmp_path / "drafts", "-f", "txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{broken}:12:1: error: unknown key 'salutaton' in the selection (did you mean 'salutation'?)",
        f"43 rendered, 1 with errors: {broken}"]
    written = sorted(p.name for p in (tmp_path / "drafts").iterdir())
    assert len(written) == 43 and "0044-broken.txt" not in written
    assert len(result.stdout.splitlines()) == 43


def test_check_reports_the_broken_selection_and_counts_the_clean(forces_with_a_broken_one):
    folder, broken = forces_with_a_broken_one
    result = run("check", folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"44 checked: 7 with warnings only, 1 with errors: {broken}"
    assert run("check", folder.parent / "nowhere", KENT).stderr.splitlines()[-1] == (
        f"2 checked: 1 with warnings only, 1 with errors: {folder.parent / 'nowhere'}")


# ---------------------------------------------------------------- the progress bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with Progress(3, "Rendering", stream) as progress:
            for _ in range(3):
                progress.clear()
                progress.advance()
    assert "Rendering" in terminal.getvalue() and "100%" in terminal.getvalue()
    assert "\r\x1b[K" in terminal.getvalue()  # the bar's line is cleared before anything else is printed
    assert pipe.getvalue() == ""
    one = Terminal()
    with Progress(1, "Rendering", one) as progress:
        progress.advance()
    assert one.getvalue() == ""  # a single letter needs no bar


def test_the_benchmarks_generated_library_and_selections_check_clean(tmp_path):
    from benchmarks.corpus import GENERATED_INSPECTION, write_library, write_selections

    library = write_library(tmp_path / "library", findings=30, sections=3)
    write_selections(tmp_path / "selections", 5, library=library, inspection=GENERATED_INSPECTION)
    result = run("check", tmp_path / "selections", "--library", library)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "5 checked: 0 with warnings only, 0 with errors\n"


# ---------------------------------------------------------------- a batch stopped by a signal


@pytest.fixture(scope="module")
def many_selections(tmp_path_factory):
    from benchmarks.corpus import write_selections

    folder = tmp_path_factory.mktemp("many") / "forces"
    write_selections(folder, 400)
    return folder


@pytest.mark.skipif(not batch.can_fork(), reason="no forked workers here")
@pytest.mark.parametrize("stop, to_group, code", [("SIGTERM", False, 143), ("SIGINT", True, 130)])
def test_a_stopped_batch_keeps_what_it_finished_and_leaves_no_temporary_file(many_selections, tmp_path, stop, to_group,
                                                                              code):
    import os
    import signal
    import subprocess
    import sys
    import time

    import yaml

    from letterforge.ooxml.docx_reader import DocxParagraph, read_docx_paragraphs

    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "letterforge", "render", str(many_selections), "-o", str(out)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.is_dir() or len(list(out.glob("*.docx"))) < 30):
        time.sleep(0.01)
    number = getattr(signal, stop)
    if to_group:
        os.killpg(process.pid, number)  # as a terminal's Ctrl-C: every process of the group
    else:
        os.kill(process.pid, number)  # as a service manager: the parent alone
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    *_, last = stderr.splitlines()
    written = int(last.split(": ")[1].split(" of ")[0])
    assert last == f"interrupted by {stop}: {written} of 400 rendered"
    assert "Traceback" not in stderr
    assert 0 < written < 400  # it was stopped mid-batch (30 letters were on disk)
    listed = [Path(line) for line in stdout.splitlines()]
    assert len(listed) <= 2 * written and all(path.is_file() for path in listed)
    letters, texts = sorted(out.glob("*.docx")), sorted(out.glob("*.txt"))
    both = {p.stem for p in letters} & {p.stem for p in texts}
    assert len(both) >= written  # every letter counted has both its files
    assert len(letters) <= written + batch.usable_cores()  # beyond those, at most the one each worker was renaming
    forces = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["force"]
              for path in many_selections.glob("*.yaml")}
    for letter in letters:  # every file left is complete, down to the letter's last line: its copy-to force
        assert read_docx_paragraphs(letter)[-1] == DocxParagraph("copy", forces[letter.stem], "Letter Copy")
    for text in texts:
        assert text.read_text(encoding="utf-8").endswith(f"\n{forces[text.stem]}\n")
