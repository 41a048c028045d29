"""``letterforge new``: a scaffold selection listing every finding of an inspection, ready to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail, library_option, open_library, report
from .completion import complete_inspections, complete_signatories


def _force_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--force`` without surrounding spaces; wrong usage if it is blank or not one line of printable text."""
    from ..load.names import one_line_name_problem

    if value is None:
        return None
    name = value.strip()
    if not name:
        raise click.BadParameter('must name the force, e.g. --force "Kent Police"')
    if problem := one_line_name_problem(name):
        raise click.BadParameter(f'{problem}; name the force in plain text on one line, e.g. --force "Kent Police"')
    return name


@click.command(short_help="Start a selection for one force, every finding listed to choose.")
@click.option("--inspection", "inspection_id", metavar="ID", shell_complete=complete_inspections,
              help="The inspection the letter is for (default: the library's one inspection, if it has one).")
@click.option("--force", "force", required=True, metavar="NAME", callback=_force_name,
              help="The police force the letter is to.")
@click.option("--from", "sender", metavar="KEY", shell_complete=complete_signatories,
              help="Who signs: a signatory key of people.yaml (default: a TODO to fill in).")
@click.option("-o", "--output", metavar="FILE", help="Write the scaffold to FILE (default: standard output).")
@click.option("--overwrite", is_flag=True, help="Replace FILE if it already exists.")
@library_option
def new(inspection_id: str | None, force: str, sender: str | None, output: str | None, overwrite: bool,
        library_dir: str | None) -> None:
    """Write a new selection for one force: every section's findings, each with its variants and
    parameters as comments, and a TODO wherever something must be chosen or filled in.

    Keep the findings that apply, choose their variants, fill in their
    parameters and delete the rest. Every finding is written FINDING/TODO,
    even one with a single variant, so letterforge check refuses the
    letter until the date, the signatory and every finding kept are
    decided; each TODO marks something to fill in. --inspection may be
    left out when the library has one inspection. An existing FILE is never replaced unless
    --overwrite is given. An inspection with no usable embargo still gets
    a scaffold (a draft renders without one), with a warning on standard
    error.

    Its first line names the selection's JSON Schema for YAML editors
    (# yaml-language-server: $schema=<inspection>.schema.json); with -o,
    that schema file is written beside FILE (see letterforge schema).

    \b
    Example:
      letterforge new --force "Kent Police" -o kent.yaml
      letterforge new --inspection core-business-2014 --force "Kent Police" -o kent.yaml
      letterforge new --inspection core-business-2014 --force "Essex Police" --from zoe-billingham
      letterforge check kent.yaml
    """
    from ..tools import catalog
    from ..errors import LetterforgeError, quote_name
    from ..app.output import refuse_existing, refuse_inputs, write_all
    from ..tools.scaffold import scaffold_selection
    from ..tools.schema import schema_file_name, schema_text, selection_schema, with_modeline

    library = open_library(library_dir)
    if inspection_id is None:
        known = library.inspection_ids()
        if len(known) > 1:
            raise click.UsageError(f"the library has {len(known)} inspections; choose one with --inspection ID "
                                   f"({', '.join(known)})")
        inspection_id = known[0] if known else ""  # none: catalog.inspection says the folder holds none
    try:
        inspection = catalog.inspection(library, inspection_id)
        text = scaffold_selection(inspection, library.people, force)
        if sender is not None:
            library.person(sender, None)
            text = text.replace("\nfrom: TODO", f"\nfrom: {sender}", 1)
        text = with_modeline(text, inspection.id)
        if output:
            refuse_inputs([Path(output)], library.files())
            refuse_existing(Path(output), overwrite)
            schema_path = Path(output).parent / schema_file_name(inspection.id)
            refuse_foreign_schema(schema_path)
            schema = schema_text(selection_schema(inspection, library.people, library.offices))
            write_all({Path(output): text.encode("utf-8"), schema_path: schema.encode("utf-8")},
                      inputs=library.files())
    except LetterforgeError as e:
        fail(e)
    if warning := inspection.embargo_warning():
        report(warning)
    click.echo(quote_name(output) if output else text, nl=bool(output))


def refuse_foreign_schema(path: Path) -> None:
    """Refuse to write a schema over a file of that name that letterforge did not write."""
    from ..errors import LetterforgeError, Location, display_path
    from ..tools.schema import is_letterforge_schema

    if path.is_file() and not is_letterforge_schema(path.read_bytes()):
        raise LetterforgeError("the selection's schema would replace this file, which letterforge did not write",
                               Location(display_path(path)), "move it, or write the selection into another folder")
