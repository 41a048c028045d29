"""The ``letterforge`` command: a thin click layer over the core.

Each command lives in a small module of this package, parses its options,
calls the core and turns :class:`~letterforge.errors.LetterforgeError` into
``path:line:col: error: …`` on standard error with exit 1.  Wrong usage exits
2 (click's own handling).  Command modules import only click at module level,
so ``letterforge --help`` stays fast; the core is imported inside commands.
"""

from __future__ import annotations

import click

from .. import __version__
from .library import library_group
from .render import check, render


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterforge")
def main() -> None:
    """Draft formal inspection letters from a library of standard findings.

    Each force's letter is a small YAML selection of findings from the
    findings library; letterforge renders it as DOCX and text.

    \b
    Example:
      letterforge render examples/kent.yaml -o out/
      letterforge check examples/
      letterforge library search named suspects
    """


for command in (render, check, library_group):
    main.add_command(command)
