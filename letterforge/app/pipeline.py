"""The whole pipeline for one selection: load, assemble, render, in memory.

This is the library API the CLI is a thin layer over::

    library = Library(default_library())
    letter = build_letter("examples/kent.yaml", library)
    files = render_outputs(letter, ["docx", "txt"])   # {Path("examples/kent.docx"): b"…", …}

A final letter (``status: final`` in the selection, or ``final=True``) is
only produced when every check passes: :func:`refuse_unsafe` raises the check
errors instead.

The ``*_selection`` functions are the per-selection jobs of the batch commands
(see :mod:`letterforge.app.batch`): module-level, with picklable arguments, each
opening its library through :func:`~letterforge.load.library.library_at` so that a worker process reuses
the library its parent already loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..compose.build import build_letter, load_letter
from ..errors import LetterforgeError, Location, Problems, display_path, flatten
from ..letter import Letter
from ..load.library import library_at
from .output import write_all
from ..render import FORMATS, REVIEW_FORMATS
from ..wording import count
from ..load.selection import Selection

if TYPE_CHECKING:  # the checks and the matrix are imported where used: a draft render needs neither
    from ..checks.rules import CheckProblem
    from ..tools.matrix import Row


def refuse_unsafe(selection: Selection, letter: Letter) -> None:
    """Raise :class:`~letterforge.errors.Problems` holding the check errors if ``letter`` fails any check.

    A final letter is safe to send or not made at all.
    """
    from ..checks.rules import check_letter, errors_of

    errors = errors_of(check_letter(selection, letter))
    if errors:
        raise Problems([*errors, LetterforgeError(f"final letter not written: it fails {count(len(errors), 'check')}",
                                                  Location(display_path(selection.path)))])


def output_path(selection: str | Path, extension: str, folder: Path | None = None) -> Path:
    """Where an output of the selection at ``selection`` goes: ``folder/<stem>.<extension>``, default beside it."""
    selection = Path(selection)
    return (folder or selection.parent) / f"{selection.stem}.{extension}"


def render_outputs(letter: Letter, formats: Iterable[str], folder: Path | None = None) -> dict[Path, bytes]:
    """The bytes of each requested format, keyed by :func:`output_path`."""
    return {output_path(letter.meta.selection, FORMATS[f].extension, folder): FORMATS[f].renderer()(letter)
            for f in formats}


def write_outputs(selection: Path, letter: Letter, outputs: dict[Path, bytes]) -> list[Path]:
    """Write ``outputs`` atomically (see :func:`~letterforge.app.output.write_all`), never over what the letter
    was made from: the selection at ``selection`` (one named ``kent.txt`` would otherwise be replaced by its own
    text letter) or the house style it is dressed in."""
    return write_all(outputs, inputs=[selection, letter.meta.house_style])




# ---------------------------------------------------------------- per-selection jobs of the batch commands


def render_selection(path: Path, library_root: Path, formats: Iterable[str], folder: Path | None = None, *,
                     final: bool = False) -> list[Path]:
    """Render the selection at ``path`` into ``folder`` (default: beside it); the paths written.

    Nothing is written when the selection has problems, or when the letter is
    final (``status: final`` or ``final=True``) and fails a check.
    """
    selection, letter = load_letter(path, library_at(library_root), final=final)
    if letter.meta.status == "final":
        refuse_unsafe(selection, letter)
    return write_outputs(path, letter, render_outputs(letter, formats, folder))


def check_selection(path: Path, library_root: Path) -> "list[CheckProblem]":
    """What the checks find in the letter of the selection at ``path``; raises located errors for bad input."""
    from ..checks.placeholders import selection_placeholders
    from ..checks.rules import check_letter

    try:
        selection, letter = load_letter(path, library_at(library_root))
    except LetterforgeError as e:  # it does not load: its placeholders are reported in the same run
        problems = Problems(flatten(e))
        seen = {p.location for p in problems}
        for placeholder in selection_placeholders(str(path)):
            if placeholder.location not in seen:  # a value already refused (date: TODO) is reported once
                problems.add(placeholder)
        problems.errors.sort(key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0))
        raise problems from None
    return check_letter(selection, letter)


def review_selection(path: Path, library_root: Path, formats: Iterable[str], folder: Path | None = None) -> list[Path]:
    """Write the review outputs (``<stem>.review.html`` …) of the selection at ``path``; the paths written.

    A review is made whatever the checks find (it shows them); only problems
    with the input stop it, and then nothing is written.
    """
    from ..checks.rules import check_letter
    from ..tools.review import review

    selection, letter = load_letter(path, library_at(library_root))
    annotated = review(letter, check_letter(selection, letter))
    outputs = {}
    for name in formats:
        form = REVIEW_FORMATS[name]
        outputs[output_path(path, form.extension, folder)] = form.renderer()(annotated)
    return write_outputs(path, letter, outputs)


def matrix_row(path: Path, library_root: Path) -> "Row":
    """The national-matrix row of the selection at ``path``: which variant of each finding its letter uses."""
    from ..tools.matrix import row_of

    return row_of(build_letter(path, library_at(library_root)))


def expand_selection(argument: str) -> list[Path]:
    """The selection files one argument names: a file as given, a folder as every ``*.yaml`` inside (sorted).

    Raises a located error for a path that does not exist or a folder with no selections.
    """
    path = Path(argument)
    if path.is_dir():
        found = sorted(p for p in path.glob("*.yaml") if p.is_file())
        if not found:
            raise LetterforgeError("folder holds no *.yaml selections", Location(display_path(path)))
        return found
    if not path.exists():
        raise LetterforgeError("no such file or folder", Location(display_path(path)))
    return [path]
