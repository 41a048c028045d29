"""``letterforge review``: a review page and a commented review copy for each selection."""

from __future__ import annotations

from functools import partial

import click

from ..render import DEFAULT_REVIEW_FORMATS, REVIEW_FORMATS
from .completion import complete_files
from .common import library_option, open_library, write_for_each
from .render import output_folder, require_programs

REVIEW_FORMAT_NAMES = tuple(REVIEW_FORMATS)


@click.command(short_help="Write a review page and a commented copy of each letter.")
@click.argument("selections", nargs=-1, required=True, metavar="SELECTION...", shell_complete=complete_files)
@click.option("-o", "--output", "output_dir", metavar="DIR",
              help="Write DIR/<stem>.review.<ext> (default: beside each selection).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(REVIEW_FORMAT_NAMES),
              help="Output format; repeat for several (default: html and docx). pdf is the page printed by Chromium.")
@library_option
def review(selections: tuple[str, ...], output_dir: str | None, formats: tuple[str, ...],
           library_dir: str | None) -> None:
    """Write a review of each SELECTION's letter: where every sentence came from, and what the checks found.

    <stem>.review.html is one self-contained page: the letter as it will
    read, each finding labelled with its id, variant and judgement (coloured
    by judgement), parameter values highlighted, bespoke and free text
    outlined, and the check results at the top linking to their paragraphs.
    <stem>.review.docx is the letter with a Word comment on every paragraph
    of library or bespoke wording, authored "letterforge". -f pdf prints
    the review page with headless Chromium (A4, the notes in the margin).
    Prints the paths written; a selection with problems is reported and
    nothing is written for it.

    \b
    Examples:
      letterforge review examples/kent.yaml -o review/
      letterforge review examples/ -f html
      letterforge review examples/kent.yaml -f pdf
    """
    from ..app.pipeline import review_selection

    chosen = tuple(dict.fromkeys(formats)) or DEFAULT_REVIEW_FORMATS
    require_programs(chosen, REVIEW_FORMATS)
    library = open_library(library_dir)
    folder = output_folder(output_dir)
    job = partial(review_selection, library_root=library.root, formats=chosen, folder=folder)
    write_for_each(selections, "Reviewing", job, "reviewed", folder)
