"""The ``letterforge`` command: a thin click layer over the core.

Each command lives in a small module of this package, parses its options,
calls the core and turns :class:`~letterforge.errors.LetterforgeError` into
``path:line:col: error: …`` on standard error with exit 1.  Wrong usage exits
2 (click's own handling).  Command modules import only click at module level,
and a command's module is imported only when that command runs (or shows
its own help): ``letterforge --help`` lists the commands from
:data:`COMMANDS` without importing any of them.
"""

from __future__ import annotations

from importlib import import_module

import click

from .. import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    "render": (".render", "render", "Render each SELECTION (a YAML file, or a folder of them) as a letter."),
    "check": (".render", "check", "Check each SELECTION (a YAML file, or a folder of them) without writing anything."),
    "review": (".review", "review",
               "Write a review of each SELECTION's letter: where every sentence came from, and what the checks found."),
    "diff": (".diff", "diff", "Compare two drafts of a letter: one line per change, a text diff, or a redline with tracked changes."),
    "extract": (".extract", "extract",
                "Extract a selection from a sent LETTER (plain text, e.g. from a PDF, or DOCX)."),
    "new": (".new", "new", "Write a new selection for one force: every section's findings, each with its variants and "
                           "parameters as comments, and a TODO wherever something must be chosen or filled in."),
    "matrix": (".matrix", "matrix",
               "Tabulate which findings each force's letter has, in which variant."),
    "library": (".library", "library_group", "List, show, search and lint the findings of the findings library."),
}
"""Every command: the module (in this package) and attribute that define it, and the first paragraph of its help.

The sentence is what ``letterforge --help`` lists; tests/test_cli.py checks
it is the command's own, so the listing is the one click would print."""


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules only when one is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(module, __name__), attribute), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their first sentences, as click lists them, from :data:`COMMANDS` alone."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, (self.commands.get(name) or click.Command(name, help=COMMANDS[name][2])).get_short_help_str(limit))
                for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    """

