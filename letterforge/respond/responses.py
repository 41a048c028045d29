"""The responses file: one entry per proposed change, the inspector's decisions, and the selection's digest.

:func:`responses_yaml` writes it (YAML, with a header comment saying what to
do); :func:`read_responses` reads it back with ruamel.yaml's round-trip
loader (pure YAML, no tags or objects) so that each problem is located at its
line.  ``selection`` is the selection's path relative to the responses file;
``selection_digest`` is the SHA-256 of the selection's bytes when ``respond``
read it, which ``apply`` checks before changing anything.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..errors import LetterforgeError, Location, display_path
from .propose import Proposals

DECISIONS = ("pending", "accept", "reject")
FORMAT_VERSION = 1


def file_digest(data: bytes) -> str:
    """``sha256:…`` of a file's bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def responses_path(selection: Path) -> Path:
    """The default responses file: ``<selection-stem>.responses.yaml`` beside the selection."""
    return selection.with_name(f"{selection.stem}.responses.yaml")


def responses_yaml(proposals: Proposals, reply: str, selection: Path, selection_bytes: bytes, force: str,
                   inspection: str, target: Path) -> str:
    """The responses file's text, for writing at ``target``."""
    folder = target.parent.resolve()
    data = CommentedMap()
    data["letterforge-responses"] = FORMAT_VERSION
    data["force"] = force
    data["inspection"] = inspection
    relative = os.path.relpath(Path(reply).resolve(), folder)
    data["reply"] = str(Path(reply).resolve()) if relative.startswith(f"..{os.sep}..") else relative
    data["selection"] = os.path.relpath(selection.resolve(), folder)
    data["selection_digest"] = file_digest(selection_bytes)
    if proposals.notes:
        data["notes"] = list(proposals.notes)
    data["formatting_only"] = proposals.formatting_only
    entries = CommentedSeq()
    for number, entry in enumerate(proposals.entries, start=1):
        item = CommentedMap()
        item["id"] = number
        item["where"] = entry.where
        if entry.block:
            item["block"] = dict(entry.block)
        item["change"] = entry.change
        item["summary"] = entry.summary
        item["by"] = entry.by or "unknown"
        item["when"] = entry.when
        item["tracked"] = entry.tracked
        item["before"] = entry.before
        item["after"] = entry.after
        item["edit"] = entry.edit
        if entry.note:
            item["note"] = entry.note
        if entry.together is not None:
            item["together"] = {"with": number - 1, **entry.together}
        item["comments"] = [dict(c) for c in entry.comments]
        item["decision"] = "pending"
        item["reason"] = None
        entries.append(item)
    data["entries"] = entries
    data.yaml_set_start_comment(
        f"The factual-accuracy reply of {force} ({data['reply']}) to {data['selection']}.\n"
        "Set each entry's decision to accept or reject (an optional reason: says why), then run\n"
        f"  letterforge apply {target.name}")
    out = io.StringIO()
    y = YAML()
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    y.dump(data, out)
    return out.getvalue()


@dataclass(frozen=True)
class Decided:
    """One entry of a responses file as the inspector left it."""

    id: str
    where: str
    summary: str
    decision: str
    reason: str | None
    edit: dict[str, Any] | None
    location: Location
    data: dict[str, Any]
    """The entry's every field (for the log)."""


@dataclass(frozen=True)
class Responses:
    """A responses file read back."""

    path: Path
    force: str
    inspection: str
    reply: str
    selection: Path
    """The selection's path as this process reaches it."""
    digest: str
    digest_location: Location
    entries: tuple[Decided, ...]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def read_responses(path: Path) -> Responses:
    """Read the responses file at ``path``; a located error for anything ``respond`` would not have written."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LetterforgeError("no such file", Location(shown)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise LetterforgeError(f"cannot read: {e}", Location(shown)) from None
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise LetterforgeError(f"not valid YAML: {getattr(e, 'problem', e)}", Location(shown, line, column)) from None
    if not isinstance(data, CommentedMap) or "letterforge-responses" not in data:
        raise LetterforgeError("not a responses file (no 'letterforge-responses:' key)", Location(shown, 1, 1),
                               "write one with letterforge respond REPLY.docx SELECTION.yaml")

    def at(node: CommentedMap, key: str) -> Location:
        try:
            line, column = node.lc.value(key)
            return Location(shown, line + 1, column + 1)
        except (KeyError, TypeError, AttributeError):
            return Location(shown, node.lc.line + 1, node.lc.col + 1)

    for key in ("force", "inspection", "selection", "selection_digest", "entries"):
        if key not in data:
            raise LetterforgeError(f"the responses file lacks '{key}'", Location(shown, 1, 1))
    if not isinstance(data["entries"], list):
        raise LetterforgeError("'entries' must be a list", at(data, "entries"))
    entries: list[Decided] = []
    for item in data["entries"]:
        where = Location(shown, item.lc.line + 1, item.lc.col + 1) if hasattr(item, "lc") else Location(shown)
        if not isinstance(item, CommentedMap):
            raise LetterforgeError("an entry must be a mapping", where)
        decision = item.get("decision")
        if decision not in DECISIONS:
            raise LetterforgeError(f"decision must be accept, reject or pending, not {decision!r}",
                                   at(item, "decision") if "decision" in item else where)
        reason = item.get("reason")
        edit = item.get("edit")
        if edit is not None and not isinstance(edit, dict):
            raise LetterforgeError("'edit' must be a mapping (as respond wrote it)", at(item, "edit"))
        together = item.get("together")
        if together is not None and not (isinstance(together, dict) and "with" in together
                                         and isinstance(together.get("edit"), (dict, type(None)))):
            raise LetterforgeError("'together' must be a mapping of with: and edit: (as respond wrote it)",
                                   at(item, "together"))
        entries.append(Decided(str(item.get("id", len(entries) + 1)), str(item.get("where", "")),
                               str(item.get("summary", "")), str(decision),
                               None if reason is None else str(reason), _plain(edit) if edit else None,
                               at(item, "decision") if "decision" in item else where, _plain(dict(item))))
    return Responses(path, str(data["force"]), str(data["inspection"]), str(data.get("reply", "")),
                     path.parent / str(data["selection"]), str(data["selection_digest"]),
                     at(data, "selection_digest"), tuple(entries))
