"""``letterforge schema``: the JSON Schema of a selection, for YAML editors."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail, library_option, open_library
from .completion import complete_inspections


def _json_file(context: click.Context, parameter: click.Parameter, value: str | None) -> Path | None:
    """``-o FILE`` must end in .json: a schema never takes the place of a selection or a letter."""
    if value is None:
        return None
    if Path(value).suffix.lower() != ".json":
        raise click.BadParameter(f"'{value}' must end in .json, e.g. core-business-2014.schema.json")
    return Path(value)


@click.command(short_help="Write the JSON Schema that lets YAML editors check selections.")
@click.option("--inspection", "inspection_id", metavar="ID", shell_complete=complete_inspections,
              help="The inspection whose selections the schema describes (default: the library's only one).")
@click.option("-o", "--output", metavar="FILE.json", callback=_json_file,
              help="Write the schema to FILE.json (default: standard output).")
@library_option
def schema(inspection_id: str | None, output: Path | None, library_dir: str | None) -> None:
    """Write the JSON Schema (draft 2020-12) of a selection of one inspection.

    An editor with a YAML language server (VS Code's YAML extension, or any
    editor speaking LSP to yaml-language-server) uses it to complete section
    and finding ids, check parameters as they are typed, and show each
    variant's wording on hover. A selection names its schema in its first
    line, as letterforge new writes it:

    \b
      # yaml-language-server: $schema=core-business-2014.schema.json

    \b
    Example:
      letterforge schema -o examples/core-business-2014.schema.json
      letterforge schema --inspection core-business-2014 --library my-library/
    """
    from ..errors import LetterforgeError
    from ..app.output import write_all
    from ..tools.schema import library_schema, schema_text

    library = open_library(library_dir)
    try:
        _, made = library_schema(library, inspection_id)
        content = schema_text(made)
        if output is not None:
            write_all({output: content.encode("utf-8")})
    except LetterforgeError as e:
        fail(e)
    click.echo(str(output) if output is not None else content, nl=output is not None)
