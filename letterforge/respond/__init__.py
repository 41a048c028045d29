"""The factual-accuracy round: a force's reply in Word comes back into its selection.

::

    proposals = respond_to(Path("reply.docx"), Path("kent.yaml"), library)   # what the force proposes
    text = responses_yaml(...)                                              # kent.responses.yaml
    amended = apply_responses(read_responses(Path("kent.responses.yaml")))  # the selection, amended

:mod:`.reply` reads the reply's tracked changes and (:mod:`.comments`) its
comments; :mod:`.propose` maps each to its block and (:mod:`.classify`, with
the extract matcher) says what kind of change it is; :mod:`.responses`
writes and reads the responses file; :mod:`.amend` edits the selection in
place; :mod:`.applying` checks and applies the decisions.
"""

from __future__ import annotations

from pathlib import Path

from ..compose.build import load_letter
from ..load.library import Library
from .propose import Proposals, propose
from .reply import read_reply


def respond_to(reply: Path, selection: Path, library: Library) -> tuple[Proposals, str, str]:
    """What ``reply`` proposes for ``selection``, and the selection's force and inspection id; reads both files."""
    read = read_reply(reply)
    chosen, letter = load_letter(selection, library)
    return propose(read, letter, chosen), chosen.force, chosen.inspection.id


__all__ = ["Proposals", "respond_to"]
