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
from .diff import diff
from .extract import extract
from .new import new
from .matrix import matrix
from .library import library_group
from .render import check, render
from .review import review
from .schema import schema
from .preview import preview

WORK_ORDER = ("new", "check", "render", "review", "respond", "apply", "diff", "matrix", "extract", "library",
              "schema", "preview")
"""The commands in the order of the work on a letter, as ``--help`` lists them; any other comes after, by name."""


class WorkOrderGroup(click.Group):
    """A group whose ``--help`` lists its commands in :data:`WORK_ORDER`, each summary a whole sentence."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in WORK_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in WORK_ORDER)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole first sentence (click would cut a long one short with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=WorkOrderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letterforge")
def main() -> None:
    """Draft formal inspection letters from a library of standard findings.

    Each force's letter is a small YAML selection of findings from the
    findings library; letterforge renders it as DOCX and text, checks it is
    safe to send, and writes a review of where every sentence came from.

    \b
    Example:
      letterforge render examples/kent.yaml -o out/
      letterforge check examples/
      letterforge review examples/kent.yaml -o review/
      letterforge diff examples/kent.yaml --against HEAD~1
      letterforge extract sent/kent.txt -o kent.yaml
      letterforge matrix forces/ -o matrix.html
      letterforge library search named suspects
      letterforge schema -o examples/core-business-2014.schema.json
      letterforge preview examples/kent.yaml
    """


for command in (render, check, review, diff, extract, new, matrix, library_group, schema, preview):
    main.add_command(command)
