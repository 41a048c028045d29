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

import io
from difflib import SequenceMatcher
from typing import Any, Iterable, Mapping

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from ..errors import LetterforgeError, Location
from .fields import FieldError, field_order, insert_field, remove_field, set_field
from .typed import ParamTypes, typed, typed_entry

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


def amend(text: str, edits: Iterable[tuple[Mapping[str, Any], Location]], shown: str,
          types: ParamTypes = lambda finding, variant: None) -> str:
    """``text`` (a selection) with ``edits`` made; each edit is located at its entry for errors.

    Parameter values are written as ``types`` declares them (a text that
    looks like a date stays text); a value that is not of its type is an
    :class:`AmendError` at its entry.
    """
    edits = list(edits)
    try:
        y = _choose_style(text)
        data = y.load(text)
        before = _dump(y, data)
    except YAMLError as e:
        raise LetterforgeError(f"cannot read the selection for amending: {e}", Location(shown)) from None
    for edit, where in _steps(data, edits):
        try:
            _edit(data, edit, where, types)
        except FieldError as e:
            raise AmendError(f"cannot make this edit: {e}", where, "make the change by hand") from None
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


def _steps(data: CommentedMap, edits: list[tuple[Mapping[str, Any], Location]]
           ) -> list[tuple[Mapping[str, Any], Location]]:
    """The edits as steps in an order that keeps every recorded index right.

    Indices are those of the selection as ``respond`` read it, so the steps of
    each list run from its last item up; at one index an insertion comes
    after the edit of the item there.  A move is two steps: taking the entry
    (captured now, before anything changes) and putting it at its place in the
    target section.  Edits without an index run first.
    """
    steps: list[tuple[tuple[int, int, int], Mapping[str, Any], Location]] = []
    for order, (edit, where) in enumerate(edits):
        try:
            steps.extend(_step(data, order, edit, where))
        except (KeyError, ValueError, TypeError) as e:
            raise AmendError(f"this entry's edit is not one respond writes ({type(e).__name__}: {e})", where,
                             "restore the edit as respond wrote it, or run respond again") from None
    return [(edit, where) for _, edit, where in sorted(steps, key=lambda step: step[0])]


def _step(data: CommentedMap, order: int, edit: Mapping[str, Any], where: Location
          ) -> list[tuple[tuple[int, int, int], Mapping[str, Any], Location]]:
    """The step(s) of one edit, each with its sort key."""
    op = edit.get("op")
    if op == "move":
        source, target = str(edit["section"]), str(edit.get("to_section") or edit["section"])
        entries = _entries(data, source, where)
        index = int(edit["index"])
        _check_entry(entries, index, edit, where)
        item = entries[index]
        put = {"op": "put", "section": target, "index": int(edit["to"]), "item": item,
               "entry": edit.get("entry")}
        return [((1, -index, 0), {"op": "take", "section": source, "index": index, "item": item}, where),
                ((1, -int(edit["to"]), 1), put, where)]
    if isinstance(edit.get("index"), int):
        return [((1, -int(edit["index"]), 2 if op in ("insert", "insert-field") else 0), edit, where)]
    if op in ("set-field", "remove-field") and field_order(str(edit.get("field")))[1] >= 0:
        # at one index: set a copy-to entry's position before removing the entry
        return [((1, -field_order(str(edit["field"]))[1], 1 if op == "remove-field" else 0), edit, where)]
    return [((0, order, 0), edit, where)]


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
        _add_before_blank_lines(out, new[j1:j2], start == end)
        if source[start:end] and not source[end - 1].strip() and not any(not line.strip() for line in new[j1:j2]):
            out.append(source[end - 1])  # the blank line that ended the stretch (between sections) stays
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
        _add_before_blank_lines(out, new[j1:j2], i2 == i1)
        if i2 > i1 and not source[i2 - 1].strip() and not any(not line.strip() for line in new[j1:j2]):
            out.append(source[i2 - 1])  # the blank line that ended the stretch (between sections) stays
    return out


def _add_before_blank_lines(out: list[str], lines: list[str], inserted: bool) -> None:
    """Add ``lines`` to ``out``; new lines only (``inserted``) go before the blank lines ending ``out``.

    ruamel.yaml keeps a blank line after a list's last item with that item, so
    an item added at the end of a section would follow the blank line that
    parts it from the next section.
    """
    blanks: list[str] = []
    while inserted and lines and lines[-1].strip() and out and not out[-1].strip():
        blanks.insert(0, out.pop())
    out.extend(lines)
    out.extend(blanks)


# ------------------------------------------------------------------ the edits


def _edit(data: CommentedMap, edit: Mapping[str, Any], where: Location, types: ParamTypes) -> None:
    op = edit.get("op")
    if op == "set-field":
        set_field(data, str(edit["field"]), edit["value"])
    elif op == "set-fields":
        for field, value in dict(edit["fields"]).items():
            set_field(data, str(field), value)
    elif op == "remove-field":
        remove_field(data, str(edit["field"]))
    elif op == "insert-field":
        insert_field(data, str(edit["field"]), int(edit["index"]), edit["value"])
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
        entries.insert(index, _entry(typed_entry(edit["entry"], types, where)))
    elif op == "take":
        entries = _entries(data, str(edit["section"]), where)
        position = next(i for i, item in enumerate(entries) if item is edit["item"])
        del entries[position]
    elif op == "put":
        entries = _entries(data, str(edit["section"]), where)
        index = int(edit["index"])
        if not 0 <= index <= len(entries):
            raise AmendError(f"cannot move to place {index + 1} of section '{edit['section']}'", where)
        entry = edit.get("entry")
        entries.insert(index, edit["item"] if entry is None else _entry(typed_entry(entry, types, where)))
    elif op in ("set-parameters", "switch-variant", "replace", "remove"):
        entries = _entries(data, str(edit["section"]), where)
        index = int(edit["index"])
        _check_entry(entries, index, edit, where)
        if op == "remove":
            del entries[index]
        elif op == "replace":
            entries[index] = _entry(typed_entry(edit["entry"], types, where))
        elif op == "switch-variant":
            ref = f"{edit['finding']}/{edit['variant']}"
            values = typed(dict(edit.get("values") or {}), types(str(edit["finding"]), str(edit["variant"])),
                           where)
            entries[index] = _entry({ref: values} if values else ref)
        else:
            written = _ref_of(entries[index])
            variant = edit.get("variant") or (written.partition("/")[2] if written else None) or None
            kinds = types(str(edit["finding"]), str(variant) if variant else None)
            _set_parameters(entries, index, typed(dict(edit.get("values") or {}), kinds, where))
    else:
        raise AmendError(f"unknown edit '{op}'", where, "edits are written by letterforge respond")


def _ref_of(entry: Any) -> str | None:
    """The ``finding/variant`` text an entry starts with, or None for free text."""
    if isinstance(entry, str):
        return entry.strip()
    if isinstance(entry, CommentedMap) and len(entry) == 1 and "text" not in entry:
        return str(next(iter(entry))).strip()
    return None


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
        entry[key][name] = value


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
