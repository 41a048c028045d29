"""Shell completion of the library's names: inspection ids, finding ids, signatory keys.

Click's completion (bash, zsh, fish: see the README) calls these with what the
command line holds so far.  Each reads the library the command would use
(``--library`` if already typed, else ``LETTERFORGE_LIBRARY``, else the shipped
one) and offers the names that start with what has been typed.  Completion
never fails: a library that cannot be read completes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from ..load.library import Library


def _library(context: click.Context) -> "Library | None":
    from ..load.library import Library
    from ..resources import default_library

    named = None
    at: click.Context | None = context
    while at is not None and named is None:  # --library may be on this command or, one day, on a group
        named = at.params.get("library_dir")
        at = at.parent
    root = named or os.environ.get("LETTERFORGE_LIBRARY") or default_library()
    try:
        return Library(Path(root))
    except Exception:  # completion offers nothing rather than print a traceback into the shell
        return None


def _offer(names: Iterable[tuple[str, str]], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name, help=help_text) for name, help_text in names if name.startswith(incomplete)]


def _completer(names: Callable[["Library", click.Context], Iterable[tuple[str, str]]]
               ) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    def complete(context: click.Context, parameter: click.Parameter, incomplete: str) -> list[CompletionItem]:
        library = _library(context)
        if library is None:
            return []
        try:
            return _offer(names(library, context), incomplete)
        except Exception:  # a library with problems completes nothing; `library lint` says why
            return []

    return complete


def _inspections(library: "Library", context: click.Context) -> Iterable[tuple[str, str]]:
    for inspection_id in library.inspection_ids():
        yield inspection_id, library.inspection(inspection_id).title


def _findings(library: "Library", context: click.Context) -> Iterable[tuple[str, str]]:
    chosen = context.params.get("inspection_id")
    for inspection_id in library.inspection_ids():
        if chosen and inspection_id != chosen:
            continue
        for section in library.inspection(inspection_id).sections.values():
            for finding in section.findings.values():
                yield finding.id, finding.topic
                for variant in finding.variants.values():
                    yield f"{finding.id}/{variant.id}", f"{variant.judgement}: {finding.topic}"


def _signatories(library: "Library", context: click.Context) -> Iterable[tuple[str, str]]:
    for key, person in sorted(library.people.items()):
        yield key, f"{person.name}, {person.title}"


complete_inspections = _completer(_inspections)
"""Completes an inspection id (``--inspection``)."""

complete_findings = _completer(_findings)
"""Completes a finding id or ``finding/variant`` (``library show``), of ``--inspection`` if given."""

complete_signatories = _completer(_signatories)
"""Completes a signatory key of people.yaml (``new --from``)."""


def complete_files(context: click.Context, parameter: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Lets the shell complete file and folder names (a selection, a letter)."""
    return [CompletionItem(incomplete, type="file")]


def complete_folders(context: click.Context, parameter: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Lets the shell complete folder names (``--library``, ``-o DIR``)."""
    return [CompletionItem(incomplete, type="dir")]
