"""``letterforge library list | show | search | lint``: the findings library's own tools."""

from __future__ import annotations

import re
import sys
import textwrap
from typing import Callable, TypeVar

import click

from .common import colour_wanted, fail, library_option, open_library, report
from .completion import complete_findings, complete_files, complete_inspections

T = TypeVar("T")
WIDTH = 88
inspection_option = click.option("--inspection", "inspection_id", metavar="ID", shell_complete=complete_inspections,
                                  help="Only this inspection (default: every inspection in the library).")


@click.group("library", short_help="List, show, search and lint the findings library.")
def library_group() -> None:
    """List, show, search and lint the findings of the findings library.

    \b
    Example:
      letterforge library list
      letterforge library show crime-prevention-training
      letterforge library search named suspects
      letterforge library lint --selections examples/
    """


@library_group.command("list", short_help="List the findings by inspection and section.")
@inspection_option
@library_option
def list_findings(inspection_id: str | None, library_dir: str | None) -> None:
    """List the findings by inspection and section, each variant with its judgement and parameters.

    \b
    Example:
      letterforge library list --inspection core-business-2014
    """
    from ..tools.catalog import entries

    library = open_library(library_dir)
    inspection = section = None
    for entry in _or_fail(lambda: list(entries(library, inspection_id))):
        if entry.inspection is not inspection:
            inspection = entry.inspection
            click.echo(f"{inspection.id}  {inspection.title}")
        if entry.section is not section:
            section = entry.section
            click.echo(f"  {section.id}  {section.title}")
        click.echo(f"    {entry.finding.id}  {entry.finding.topic}")
        width = max(len(v.id) for v in entry.variants)
        for variant in entry.variants:
            params = " ".join(f"{{{{ {name} }}}}" for name in variant.params)
            click.echo(f"      {variant.id:<{width}}  {variant.judgement:<11}  {params}".rstrip())


@library_group.command("show", short_help="Show one finding's phrasings, parameters and selection line.")
@click.argument("reference", metavar="FINDING[/VARIANT]", shell_complete=complete_findings)
@inspection_option
@library_option
def show(reference: str, inspection_id: str | None, library_dir: str | None) -> None:
    """Show one finding: its topic, where it is, and each variant's phrasing and parameters.

    Each variant ends with the line a selection uses to choose it.

    \b
    Example:
      letterforge library show crime-prevention-training
      letterforge library show iom/well-managed
    """
    from ..tools.catalog import find, selection_line

    library = open_library(library_dir)
    entry, chosen = _or_fail(lambda: find(library, reference, inspection_id))
    finding = entry.finding
    click.echo(f"{finding.id} — {finding.topic}")
    click.echo(f"  inspection {entry.inspection.id}, section {entry.section.id}, {finding.location}")
    for variant in [chosen] if chosen else entry.variants:
        click.echo(f"\n{variant.id} ({variant.judgement})")
        click.echo(_wrap(variant.phrasing.source))
        for param in variant.params.values():
            example = f" (e.g. {param.example})" if param.example else ""
            click.echo(f"  {param.name}: {param.describe()}{example}")
        click.echo(f"  in a selection: {selection_line(variant)}")


def _query(context: click.Context, parameter: click.Parameter, words: tuple[str, ...]) -> str:
    """The WORDs as one query; wrong usage (exit 2) if they hold no word character (empty, blank, ``!!!``)."""
    query = " ".join(word.strip() for word in words if word.strip())
    if not re.search(r"\w", query):
        raise click.BadParameter("give one or more words to search for")
    return query


@library_group.command("search", short_help="Search the phrasings for words, most relevant first.")
@click.argument("query", nargs=-1, required=True, metavar="WORD...", callback=_query)
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Show at most N phrasings.")
@inspection_option
@library_option
def search(query: str, limit: int, inspection_id: str | None, library_dir: str | None) -> None:
    """Search the findings' phrasings for WORDs, most relevant first, with the matching words marked.

    Plurals, small misspellings and word beginnings match too. Matches are
    bold on a terminal and «marked» like this otherwise.

    \b
    Example:
      letterforge library search named suspects
      letterforge library search training -n 3
    """
    from ..tools.search import search as search_library

    library = open_library(library_dir)
    hits = _or_fail(lambda: search_library(library, query, inspection_id, limit))
    if not hits:
        click.echo(f"no phrasing matches '{query}'", err=True)
    mark = _bold if colour_wanted(sys.stdout) else _guillemets
    for number, hit in enumerate(hits):
        variant = hit.variant
        if number:
            click.echo()
        click.echo(f"{variant.finding}/{variant.id}  {variant.judgement}  {hit.relevance:.0f}%  {variant.phrasing.location}")
        click.echo(_wrap(hit.text, hit.marks, mark))


@library_group.command("lint", short_help="Check the whole findings library and print every problem.")
@click.option("--selections", "selection_paths", metavar="PATH", multiple=True, shell_complete=complete_files,
              help="Also warn about findings no selection here uses (a YAML file or a folder; repeatable).")
@library_option
def lint(selection_paths: tuple[str, ...], library_dir: str | None) -> None:
    """Check the whole findings library and print every problem, each with its place.

    Exits 1 if there are errors (a folder that holds no inspection, the
    loader's refusals, a missing or invalid embargo, which every final
    letter would fail on, a parameter declared but never used, a finding's
    phrasing without a closing full stop, a selection that does not load)
    and 0 if there are only warnings (variants that say nearly the same
    thing, a term spelt two ways, a finding no selection uses, a stray YAML
    file, no people.yaml unless every selection checked loads without it).

    \b
    Example:
      letterforge library lint
      letterforge library lint --selections examples/
    """
    from ..tools.lint import lint as lint_library, summary
    from ..app.pipeline import expand_selection

    library = open_library(library_dir)
    paths = _or_fail(lambda: [path for argument in selection_paths for path in expand_selection(argument)])
    problems = lint_library(library, paths)
    for problem in problems:
        report(problem)
    click.echo(summary(problems), err=True)
    if any(problem.severity == "error" for problem in problems):
        sys.exit(1)


def _or_fail(work: Callable[[], T]) -> T:
    """Run ``work``; a problem with the input is reported and exits 1."""
    from ..errors import LetterforgeError

    try:
        return work()
    except LetterforgeError as e:
        fail(e)


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def _guillemets(text: str) -> str:
    return f"«{text}»"


def _wrap(text: str, marks: "tuple[tuple[int, int], ...]" = (), mark: Callable[[str], str] = str) -> str:
    """``text`` folded, wrapped and indented by two spaces, with the ``marks`` spans passed through ``mark``."""
    from ..language.phrasing import fold

    text = fold(text)
    out, start = [], 0
    for line in textwrap.wrap(text, WIDTH - 2, break_long_words=False, break_on_hyphens=False):
        end = start + len(line)
        pieces, at = [], start
        for mark_start, mark_end in marks:
            a, b = max(mark_start, start), min(mark_end, end)
            if a < b:
                pieces += [text[at:a], mark(text[a:b])]
                at = b
        out.append("  " + "".join(pieces) + text[at:end])
        start = end + 1
    return "\n".join(out)

