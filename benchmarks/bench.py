"""How fast letterforge is, measured as a user meets it: whole processes, wall-clock, medians.

    pip install -e '.[bench]' && python benchmarks/bench.py [--runs 5]

1. 43 Kent-sized letters, one ``letterforge render DIR -o OUT`` process (DOCX
   and text), side by side with one docxtpl process rendering the same 43
   letters as DOCX from a Jinja-in-Word template built from our house style;
   the ratio is the target (at most 0.5).
2. ``letterforge --help`` (target under 150 ms) and one letter, whole process
   (target under 400 ms).
3. Scale: 43, 200 and 1,000 selections against a generated library of 500
   findings: milliseconds per letter and peak memory (RSS of the largest
   process); time should grow linearly (200 letters on the line through 43
   and 1,000) and peak memory stay flat.

Everything is generated in a temporary folder and removed afterwards.  The
figures depend on how busy the machine is, so the load average is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import GENERATED_INSPECTION, write_library, write_selections
from docxtpl_baseline import build_template, letter_context

from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.load.library import library_at
from letterforge.app.pipeline import build_letter
from letterforge.resources import default_library, templates_dir

ROOT = Path(__file__).resolve().parent.parent
SCALE_SIZES = (43, 200, 1000)
SCALE_FINDINGS = 500


@dataclass(frozen=True)
class Timing:
    """The median wall time of several runs of one command, and the largest peak RSS seen."""

    seconds: float
    peak_rss_mb: float


def measure(argv: list[str], runs: int) -> Timing:
    """Run ``argv`` ``runs`` times; fail loudly if it ever fails."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)  # the usage covers the workers it reaped too
            times.append(time.perf_counter() - start)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode:
                errors.seek(0)
                sys.exit(f"{' '.join(argv)} failed:\n{errors.read().decode(errors='replace')}")
        peaks.append(usage.ru_maxrss / 1024)
    return Timing(statistics.median(times), max(peaks))


def letterforge_command() -> list[str]:
    """The installed ``letterforge`` script beside this Python, as a user would type it."""
    script = Path(sys.executable).with_name("letterforge")
    return [str(script)] if script.exists() else [sys.executable, "-m", "letterforge"]


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.python_implementation()} {platform.python_version()} on {platform.system()}, "
            f"{os.cpu_count()} cores, load average {load}")


def compile_bytecode() -> None:
    """Compile letterforge's modules as pip does when it installs a package.

    An editable checkout under PYTHONDONTWRITEBYTECODE never caches bytecode,
    and compiling 30 modules anew costs every process about 60 ms that no
    installed letterforge (nor docxtpl, compiled by pip) pays.
    """
    import compileall

    import letterforge

    compileall.compile_dir(Path(letterforge.__file__).parent, quiet=1)


def against_docxtpl(work: Path, runs: int) -> float:
    """Section 1; returns the ratio letterforge / docxtpl."""
    forces = work / "forces"
    write_selections(forces, 43)
    library = library_at(default_library())
    letters = [letter_context(build_letter(path, library)) for path in sorted(forces.glob("*.yaml"))]
    contexts = work / "letters.json"
    contexts.write_text(json.dumps(letters, ensure_ascii=False), encoding="utf-8")
    template = build_template(templates_dir() / "house-style.docx", work / "docxtpl-template.docx")
    ours, theirs = work / "letterforge-out", work / "docxtpl-out"
    theirs.mkdir()
    docxtpl_argv = [sys.executable, str(Path(__file__).with_name("docxtpl_baseline.py")), str(template),
                    str(contexts), str(theirs)]
    letterforge_argv = letterforge_command() + ["render", str(forces), "-o", str(ours)]
    docxtpl_times, letterforge_times = [], []
    for _ in range(runs):  # interleaved, so both meet the same background load
        docxtpl_times.append(measure(docxtpl_argv, 1).seconds)
        letterforge_times.append(measure(letterforge_argv, 1).seconds)
    _check_same_letters(ours, theirs, [letter["name"] for letter in letters])
    docxtpl, ours_s = statistics.median(docxtpl_times), statistics.median(letterforge_times)
    ratio = ours_s / docxtpl
    print("\n43 Kent-sized letters, whole process, median of", runs)
    print(f"  docxtpl      DOCX          {docxtpl * 1000:7.0f} ms  ({docxtpl * 1000 / 43:5.1f} ms a letter)")
    print(f"  letterforge  DOCX and text {ours_s * 1000:7.0f} ms  ({ours_s * 1000 / 43:5.1f} ms a letter)")
    print(f"  ratio letterforge / docxtpl: {ratio:.2f}  (target at most 0.50: {_verdict(ratio <= 0.5)})")
    return ratio


def _check_same_letters(ours: Path, theirs: Path, names: list[str]) -> None:
    """Both wrote the same paragraphs, in the same styles, for every letter."""
    for name in names:
        mine = [(p.kind, p.text) for p in read_docx_paragraphs(ours / f"{name}.docx")]
        other = [(p.kind, p.text) for p in read_docx_paragraphs(theirs / f"{name}.docx")]
        if mine != other:
            sys.exit(f"docxtpl and letterforge wrote different letters for {name}")
        if not (ours / f"{name}.txt").is_file():
            sys.exit(f"letterforge wrote no text for {name}")


def startup(work: Path, runs: int) -> None:
    """Section 2."""
    command = letterforge_command()
    help_time = measure(command + ["--help"], runs).seconds
    one = measure(command + ["render", str(ROOT / "examples" / "kent.yaml"), "-o", str(work / "one")], runs).seconds
    print("\nStartup, whole process, median of", runs)
    print(f"  letterforge --help          {help_time * 1000:5.0f} ms  (target under 150 ms: {_verdict(help_time < 0.15)})")
    print(f"  letterforge render kent.yaml {one * 1000:4.0f} ms  (target under 400 ms: {_verdict(one < 0.4)})")


def scale(work: Path, runs: int) -> None:
    """Section 3: time and memory at three sizes; linear means the middle size sits on the line through the others."""
    library = write_library(work / "library", findings=SCALE_FINDINGS)
    everyone = write_selections(work / "all", max(SCALE_SIZES), library=library, inspection=GENERATED_INSPECTION)
    results: dict[int, Timing] = {}
    for size in SCALE_SIZES:
        folder = work / f"selections-{size}"
        folder.mkdir()
        for path in everyone[:size]:
            os.link(path, folder / path.name)
        argv = letterforge_command() + ["render", str(folder), "-o", str(work / f"out-{size}"),
                                        "--library", str(library)]
        results[size] = measure(argv, runs if size <= 200 else max(3, runs - 2))
    print(f"\nScale: a generated library of {SCALE_FINDINGS} findings, DOCX and text, medians")
    print("  selections   total ms   ms a letter   peak RSS (largest process)")
    for size, timing in results.items():
        print(f"  {size:10,d} {timing.seconds * 1000:10.0f} {timing.seconds * 1000 / size:13.1f}"
              f"   {timing.peak_rss_mb:6.1f} MB")
    (small, n_small), (middle, n_middle), (large, n_large) = ((results[s].seconds, s) for s in SCALE_SIZES)
    per_letter = (large - small) / (n_large - n_small)
    fixed = small - per_letter * n_small
    expected = fixed + per_letter * n_middle
    off = abs(middle - expected) / expected
    print(f"  line through {n_small:,} and {n_large:,}: {fixed * 1000:.0f} ms to start (the 500-finding library "
          f"included) + {per_letter * 1000:.1f} ms a letter; {n_middle:,} letters sit {off:.0%} off it "
          f"(linear: {_verdict(off <= 0.15)})")
    growth = results[n_large].peak_rss_mb - results[n_small].peak_rss_mb
    print(f"  peak memory from {n_small:,} to {n_large:,} letters: {growth:+.1f} MB "
          f"(flat: {_verdict(growth < 0.1 * results[n_small].peak_rss_mb)})")


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="runs of each command (default 5; at least 7 for startup, 3 for 1,000 letters)")
    args = parser.parse_args()
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        sys.exit("docxtpl is not installed: pip install -e '.[bench]'")
    compile_bytecode()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="letterforge-bench-") as folder:
        work = Path(folder)
        against_docxtpl(work, args.runs)
        startup(work, max(args.runs, 7))
        scale(work, args.runs)
    print(f"\nafter the runs: {machine()}")


if __name__ == "__main__":
    main()
