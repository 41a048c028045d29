"""``letterforge diff``: what changed between two drafts, as a summary, a text diff or a Word redline."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..diff.inputs import Draft

from ..render import COMPARISON_FORMATS
from .completion import complete_files
from .common import fail, library_option, open_library

FORMAT_NAMES = tuple(COMPARISON_FORMATS)


def _format_of(output: str | None, chosen: str | None) -> str:
    """The format asked for: ``-f``, else the output file's extension, else docx.

    Wrong usage (exit 2) for an output that does not end in ``.docx``, ``.txt``
    or ``.json``, or whose extension is not the ``-f`` format.
    """
    from ..errors import quote_name

    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    shown = quote_name(output) if output else ""
    if suffix in ("yaml", "yml"):
        raise click.UsageError(f"-o {shown} would write over a selection; name a .docx, .txt or .json file")
    if output is not None and suffix not in FORMAT_NAMES:
        raise click.UsageError(f"-o {shown} must end in .docx, .txt or .json (the extension chooses the format)")
    if chosen and suffix and suffix != chosen:
        raise click.UsageError(f"-o {shown} does not end in .{chosen}")
    return chosen or suffix or "docx"


def _author(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """``--author`` as given; wrong usage (exit 2) if it is empty or holds what Word cannot store."""
    if not value.strip():
        raise click.BadParameter("is empty; give the name the tracked changes are to show")
    for character in value:
        category = unicodedata.category(character)
        if category == "Cs":  # an undecodable byte in the command line, kept as a lone surrogate
            raise click.BadParameter("holds bytes that are not UTF-8")
        if category == "Cc" or character in "\ufffe\uffff":
            kind = "control character" if category == "Cc" else "non-character"
            raise click.BadParameter(f"holds the {kind} U+{ord(character):04X}; give a plain name")
    return value


def _inputs_of(*drafts: "Draft") -> list[Path]:
    """The files the drafts were read from: each side's selection or DOCX letter, and a letter's house style."""
    found = []
    for draft in drafts:
        found.append(draft.path)
        if draft.letter is not None:
            found.append(draft.letter.meta.house_style)
    return found


def _count(n: int) -> str:
    from ..wording import count

    return count(n, "change") if n else "no changes"


@click.command(short_help="Compare two drafts: a summary, a text diff or a Word redline.")
@click.argument("old", metavar="OLD", shell_complete=complete_files)
@click.argument("new", required=False, metavar="[NEW]", shell_complete=complete_files)
@click.option("--against", "revision", metavar="REV",
              help="Compare the selection OLD with its version at git revision REV (no NEW).")
@click.option("-o", "--output", metavar="OUT",
              help="Write the redline (or text, or JSON) to OUT (default redline: <new-stem>.redline.docx beside NEW).")
@click.option("-f", "--format", "format_name", type=click.Choice(FORMAT_NAMES),
              help="docx: write the redline and print the summary (default); txt: a text diff for email; "
                   "json: the changes as data. txt and json go to standard output unless -o is given.")
@click.option("--author", default="letterforge", show_default=True, callback=_author,
              help="Author of the tracked changes.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the drafts differ, as git diff --exit-code does.")
@library_option
def diff(old: str, new: str | None, revision: str | None, output: str | None, format_name: str | None,
         author: str, exit_code: bool, library_dir: str | None) -> None:
    """Compare two drafts of a letter: one line per change, a text diff, or a redline with tracked changes.

    OLD and NEW are two selections (.yaml) or two letters letterforge wrote
    (.docx); with --against REV, OLD is a selection compared with its
    version at a git revision. The redline is the new letter with every
    change as a Word tracked change: Accept All gives the new letter,
    Reject All the old one. Standard output has one line per change, e.g.
    "salutation: Dear Alan -> Dear Mr Pughsley"; two drafts that agree
    print "no changes" and write no redline. Exits 0 whether or not
    there are changes (1 with --exit-code when there are); bad input exits
    1 and writes nothing.

    \b
    Examples:
      letterforge diff sent/kent.yaml examples/kent.yaml
      letterforge diff examples/kent.yaml --against HEAD~1 -f txt
      letterforge diff sent/kent.docx out/kent.docx -o kent-changes.docx
    """
    from ..diff.compare import compare_drafts, summary_lines
    from ..diff.inputs import read_drafts
    from ..diff.outputs import redline_path
    from ..errors import LetterforgeError, quote_name
    from ..app.output import write_all

    if revision is not None and new is not None:
        raise click.UsageError("give one selection with --against REV, or OLD and NEW without it")
    if revision is None and new is None:
        raise click.UsageError("missing argument NEW (or compare with a revision: --against REV)")
    chosen = _format_of(output, format_name)
    library = open_library(library_dir)
    try:
        before, after = read_drafts(old, new, revision, library)
        drafts = compare_drafts(before, after, author)
        comparison = drafts.comparison
        if chosen == "docx" and not comparison.changes:
            click.echo("no changes")  # and no redline: there is nothing to track
            return
        target = redline_path(before, after, output) if chosen == "docx" else Path(output) if output else None
        content = COMPARISON_FORMATS[chosen].renderer()(drafts)
        if target is not None:
            write_all({target: content}, inputs=_inputs_of(before, after))
    except LetterforgeError as e:
        fail(e)
    if target is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        for line in summary_lines(comparison):
            click.echo(line)
        click.echo(f"wrote {quote_name(str(target))} ({_count(len(comparison.changes))})", err=True)
    if exit_code and comparison.changes:
        sys.exit(1)
