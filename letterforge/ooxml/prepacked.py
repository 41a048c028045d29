"""Zips whose shared parts are deflated once: many documents from one house style.

Every letter of a batch carries the same styles, numbering, settings,
headers and footers, byte for byte; only its body and its properties (and
the few parts a writer builds for it) differ.  :class:`PrepackedZips`
deflates the shared parts once into a small zip and, for each document,
copies that zip and appends only the document's own parts (``zipfile``'s
append mode copies the compressed entries as they are).

A part counts as shared when its bytes are the very object handed to
:meth:`PrepackedZips.share` (the house style holds them): a writer that
changes a part gives it new bytes, so it is written afresh for that
document and nothing stale is ever copied.
"""

from __future__ import annotations

import io
import zipfile
from typing import Mapping

CONTENT_TYPES_PART = "[Content_Types].xml"
MAX_PREPACKED = 32
"""The most prepacked zips kept at once (one per house style, status and set of shared parts: a handful)."""


def part_order(parts: Mapping[str, bytes]) -> list[str]:
    """Part names in the order they are zipped: ``[Content_Types].xml`` first, as Word writes it, the rest as held."""
    return sorted(parts, key=lambda name: name != CONTENT_TYPES_PART)


def zip_parts(parts: Mapping[str, bytes], order: list[str] | None = None) -> bytes:
    """A new deflated zip of ``parts`` (name -> bytes), in ``order`` (default: as :func:`part_order`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order if order is not None else part_order(parts):
            z.writestr(name, parts[name])
    return buffer.getvalue()


class PrepackedZips:
    """The shared parts of one house style, deflated once per combination in use, and copied into each zip."""

    def __init__(self) -> None:
        self._shared: dict[int, bytes] = {}
        self._zips: dict[tuple[tuple[str, int], ...], bytes] = {}

    def share(self, data: bytes) -> bytes:
        """Remember ``data`` as bytes many documents carry unchanged; returns it (kept alive here)."""
        self._shared[id(data)] = data
        return data

    def is_shared(self, data: bytes) -> bool:
        """True when ``data`` is the very object :meth:`share` was given (equal bytes made anew are not)."""
        return self._shared.get(id(data)) is data

    def to_bytes(self, parts: Mapping[str, bytes]) -> bytes:
        """The zip of ``parts``: the shared ones copied from a zip deflated once, the others deflated now.

        The same entries as :func:`zip_parts` writes, the shared ones first
        (``[Content_Types].xml`` leading) when the content types are shared;
        otherwise (a writer added a part type to this one document) the whole
        zip is written afresh.
        """
        order = part_order(parts)
        shared = [name for name in order if self.is_shared(parts[name])]
        if CONTENT_TYPES_PART not in shared:
            return zip_parts(parts, order)
        key = tuple((name, id(parts[name])) for name in shared)
        base = self._zips.get(key)
        if base is None:
            if len(self._zips) >= MAX_PREPACKED:
                self._zips.clear()
            base = self._zips[key] = zip_parts(parts, shared)
        buffer = io.BytesIO(base)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z:
            for name in order:
                if name not in shared:
                    z.writestr(name, parts[name])
        return buffer.getvalue()
