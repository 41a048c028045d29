"""The head and foot of a letter as fields of its selection: which block is which field, and the edit a change makes.

:func:`head_fields` names each head or foot block of a letter by the
selection field it prints: ``date``, ``salutation``, ``to.name``,
``to.position``, ``to.address[1]``, ``copy_to[0].name``,
``copy_to[0].position``, or, for a line the selection does not hold, its
kind (``letterhead``, ``sender``, ``subject``, ``closing``, ``signature``).
Blocks are matched to fields by kind, in order, and by their words, so a
layout that leaves a line out (an empty position) cannot shift the others.

:func:`head_change` and :func:`head_addition` turn a force's change of such a
block into a summary and the edit of the selection that makes it
(:mod:`.amend` runs it), or into no edit and the reason no selection can
express it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..dates import long_date
from ..letter import Block
from ..load.selection import Selection

COPIED_TO = "Copied to "
"""The words the house layout puts before the first copy-to name."""

FIXED_REASONS = {
    "letterhead": "the letterhead is the inspectorate office's address from the library (people.yaml); correct it "
                  "there for every letter, or give this letter its own with letterhead: {name: …, address: [...]}",
    "sender": "the sender's name and title come from the signatory in the library (people.yaml, named by from:); "
              "correct them there, or name another signatory with from:",
    "signature": "the signature is the signatory's name and title from the library (people.yaml, named by from:); "
                 "correct them there, or name another signatory with from:",
    "closing": "the closing ('Yours sincerely') is the house layout's wording (templates/letter.j2), the same "
               "in every letter; no selection can change it",
    "subject": "the subject line is the inspection's title in the library (inspection.yaml); no selection can "
               "change it",
}
"""Why a change to a line the selection does not hold must be made by hand (and where)."""

_LONG_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})$")


@dataclass(frozen=True)
class HeadChange:
    """What a change of a head field comes to: its summary, the edit (None: by hand) and why not."""

    summary: str
    edit: dict[str, Any] | None
    note: str | None = None


def head_fields(blocks: Sequence[Block], selection: Selection | None) -> dict[int, str]:
    """The field each head or foot block prints, by block index (see the module's docstring)."""
    expected: dict[str, list[tuple[str, str | None]]] = {"recipient": [], "copy": []}
    if selection is not None:
        recipient = selection.recipient
        expected["recipient"] = [("to.name", recipient.name_with_letters)]
        if recipient.position:
            expected["recipient"].append(("to.position", recipient.position))
        expected["recipient"] += [(f"to.address[{i}]", line) for i, line in enumerate(recipient.address)]
        for i, person in enumerate(selection.copy_to):
            expected["copy"].append((f"copy_to[{i}].name", (COPIED_TO if i == 0 else "") + person.name))
            if person.position:
                expected["copy"].append((f"copy_to[{i}].position", person.position))
    fields: dict[int, str] = {}
    for kind in ("recipient", "copy"):
        at = [i for i, b in enumerate(blocks) if b.kind == kind]
        wanted = expected[kind]
        if len(at) == len(wanted) and all(blocks[i].text == text for i, (_, text) in zip(at, wanted)):
            fields.update((i, name) for i, (name, _) in zip(at, wanted))
        else:  # a layout of its own: by order only where the words agree, else the line's kind
            for i, (name, text) in zip(at, wanted):
                fields[i] = name if blocks[i].text == text else kind
            fields.update((i, kind) for i in at[len(wanted):])
    for i, block in enumerate(blocks):
        if block.kind in ("date", "salutation", *FIXED_REASONS) and i not in fields:
            fields[i] = block.kind
    return fields


def head_change(field: str, before: str, after: str | None, selection: Selection | None) -> HeadChange:
    """The change of the head block printing ``field`` from ``before`` to ``after`` (None: the line deleted)."""
    shown = f"{before} -> {after}" if after is not None else f"line removed ({before})"
    if field in FIXED_REASONS:
        return HeadChange(shown, None, f"make it by hand if accepted: {FIXED_REASONS[field]}")
    if field == "date":
        if after is None:
            return HeadChange(shown, None, "a letter must have a date; the selection's date: stays")
        day = read_long_date(after)
        if day is None:
            return HeadChange(shown, None, f"'{after}' is not a date letterforge can read (it prints dates as "
                                           f"{before}); set date: by hand if accepted")
        return HeadChange(f"{before} -> {long_date(day)}", _set("date", day.isoformat()))
    if field == "salutation":
        if after is None:
            return HeadChange(shown, None, "a letter must have a salutation; the selection's salutation: stays")
        return HeadChange(shown, _set("salutation", after))
    if field == "to.name":
        if after is None:
            return HeadChange(shown, None, "a letter must have a recipient; the selection's to: name stays")
        letters = selection.recipient.letters if selection is not None else ""
        if letters and after.endswith(f" {letters}"):
            return HeadChange(shown, _set("to.name", after[: -len(letters) - 1].rstrip()))
        if letters:
            return HeadChange(shown, {"op": "set-fields", "fields": {"to.name": after, "to.letters": None}},
                              f"the name no longer ends with the recipient's letters ({letters}): "
                              "to.letters is removed and the name written whole")
        return HeadChange(shown, _set("to.name", after))
    if field == "to.position" or field.startswith(("to.address[", "copy_to[")):
        if field.endswith(".name") and field.startswith("copy_to[0]"):
            if after is not None and not after.startswith(COPIED_TO):
                return HeadChange(shown, None, f"'{COPIED_TO.strip()}' before the first name is the house layout's "
                                               "wording; change the copy_to: name by hand if accepted")
            after = after[len(COPIED_TO):].strip() if after is not None else None
            before = before[len(COPIED_TO):] if before.startswith(COPIED_TO) else before
            shown = f"{before} -> {after}" if after is not None else f"line removed ({before})"
        if field.endswith(".name") and after is None:
            entry = field.removesuffix(".name")
            return HeadChange(f"copied to {before}: removed", {"op": "remove-field", "field": entry},
                              "the whole copy-to entry (name and position) is removed")
        if after is None and field.startswith("to.address["):
            return HeadChange(shown, {"op": "remove-field", "field": field})
        return HeadChange(shown, _set(field, after))
    return HeadChange(shown, None, "letterforge cannot tell which field of the selection prints this line; make the "
                                   "change by hand if accepted")


def head_addition(previous: str | None, following: str | None, text: str) -> HeadChange | None:
    """A new line ``text`` between head blocks printing ``previous`` and ``following``; None if not a head line.

    A line added after the recipient's name, position or an address line is a new address line there.
    """
    if previous is None or following == "to.position":
        return None
    if previous in ("to.name", "to.position"):
        index = 0
    elif previous.startswith("to.address["):
        index = int(previous[len("to.address["):-1]) + 1
    else:
        return None
    return HeadChange(f"address line added: {text}", {"op": "insert-field", "field": "to.address", "index": index,
                                                      "value": text})


def _set(field: str, value: Any) -> dict[str, Any]:
    return {"op": "set-field", "field": field, "value": value}


def read_long_date(text: str) -> dt.date | None:
    """``3 September 2014`` (also ``3rd September, 2014``) as a date; None for anything else."""
    found = _LONG_DATE.match(" ".join(text.split()))
    if found is None:
        return None
    try:
        return dt.datetime.strptime(f"{found[1]} {found[2]} {found[3]}", "%d %B %Y").date()
    except ValueError:
        return None
