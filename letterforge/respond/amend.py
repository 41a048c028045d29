"""Amend a selection in place: each accepted edit changes only the lines it must.

The selection is loaded with ruamel.yaml's round-trip loader, the edits are
made on that tree, and the tree is written again in the file's own
indentation (the one of a few common styles that reproduces most of its
lines).  The new lines are then merged into the original text: only the
stretches where the unedited and the edited dumps differ are replaced, at the
lines of the original that the unedited dump reproduces exactly; a comment
line of the original is never dropped.  The result is read again and must
hold exactly the edited data, or nothing is written.
"""

from __future__ import annotations

import datetime as dt
import io
from difflib import SequenceMatcher
from typing import Any, Iterable, Mapping

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from ..errors import LetterforgeError, Location

STYLES = ((2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0))
"""(mapping, sequence, offset) indentations tried, as ruamel.yaml's ``indent()`` takes them."""
FOLD_AT = 88
"""New long texts are written folded (``>-``) at about this many characters a line."""


class AmendError(LetterforgeError):
    """An edit that cannot be made to this selection as it now stands."""


def _yaml(style: tuple[int, int, int]) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=style[0], sequence=style[1], offset=style[2])
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def amend(text: str, edits: Iterable[tuple[Mapping[str, Any], Location]], shown: str) -> str:
    """``text`` (a selection) with ``edits`` made; each edit is located at its entry for errors."""
    edits = list(edits)
    try:
        y = _choose_style(text)
        data = y.load(text)
        before = _dump(y, data)
    except YAMLError as e:
        raise LetterforgeError(f"cannot read the selection for amending: {e}", Location(shown)) from None
    for edit, where in _in_order(edits):
        try:
            _edit(data, edit, where)
        except (KeyError, ValueError, TypeError) as e:
            raise AmendError(f"this entry's edit is not one respond writes ({type(e).__name__}: {e})", where,
                             "restore the edit as respond wrote it, or run respond again") from None
    after = _dump(y, data)
    merged = merge(text, before, after, shown)
    if yaml.safe_load(merged) != yaml.safe_load(after):
        raise LetterforgeError("the selection cannot be amended in place without reformatting it", Location(shown),
                               "make the accepted changes by hand")
    return merged


def _choose_style(text: str) -> YAML:
    best: tuple[float, YAML] | None = None
    for style in STYLES:
        y = _yaml(style)
        dumped = _dump(y, y.load(text))
        if dumped == text:
            return y
        ratio = SequenceMatcher(None, text.splitlines(), dumped.splitlines(), autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, y)
    assert best is not None
    return best[1]


def _in_order(edits: list[tuple[Mapping[str, Any], Location]]) -> list[tuple[Mapping[str, Any], Location]]:
    """Edits of a section's entries from the last entry up, so that earlier indices stay right; others first."""
    def key(pair: tuple[Mapping[str, Any], Location]) -> tuple[int, int, int]:
        edit = pair[0]
        index = edit.get("index")
        if not isinstance(index, int):
            return (0, 0, 0)
        return (1, -index, 0 if edit.get("op") == "insert" else 1)
    return sorted(edits, key=key)


def merge(original: str, before: str, after: str, shown: str) -> str:
    """``original`` with the lines where ``after`` differs from ``before`` replaced; see the module's docstring."""
    if before == original:
        source, base, new = original.splitlines(True), before.splitlines(True), after.splitlines(True)
        return "".join(_keep_comments(source, base, new))
    source, base, new = original.splitlines(True), before.splitlines(True), after.splitlines(True)
    at: dict[int, int] = {}
    for block in SequenceMatcher(None, base, source, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            at[block.a + k] = block.b + k
    out: list[str] = []
    done = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            if not all(i in at for i in range(i1, i2)) or at[i2 - 1] - at[i1] != i2 - 1 - i1:
                raise LetterforgeError("the selection cannot be amended in place without reformatting the lines "
                                       "around an edit", Location(shown), "make the accepted changes by hand")
            start, end = at[i1], at[i2 - 1] + 1
        else:
            if i1 in at:
                start = end = at[i1]
            elif i1 - 1 in at:
                start = end = at[i1 - 1] + 1
            else:
                raise LetterforgeError("the selection cannot be amended in place without reformatting the lines "
                                       "around an edit", Location(shown), "make the accepted changes by hand")
        out.extend(source[done:start])
        out.extend(line for line in source[start:end] if line.lstrip().startswith("#"))
        out.extend(new[j1:j2])
        done = end
    out.extend(source[done:])
    return "".join(out)


def _keep_comments(source: list[str], base: list[str], new: list[str]) -> list[str]:
    """``new``, with every comment line of ``source`` (= ``base``) the dump dropped put back where it stood."""
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(new[j1:j2])
            continue
        kept = [line for line in source[i1:i2] if line.lstrip().startswith("#") and line not in new[j1:j2]]
        out.extend(kept)
        out.extend(new[j1:j2])
    return out


# ------------------------------------------------------------------ the edits


def _edit(data: CommentedMap, edit: Mapping[str, Any], where: Location) -> None:
    op = edit.get("op")
    if op == "set-field":
        _set_field(data, str(edit["field"]), edit["value"], where)
    elif op == "set-introduction":
        if "introduction" not in data or data["introduction"] is None:
            data["introduction"] = CommentedMap()
        data["introduction"][str(edit["part"])] = _text(str(edit["text"]))
    elif op == "set-title":
        _set_title(data, str(edit["section"]), str(edit["title"]), where)
    elif op == "insert":
        entries = _entries(data, str(edit["section"]), where)
        index = int(edit["index"])
        if not 0 <= index <= len(entries):
            raise AmendError(f"cannot add at place {index + 1} of section '{edit['section']}': it has "
                             f"{len(entries)} entries", where)
        entries.insert(index, _entry(edit["entry"]))
    elif op == "move":
        entries = _entries(data, str(edit["section"]), where)
        index, target = int(edit["index"]), int(edit["to"])
        _check_entry(entries, index, edit, where)
        if not 0 <= target <= len(entries):
            raise AmendError(f"cannot move to place {target + 1} of section '{edit['section']}'", where)
        item = entries[index]
        entries.insert(target, item)
        del entries[index + 1 if target <= index else index]
    elif op in ("set-parameters", "switch-variant", "replace", "remove"):
        entries = _entries(data, str(edit["section"]), where)
        index = int(edit["index"])
        _check_entry(entries, index, edit, where)
        if op == "remove":
            del entries[index]
        elif op == "replace":
            entries[index] = _entry(edit["entry"])
        elif op == "switch-variant":
            values = dict(edit.get("values") or {})
            ref = f"{edit['finding']}/{edit['variant']}"
            entries[index] = _entry({ref: values} if values else ref)
        else:
            _set_parameters(entries, index, dict(edit.get("values") or {}))
    else:
        raise AmendError(f"unknown edit '{op}'", where, "edits are written by letterforge respond")


def _entries(data: CommentedMap, section: str, where: Location) -> CommentedSeq:
    sections = data.get("sections")
    if not isinstance(sections, CommentedMap) or section not in sections:
        raise AmendError(f"the selection has no section '{section}'", where)
    value = sections[section]
    if isinstance(value, CommentedMap):
        if not isinstance(value.get("findings"), CommentedSeq):
            value["findings"] = CommentedSeq()
        findings: CommentedSeq = value["findings"]
        return findings
    if value is None:
        sections[section] = CommentedSeq()
        return sections[section]  # type: ignore[no-any-return]
    if not isinstance(value, CommentedSeq):
        raise AmendError(f"section '{section}' is not a list of findings", where)
    return value


def _ref(entry: Any) -> str | None:
    """The ``finding`` an entry names (``finding/variant`` or ``finding: …``), or None for free text."""
    if isinstance(entry, str):
        return entry.split("/")[0].strip()
    if isinstance(entry, CommentedMap) and len(entry) == 1 and "text" not in entry:
        return str(next(iter(entry))).split("/")[0].strip()
    return None


def _check_entry(entries: CommentedSeq, index: int, edit: Mapping[str, Any], where: Location) -> None:
    if not 0 <= index < len(entries) or _ref(entries[index]) != edit.get("finding"):
        raise AmendError(f"entry {index + 1} of section '{edit['section']}' is no longer "
                         f"{edit.get('finding') or 'that free text'}", where,
                         "run letterforge respond again on the selection as it now is")


def _set_parameters(entries: CommentedSeq, index: int, values: dict[str, Any]) -> None:
    entry = entries[index]
    if isinstance(entry, str):
        params = CommentedMap()
        params.fa.set_flow_style()
        entries[index] = CommentedMap([(entry, params)])
        entry = entries[index]
    key = next(iter(entry))
    if entry[key] is None:
        entry[key] = CommentedMap()
    for name, value in values.items():
        entry[key][name] = _scalar(value)


def _set_field(data: CommentedMap, field: str, value: Any, where: Location) -> None:
    if field == "date":
        data["date"] = dt.date.fromisoformat(str(value))
    elif field == "salutation":
        data["salutation"] = value
    elif field in ("to.name", "to.position"):
        to = data.get("to")
        if not isinstance(to, CommentedMap):
            raise AmendError(f"the selection's 'to' is not a mapping; cannot set {field}", where)
        to[field.split(".")[1]] = value
    else:
        raise AmendError(f"letterforge cannot set '{field}'", where)


def _set_title(data: CommentedMap, section: str, title: str, where: Location) -> None:
    sections = data.get("sections")
    if not isinstance(sections, CommentedMap) or section not in sections:
        raise AmendError(f"the selection has no section '{section}'", where)
    value = sections[section]
    if isinstance(value, CommentedMap):
        value["title"] = title
    else:
        sections[section] = CommentedMap([("title", title), ("findings", value if value is not None else [])])


def _entry(value: Any) -> Any:
    """A responses file's entry as the selection writes it: mappings kept in order, long texts folded."""
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _entry(item)
        if out and all(not isinstance(v, (Mapping, list)) and not (isinstance(v, str) and len(v) > 40)
                       for v in out.values()) and "text" not in out:
            out.fa.set_flow_style()
        return out
    if isinstance(value, str):
        return _text(value)
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _text(text: str) -> Any:
    """``text`` as a plain scalar, or folded at word boundaries when long."""
    if len(text) <= FOLD_AT:
        return text
    folded = FoldedScalarString(text)
    positions = []
    line_start = 0
    last_space = -1
    for i, character in enumerate(text):
        if character == " ":
            if i - line_start > FOLD_AT and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start > FOLD_AT and last_space > line_start:
        positions.append(last_space)
    folded.fold_pos = positions
    return folded
