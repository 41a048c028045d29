"""``letterforge respond``: a force's reply (tracked changes, comments) as proposed changes to its selection."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail, library_option, open_library

LOG_FORMATS = ("html", "csv")


@click.command(short_help="Read a force's reply to a draft: every tracked change and comment.")
@click.argument("reply", metavar="REPLY.docx", required=False)
@click.argument("selection", metavar="SELECTION.yaml", required=False)
@click.option("-o", "--output", metavar="FILE",
              help="The responses file (default <selection-stem>.responses.yaml beside SELECTION); "
                   "with --log, the log (.html or .csv).")
@click.option("--overwrite", is_flag=True, help="Replace an existing responses file.")
@click.option("--log", "log_files", multiple=True, metavar="RESPONSES.yaml",
              help="Write the factual-accuracy log of these responses files instead (repeat for each force).")
@library_option
def respond(reply: str | None, selection: str | None, output: str | None, overwrite: bool,
            log_files: tuple[str, ...], library_dir: str | None) -> None:
    """Read a force's REPLY.docx to the draft of SELECTION.yaml: every tracked change and comment.

    Each change is mapped to the block it touches and classified (a
    parameter changed, another variant, a finding removed or added,
    reworded, a head field). Edits made with Track Changes off are found
    too. Writes the responses file, one entry per proposed change with
    decision: pending, and prints one line per entry. A reply to another
    force's letter exits 1 and writes nothing. With --log, writes the
    factual-accuracy log (HTML or formula-safe CSV) of responses files.

    \b
    Examples:
      letterforge respond reply.docx examples/kent.yaml
      letterforge apply examples/kent.responses.yaml
      letterforge respond --log examples/kent.responses.yaml -o log.html
    """
    from ..errors import LetterforgeError
    from ..app.output import refuse_existing, write_all

    if log_files:
        if reply or selection:
            raise click.UsageError("give either REPLY.docx SELECTION.yaml, or --log RESPONSES.yaml …")
        _write_log(log_files, output)
        return
    if not reply or not selection:
        raise click.UsageError("give REPLY.docx and SELECTION.yaml (or --log RESPONSES.yaml …)")
    from ..respond import respond_to
    from ..respond.responses import responses_path, responses_yaml

    library = open_library(library_dir)
    try:
        selection_path = Path(selection)
        target = Path(output) if output else responses_path(selection_path)
        refuse_existing(target, overwrite)
        proposals, force, inspection = respond_to(Path(reply), selection_path, library)
        text = responses_yaml(proposals, reply, selection_path, selection_path.read_bytes(), force, inspection,
                              target)
        write_all({target: text.encode("utf-8")}, inputs=[Path(reply), selection_path])
    except LetterforgeError as e:
        fail(e)
    for note in proposals.notes:
        click.echo(f"note: {note}", err=True)
    for entry in proposals.entries:
        click.echo(entry.line())
    if proposals.formatting_only:
        click.echo(f"{proposals.formatting_only} formatting-only change{'s' if proposals.formatting_only != 1 else ''}"
                   " (not text changes; not in the responses file)")
    if not proposals.entries:
        click.echo("no changes proposed")
    click.echo(f"wrote {target}", err=True)


def _write_log(files: tuple[str, ...], output: str | None) -> None:
    from ..errors import LetterforgeError
    from ..app.output import write_all
    from ..respond.responses import read_responses
    from ..render.factual_log import render_log_csv, render_log_html

    if output is None:
        raise click.UsageError("--log needs -o log.html or -o log.csv")
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in LOG_FORMATS:
        raise click.UsageError(f"-o {output} must end in .html or .csv")
    try:
        sheets = [read_responses(Path(f)) for f in files]
        content = (render_log_html if suffix == "html" else render_log_csv)(sheets)
        write_all({Path(output): content}, inputs=[Path(f) for f in files])
    except LetterforgeError as e:
        fail(e)
    click.echo(f"wrote {output} ({sum(len(s.entries) for s in sheets)} entries from {len(sheets)} "
               f"responses file{'s' if len(sheets) != 1 else ''})", err=True)
