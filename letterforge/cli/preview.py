"""``letterforge preview``: a live review page of one selection, in the browser."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail, library_option, open_library
from .completion import complete_files


@click.command(short_help="Serve a selection's live review page on this computer.")
@click.argument("selection", metavar="SELECTION", shell_complete=complete_files)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), metavar="N",
              help="The port on 127.0.0.1 to serve on (0: any free port).")
@library_option
def preview(selection: str, port: int, library_dir: str | None) -> None:
    """Serve SELECTION's review page on 127.0.0.1 and keep it up to date.

    Open the address it prints in a browser. Each time the selection, the
    findings library or a layout is saved, the page shows the new letter
    within a second, in place (no reload); a selection that does not load
    shows its problems, each at its line, where the letter was, until it is
    fixed. The page is served on this computer only (127.0.0.1), never to
    the network. Ctrl-C stops it.

    \b
    Example:
      letterforge preview examples/kent.yaml
      letterforge preview forces/essex.yaml --port 8000
    """
    from ..errors import LetterforgeError, Location, display_path
    from ..app.preview import listen, serve

    path = Path(selection)
    library = open_library(library_dir)
    try:
        if not path.is_file():
            raise LetterforgeError("no such file", Location(display_path(path)))
        sock = listen(port)
    except LetterforgeError as e:
        fail(e)

    def ready(url: str) -> None:
        click.echo(f"Previewing {display_path(path)} at {url} (Ctrl-C to stop)")

    try:
        serve(path, library.root, sock, ready)
    except KeyboardInterrupt:
        pass
    click.echo("Preview stopped.", err=True)
