"""The ``letterforge`` command: a thin click layer over the core.

Each command lives in a small module of this package, parses its options,
calls the core and turns :class:`~letterforge.errors.LetterforgeError` into
``path:line:col: error: …`` on standard error with exit 1.  Wrong usage exits
2 (click's own handling).  An output stream that cannot be written is handled
once, for every command (:mod:`.streams`).  Command modules import only click
at module level, and a command's module is imported only when that command
runs (or shows its own help): ``letterforge --help`` lists the commands from
:data:`COMMANDS`, in the order of the work, without importing any of them.
"""

from __future__ import annotations

from importlib import import_module

import click

from .. import __version__
from .streams import StreamSafeGroup

COMMANDS: dict[str, tuple[str, str, str]] = {
    "new": (".new", "new", "Start a selection for one force, every finding listed to choose."),
    "check": (".render", "check", "Check selections are safe to send, without writing anything."),
    "render": (".render", "render", "Render selections as letters: DOCX and text, JSON, PDF or a web page."),
    "review": (".review", "review", "Write a review page and a commented copy of each letter."),
    "respond": (".respond", "respond", "Read a force's reply to a draft: every tracked change and comment."),
    "apply": (".apply", "apply", "Make the accepted changes of a responses file in its selection."),
    "diff": (".diff", "diff", "Compare two drafts: a summary, a text diff or a Word redline."),
    "matrix": (".matrix", "matrix", "Tabulate which findings each force's letter has, as HTML or CSV."),
    "extract": (".extract", "extract", "Turn a sent letter back into a selection that renders it again."),
    "library": (".library", "library_group", "List, show, search and lint the findings library."),
    "schema": (".schema", "schema", "Write the JSON Schema that lets YAML editors check selections."),
    "preview": (".preview", "preview", "Serve a selection's live review page on this computer."),
}
"""Every command, in the order of the work on a letter: the module (in this package) and attribute that
define it, and its one-sentence summary (tests/test_cli.py checks it is the command's own short help)."""

WORK_ORDER = tuple(COMMANDS)
"""The commands in the order ``--help`` lists them."""


class Letterforge(StreamSafeGroup):
    """The ``letterforge`` group: commands imported from their modules only when one is used, listed in
    :data:`WORK_ORDER` each with its whole summary sentence; stream failures handled as :mod:`.streams` says."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *sorted(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(module, __name__), attribute), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole summary (click would cut a long one short with "..."), from
        :data:`COMMANDS` alone, so that listing them imports none."""
        rows = [(name, COMMANDS[name][2] if name in COMMANDS else self.commands[name].get_short_help_str(1_000))
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=Letterforge, context_settings={"help_option_names": ["-h", "--help"]})
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
      letterforge respond reply.docx examples/kent.yaml
      letterforge apply examples/kent.responses.yaml
      letterforge schema -o examples/core-business-2014.schema.json
      letterforge preview examples/kent.yaml
    """
