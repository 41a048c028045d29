"""How fast letterforge is, measured as a user meets it: whole processes, side by side, robust to a busy machine.

    pip install -e '.[bench]' && python benchmarks/bench.py [--rounds 7] [--quick]

Every comparison runs its commands in interleaved rounds (A B A B …, the
order turned round every other round), so both sides meet the same
background load; it reports the median, the range (lowest–highest) and the
CPU time (user + system, workers included), and a ratio is the median of
the ratios of each round's pair.  Every target of issue 17 is printed with
yes/no:

1. 43 Kent-sized letters, DOCX and text, one process each:
   letterforge / the floor (``benchmarks/floor.py``: the minimal hand-written
   writer, given the assembled words) at most 1.5, and letterforge / docxtpl
   (``benchmarks/docxtpl_baseline.py``, DOCX only) at most 0.30;
2. ``letterforge --help`` at most 60 ms, one letter at most 2× ``--help``;
3. scale, against a generated 500-finding library: marginal CPU a letter
   between 43 and 1,000 letters at most 1.5 ms; peak RSS (of the largest
   process) from 43 to 10,000 letters at most +5 %;
4. ``library lint`` of 1,000 / 5,000 / 10,000 generated findings (planted
   near-duplicates, each warned about): 5,000 at most 8× 1,000.

Everything is generated in a temporary folder and removed afterwards.  The
load average is printed before and after.
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

from corpus import GENERATED_INSPECTION, write_library, write_lint_library, write_selections
from docxtpl_baseline import build_template, letter_context
from floor import make_kit

from letterforge.app.pipeline import build_letter
from letterforge.letter import Letter
from letterforge.load.library import library_at
from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.render.docx import house_style_at, render_docx
from letterforge.render.text import render_text
from letterforge.resources import default_library, templates_dir

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Run:
    """One whole process: wall seconds, CPU seconds (user + system, reaped workers included), peak RSS in MB."""

    wall: float
    cpu: float
    peak_mb: float


def run_once(argv: list[str], ok_codes: tuple[int, ...] = (0,)) -> Run:
    """Run ``argv`` once; exit loudly if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # the usage covers the workers it reaped too
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok_codes:
            errors.seek(0)
            sys.exit(f"{' '.join(argv)} failed ({code}):\n{errors.read().decode(errors='replace')[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def interleaved(commands: dict[str, list[str]], rounds: int, ok_codes: tuple[int, ...] = (0,)) -> dict[str, list[Run]]:
    """Each command once a round, for ``rounds`` rounds, the order reversed every other round."""
    names = list(commands)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for round_number in range(rounds):
        for name in names if round_number % 2 == 0 else reversed(names):
            runs[name].append(run_once(commands[name], ok_codes))
    return runs


def spread(values: list[float], scale: float = 1000, unit: str = "ms", digits: int = 0) -> str:
    """``median (low–high) unit``."""
    low, mid, high = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    unit = f" {unit}" if unit else ""
    return f"{mid:.{digits}f}{unit} ({low:.{digits}f}–{high:.{digits}f})"


def paired(ours: list[Run], theirs: list[Run], field: str = "wall") -> list[float]:
    """The ratio ours / theirs of each round."""
    return [getattr(a, field) / getattr(b, field) for a, b in zip(ours, theirs)]


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def target(label: str, value: str, ok: bool) -> tuple[str, bool]:
    line = f"  TARGET {label}: {value} -> {verdict(ok)}"
    print(line)
    return line, ok


def letterforge_command() -> list[str]:
    """The installed ``letterforge`` script beside this Python, as a user would type it."""
    script = Path(sys.executable).with_name("letterforge")
    return [str(script)] if script.exists() else [sys.executable, "-m", "letterforge"]


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.python_implementation()} {platform.python_version()} on {platform.system()}, "
            f"{os.cpu_count()} cores, load average {load}")


def compile_bytecode() -> None:
    """Compile letterforge's modules as pip does when it installs a package (an editable checkout may not)."""
    import compileall

    import letterforge

    compileall.compile_dir(Path(letterforge.__file__).parent, quiet=1)
    compileall.compile_dir(HERE, quiet=1)


def forty_three(work: Path, rounds: int) -> list[tuple[str, bool]]:
    """Section 1: letterforge against the floor and docxtpl on 43 letters."""
    forces = work / "forces"
    write_selections(forces, 43)
    library = library_at(default_library())
    letters = [build_letter(path, library) for path in sorted(forces.glob("*.yaml"))]
    contexts = work / "letters.json"
    contexts.write_text(json.dumps([letter_context(letter) for letter in letters], ensure_ascii=False), encoding="utf-8")
    template = build_template(templates_dir() / "house-style.docx", work / "docxtpl-template.docx")
    kit_path = work / "floor-kit.json"
    _write_floor_kit(letters, kit_path)
    ours, floor_out, theirs = work / "letterforge-out", work / "floor-out", work / "docxtpl-out"
    theirs.mkdir()
    commands = {
        "letterforge": letterforge_command() + ["render", str(forces), "-o", str(ours)],
        "floor": [sys.executable, str(HERE / "floor.py"), str(kit_path), str(forces), str(default_library()),
                  str(floor_out)],
        "docxtpl": [sys.executable, str(HERE / "docxtpl_baseline.py"), str(template), str(contexts), str(theirs)],
        "floor+card": [sys.executable, str(HERE / "floor_with_card.py"), str(kit_path), str(forces),
                       str(default_library()), str(work / "floor-card-out"), str(templates_dir() / "letter.j2")],
    }
    runs = interleaved(commands, rounds)
    names = [Path(letter.meta.selection).stem for letter in letters]
    _check_same_letters(ours, floor_out, names, texts_too=True)
    _check_same_letters(ours, theirs, names)
    print(f"\n1. 43 Kent-sized letters, whole process, {rounds} interleaved rounds: median (lowest–highest)")
    for name, label in (("letterforge", "DOCX and text"), ("floor", "DOCX and text"), ("floor+card", "DOCX and text"),
                        ("docxtpl", "DOCX only")):
        print(f"  {name:12s} {label:14s} wall {spread([r.wall for r in runs[name]])}   "
              f"CPU {spread([r.cpu for r in runs[name]])}")
    to_floor, to_docxtpl = paired(runs["letterforge"], runs["floor"]), paired(runs["letterforge"], runs["docxtpl"])
    cpu_floor = paired(runs["letterforge"], runs["floor"], "cpu")
    cpu_docxtpl = paired(runs["letterforge"], runs["docxtpl"], "cpu")
    print(f"  letterforge / floor:   wall {spread(to_floor, 1, '', 2)}  CPU {spread(cpu_floor, 1, '', 2)}")
    print(f"  letterforge / docxtpl: wall {spread(to_docxtpl, 1, '', 2)}  CPU {spread(cpu_docxtpl, 1, '', 2)}")
    bound = paired(runs["floor+card"], runs["floor"])
    print(f"  floor+card / floor:    wall {spread(bound, 1, '', 2)}  (the floor after importing click and Jinja2 and "
          f"compiling every template once: the least the card's libraries allow)")
    return [target("letterforge / floor <= 1.5 (median of pairs, wall)", f"{statistics.median(to_floor):.2f}",
                   statistics.median(to_floor) <= 1.5),
            target("letterforge / docxtpl <= 0.30 (median of pairs, wall)", f"{statistics.median(to_docxtpl):.2f}",
                   statistics.median(to_docxtpl) <= 0.30)]


def _write_floor_kit(letters: list[Letter], kit: Path) -> None:
    """Write the floor's input for ``letters`` to ``kit``."""
    style = house_style_at(letters[0].meta.house_style)
    made = make_kit(render_docx(letters[0]), style.style_ids, [_floor_letter(letter) for letter in letters])
    kit.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")


def _write_floor_kit_of(selections: list[Path], library: Path, kit: Path) -> None:
    """Write the floor's input for the letters of ``selections`` (with ``library``) to ``kit``."""
    loaded = library_at(library)
    _write_floor_kit([build_letter(path, loaded) for path in selections], kit)


def _in_child(function, *args) -> None:  # type: ignore[no-untyped-def]
    """Call ``function(*args)`` in a forked process: the memory it takes is not this process's, whose size every
    process it starts afterwards would otherwise inherit in its peak RSS."""
    import multiprocessing

    child = multiprocessing.get_context("fork").Process(target=function, args=args)
    child.start()
    child.join()
    if child.exitcode != 0:
        sys.exit(f"{function.__name__} failed (exit {child.exitcode})")


def _floor_letter(letter) -> dict:  # type: ignore[no-untyped-def]
    """What the floor is given for one letter: its name, properties, blocks and text (the assembled words)."""
    from letterforge.ooxml.package import w3c_utc

    meta = letter.meta
    return {"name": Path(meta.selection).stem,
            "properties": {"title": f"{meta.title} – {meta.force}", "subject": f"Findings for {meta.force}",
                           "author": meta.author, "keywords": meta.inspection, "stamp": w3c_utc()},
            "blocks": [(block.kind, block.text) for block in letter.blocks],
            "text": render_text(letter).decode("utf-8")}


def _check_same_letters(ours: Path, theirs: Path, names: list[str], texts_too: bool = False) -> None:
    """Both wrote the same paragraphs, in the same styles, for every letter (and the same text, when asked)."""
    for name in names:
        mine = [(p.kind, p.text) for p in read_docx_paragraphs(ours / f"{name}.docx")]
        other = [(p.kind, p.text) for p in read_docx_paragraphs(theirs / f"{name}.docx")]
        if mine != other:
            sys.exit(f"{theirs.name} and letterforge wrote different letters for {name}")
        if texts_too and (ours / f"{name}.txt").read_bytes() != (theirs / f"{name}.txt").read_bytes():
            sys.exit(f"{theirs.name} and letterforge wrote different text letters for {name}")


CARD_IMPORTS = "import click, jinja2.sandbox, yaml, zipfile"
"""What rendering one letter must import whatever it does: the command line, the sandbox, the YAML parser, zip."""


def startup(work: Path, rounds: int) -> list[tuple[str, bool]]:
    """Section 2: ``--help`` and one letter, interleaved."""
    command = letterforge_command()
    runs = interleaved({"help": command + ["--help"],
                        "one": command + ["render", str(ROOT / "examples" / "kent.yaml"), "-o", str(work / "one")],
                        "imports": [sys.executable, "-c", CARD_IMPORTS]},
                       rounds)
    help_ms = statistics.median(r.wall for r in runs["help"])
    ratio = paired(runs["one"], runs["help"])
    print(f"\n2. Startup, whole process, {rounds} interleaved rounds")
    for name, label in (("help", "letterforge --help"), ("one", "letterforge render kent.yaml"),
                        ("imports", "python -c 'import …'")):
        print(f"  {label:29s} wall {spread([r.wall for r in runs[name]])}  CPU {spread([r.cpu for r in runs[name]])}")
    print(f"  one letter / --help: {spread(ratio, 1, '', 2)}")
    print(f"  imports alone / --help: {spread(paired(runs['imports'], runs['help']), 1, '', 2)}  "
          f"(python -c '{CARD_IMPORTS}': the libraries a letter cannot be written without)")
    return [target("--help <= 60 ms (median)", f"{help_ms * 1000:.0f} ms", help_ms <= 0.060),
            target("one letter <= 2x --help (median of pairs)", f"{statistics.median(ratio):.2f}x",
                   statistics.median(ratio) <= 2)]


def scale(work: Path, rounds: int, largest: int) -> list[tuple[str, bool]]:
    """Section 3: CPU a letter between 43 and 1,000 letters; peak memory from 43 to ``largest``."""
    library = write_library(work / "library", findings=500)
    made = write_selections(work / "all", 1000, library=library, inspection=GENERATED_INSPECTION)
    sizes = (43, 1000, largest)
    commands = {}
    for size in sizes:
        folder = work / f"selections-{size}"
        folder.mkdir()
        for number in range(size):  # hard links: the same 1,000 letters again under new names past 1,000
            source = made[number % len(made)]
            os.link(source, folder / f"{number // len(made)}-{source.name}")
        commands[str(size)] = letterforge_command() + ["render", str(folder), "-o", str(work / f"out-{size}"),
                                                       "--library", str(library)]
    for size in (43, 1000):  # the floor on the same letters: what a letter costs at the least
        folder = work / f"selections-{size}"
        kit = work / f"floor-kit-{size}.json"
        _in_child(_write_floor_kit_of, sorted(folder.glob("*.yaml")), library, kit)
        commands[f"floor {size}"] = [sys.executable, str(HERE / "floor.py"), str(kit), str(folder), str(library),
                                     str(work / f"floor-out-{size}")]
    small = interleaved({k: commands[k] for k in ("43", "1000", "floor 43", "floor 1000")}, rounds)
    large = interleaved({k: commands[k] for k in ("43", str(largest))}, max(3, rounds // 2))
    print("\n3. Scale: a generated library of 500 findings, DOCX and text, interleaved rounds")
    print("  letters      wall                       CPU                        peak RSS (largest process)")
    for size, runs in (("43", small["43"] + large["43"]), ("1000", small["1000"]), (str(largest), large[str(largest)])):
        print(f"  {int(size):7,d}  {spread([r.wall for r in runs], 1, 's', 2):26s} {spread([r.cpu for r in runs], 1, 's', 2):26s}"
              f" {spread([r.peak_mb for r in runs], 1, 'MB', 1)}")
    def per_letter(big: list[Run], little: list[Run]) -> list[float]:
        return [(b.cpu - a.cpu) / (1000 - 43) for b, a in zip(big, little)]

    marginal = per_letter(small["1000"], small["43"])
    growth = [big.peak_mb / little.peak_mb - 1 for big, little in zip(large[str(largest)], large["43"])]
    floor_marginal = per_letter(small["floor 1000"], small["floor 43"])
    print(f"  marginal CPU a letter, 43 -> 1,000: {spread(marginal, 1000, 'ms', 2)}; "
          f"the floor's: {spread(floor_marginal, 1000, 'ms', 2)}")
    print(f"  peak RSS, 43 -> {largest:,}: {spread(growth, 100, '%', 1)}")
    return [target("marginal CPU a letter at 1,000 letters <= 1.5 ms (median of pairs)",
                   f"{statistics.median(marginal) * 1000:.2f} ms", statistics.median(marginal) <= 0.0015),
            target(f"peak RSS from 43 to {largest:,} letters <= +5% (median of pairs)",
                   f"{statistics.median(growth) * 100:+.1f}%", statistics.median(growth) <= 0.05)]


def lint(work: Path, rounds: int, sizes: tuple[int, ...]) -> list[tuple[str, bool]]:
    """Section 4: ``library lint`` of generated libraries; every planted near-duplicate must be warned about."""
    commands, planted = {}, {}
    for size in sizes:
        folder, planted[size] = write_lint_library(work / f"lint-{size}", size)
        commands[str(size)] = letterforge_command() + ["library", "lint", "--library", str(folder)]
        found = subprocess.run(commands[str(size)], capture_output=True, text=True)
        warned = found.stderr.count("say nearly the same thing")
        if found.returncode != 0 or warned < planted[size]:
            sys.exit(f"lint of {size:,} findings: exit {found.returncode}, {warned} of {planted[size]} planted "
                     f"near-duplicates warned about:\n{found.stderr[-1500:]}")
        print(f"  (lint of {size:,} findings: {warned} near-duplicate warnings, {planted[size]} planted)")
    runs = interleaved(commands, rounds)
    print(f"\n4. library lint of generated libraries, {rounds} interleaved rounds")
    for size in sizes:
        print(f"  {size:7,d} findings  wall {spread([r.wall for r in runs[str(size)]], 1, 's', 2)}  "
              f"CPU {spread([r.cpu for r in runs[str(size)]], 1, 's', 2)}")
    ratio = paired(runs[str(sizes[1])], runs[str(sizes[0])])
    print(f"  {sizes[1]:,} / {sizes[0]:,}: {spread(ratio, 1, 'x', 2)}")
    return [target(f"lint {sizes[1]:,} findings <= 8x {sizes[0]:,} (median of pairs)",
                   f"{statistics.median(ratio):.2f}x", statistics.median(ratio) <= 8)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds of each comparison (default 7)")
    parser.add_argument("--quick", action="store_true", help="smaller scale (2,000 letters, lint to 5,000): a check run")
    parser.add_argument("--sections", default="1,2,3,4", metavar="LIST",
                        help="which sections to run, e.g. 1,2 (default all: 1 43 letters, 2 startup, 3 scale, 4 lint)")
    args = parser.parse_args()
    wanted = {part.strip() for part in args.sections.split(",")}
    if not wanted <= {"1", "2", "3", "4"}:
        parser.error(f"--sections takes numbers from 1 to 4, not {args.sections!r}")
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        sys.exit("docxtpl is not installed: pip install -e '.[bench]'")
    compile_bytecode()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="letterforge-bench-") as folder:
        work = Path(folder)
        results: list[tuple[str, bool]] = []
        if "1" in wanted:
            results += forty_three(work, args.rounds)
        if "2" in wanted:
            results += startup(work, max(args.rounds, 9))
        if "3" in wanted:
            results += scale(work, args.rounds, 2000 if args.quick else 10_000)
        if "4" in wanted:
            results += lint(work, max(3, args.rounds // 2), (1000, 5000) if args.quick else (1000, 5000, 10_000))
    print(f"\nafter the runs: {machine()}")
    print("\nTargets:")
    for line, _ in results:
        print(line)
    print(f"{sum(ok for _, ok in results)} of {len(results)} targets met")


if __name__ == "__main__":
    main()
