"""Where the shipped findings library and templates live.

In a wheel they are installed inside the package (``letterforge/_data/``); in a
checkout or an editable install they are the repository's top-level folders.
``--library DIR`` (or ``LETTERFORGE_LIBRARY``) points elsewhere, and a
library may carry layouts and house styles of its own in ``DIR/templates/``
(a regional office's letterhead, say), found before the shipped ones.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_data", _PACKAGE.parent)


def _shipped(name: str) -> Path:
    for base in _CANDIDATES:
        if (base / name).is_dir():
            return base / name
    return _CANDIDATES[-1] / name  # reported as missing by whoever opens it


def default_library() -> Path:
    """The findings library that ships with letterforge."""
    return _shipped("findings_library")


def templates_dir() -> Path:
    """The layouts, house-style DOCX and review page templates that ship with letterforge."""
    return _shipped("templates")


def template_folders(library_root: Path) -> tuple[Path, ...]:
    """Where a letter's layout and house style are looked for: the library's own ``templates/``, then the shipped."""
    own = library_root / "templates"
    return (own, templates_dir()) if own.is_dir() else (templates_dir(),)
