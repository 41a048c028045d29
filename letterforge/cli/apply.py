"""``letterforge apply``: the accepted entries of a responses file, made in the selection in place."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail, library_option, open_library, report


@click.command(name="apply", short_help="Make the accepted changes of a responses file in its selection.")
@click.argument("responses_file", metavar="RESPONSES.yaml")
@click.option("--author", default="letterforge", show_default=True, help="Author of the redline's tracked changes.")
@library_option
def apply(responses_file: str, author: str, library_dir: str | None) -> None:
    """Apply the accepted entries of RESPONSES.yaml to its selection, in place.

    Only the lines an edit touches change; comments, key order and quoting
    elsewhere stay as they were. With every entry rejected the selection is
    left byte for byte as it was; pending entries are listed and left
    alone. A selection changed since respond read it is refused (nothing
    written). Then checks the amended letter, prints what changed as diff
    does, and writes <stem>.redline.docx: the amended letter against the
    draft that was sent.

    \b
    Example:
      letterforge respond reply.docx examples/kent.yaml
      letterforge apply examples/kent.responses.yaml
    """
    from ..app.output import write_all
    from ..checks.rules import check_letter
    from ..compose.build import load_letter
    from ..diff.compare import compare_drafts, summary_lines
    from ..diff.inputs import Draft
    from ..errors import LetterforgeError, display_path
    from ..render.redline import render_redline
    from ..respond.applying import apply_responses
    from ..respond.responses import read_responses

    library = open_library(library_dir)
    path = Path(responses_file)
    try:
        responses = read_responses(path)
        applied = apply_responses(responses, library)
        selection = responses.selection
        shown = display_path(selection)
        redline = selection.with_name(f"{selection.stem}.redline.docx")
        outputs: dict[Path, bytes] = {}
        drafts = compare_drafts(Draft(f"{shown} (as sent)", selection, applied.before.blocks, letter=applied.before),
                                Draft(shown, selection, applied.after.blocks, letter=applied.after), author)
        if applied.amended is not None:
            outputs[selection] = applied.amended
            outputs[redline] = render_redline(drafts)
            write_all(outputs, inputs=[path])
            problems = check_letter(*load_letter(selection, library))
        else:
            problems = []
    except LetterforgeError as e:
        fail(e)
    for entry in applied.pending:
        click.echo(f"pending: {entry.where}: {entry.summary} (entry {entry.id}, left alone)")
    for entry in applied.by_hand:
        click.echo(f"accepted, make by hand: {entry.where}: {entry.summary} (entry {entry.id})")
    for line in summary_lines(drafts.comparison):
        click.echo(line)
    for problem in problems:
        report(problem)
    counts = (f"{len(applied.accepted)} accepted, {len(applied.rejected)} rejected, "
              f"{len(applied.pending)} pending")
    if applied.amended is None:
        click.echo(f"{shown} unchanged ({counts})", err=True)
    else:
        click.echo(f"amended {shown}; wrote {redline} ({counts})", err=True)
