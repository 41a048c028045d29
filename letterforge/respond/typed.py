"""Parameter values as their library declares them: an integer, a date, or text (a date-looking text stays text).

The responses file carries values as YAML reads them back; before they go
into the selection each is typed from the library's declaration of its
parameter (:class:`letterforge.load.params.Param`), so that the selection
reads back as the same values.  ruamel.yaml then quotes a text that would
otherwise read as a date or a number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Mapping

from ..errors import LetterforgeError, Location
from ..load.library import Library

ParamTypes = Callable[[str, str | None], dict[str, str] | None]
"""The declared type (``text``, ``integer``, ``date``, ``choice``) of each parameter of ``finding``/``variant``
(variant None: the finding's only variant), or None when the library has no such variant."""


def library_types(library: Library, inspection: str) -> ParamTypes:
    """The :data:`ParamTypes` of the findings of ``inspection`` in ``library``."""
    def types(finding: str, variant: str | None) -> dict[str, str] | None:
        try:
            found = library.inspection(inspection).find(finding)
        except LetterforgeError:
            return None
        if found is None:
            return None
        if variant is None:
            if len(found.variants) != 1:
                return None
            variant = next(iter(found.variants))
        chosen = found.variants.get(variant)
        return None if chosen is None else {name: param.type for name, param in chosen.params.items()}
    return types


def typed_entry(entry: Any, types: ParamTypes, where: Location) -> Any:
    """An entry ``{finding/variant: {values}}`` with its values typed; any other entry as it is."""
    if isinstance(entry, Mapping) and len(entry) == 1 and "text" not in entry:
        ref, values = next(iter(entry.items()))
        if isinstance(values, Mapping) and "text" not in values:
            finding, _, variant = str(ref).partition("/")
            return {ref: typed(dict(values), types(finding.strip(), variant.strip() or None), where)}
    return entry


def typed(values: dict[str, Any], kinds: dict[str, str] | None, where: Location) -> dict[str, Any]:
    """``values`` as the parameters declare them: integers, dates, and texts (a date-looking text stays text)."""
    if kinds is None:  # not a variant of this library: the selection's check will say so
        return dict(values)
    out: dict[str, Any] = {}
    for name, value in values.items():
        kind = kinds.get(name)
        try:
            out[name] = _as(kind, value)
        except (TypeError, ValueError):
            raise LetterforgeError(f"parameter '{name}' is declared {kind}, and {value!r} is not one", where,
                                   f"write a {kind} value in the entry's edit") from None
    return out


def _as(kind: str | None, value: Any) -> Any:
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError(value)
        return int(value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if kind in ("text", "choice"):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, bool) or value is None:
            raise TypeError(value)
        return str(value)
    return value
