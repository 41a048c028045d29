"""Mark the decoration LibreOffice draws outside a tagged PDF's structure as artifacts.

PDF/UA asks that every mark on a page be either tagged content or an
artifact.  LibreOffice 7 tags text and images but strokes paragraph borders
(the rule under the letterhead) outside any marked-content sequence, which a
checker reads as untagged content.  :func:`mark_untagged_as_artifacts` wraps
each painted path, image or shading that stands outside every marked-content
sequence in ``/Artifact BMC … EMC``; what is already tagged or marked is left
exactly as it is.  The content streams are read and written with pikepdf.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf

PATH_CONSTRUCTION = frozenset({"m", "l", "c", "v", "y", "h", "re"})
PATH_PAINTING = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"})
SINGLE_MARKS = frozenset({"Do", "sh", "BI"})
"""An XObject, a shading, an inline image: each a mark of its own."""
OPENS, CLOSES = frozenset({"BMC", "BDC"}), "EMC"


def artifact_wrapped(instructions: list[Any]) -> tuple[list[Any], int]:
    """``instructions`` with every mark outside marked content wrapped as an artifact, and how many were."""
    out: list[Any] = []
    depth = 0
    in_path = False
    wrapped = 0
    begin = ([pikepdf.Name("/Artifact")], pikepdf.Operator("BMC"))
    end: tuple[list[Any], pikepdf.Operator] = ([], pikepdf.Operator("EMC"))
    for instruction in instructions:
        operator = str(instruction.operator)
        outside = depth == 0
        if outside and not in_path and (operator in PATH_CONSTRUCTION or operator in SINGLE_MARKS):
            out.append(begin)
            wrapped += 1
            in_path = operator in PATH_CONSTRUCTION
            out.append(instruction)
            if not in_path:
                out.append(end)
            continue
        out.append(instruction)
        if in_path and operator in PATH_PAINTING:
            out.append(end)
            in_path = False
        elif operator in OPENS:
            depth += 1
        elif operator == CLOSES:
            depth = max(depth - 1, 0)
    if in_path:
        out.append(end)
    return out, wrapped


def mark_untagged_as_artifacts(pdf_bytes: bytes) -> bytes:
    """The PDF with its untagged decoration marked as artifacts (the same bytes when there is none)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        changed = False
        for page in pdf.pages:
            instructions, wrapped = artifact_wrapped(list(pikepdf.parse_content_stream(page)))
            if wrapped:
                page.contents_coalesce()
                page.obj.Contents.write(pikepdf.unparse_content_stream(instructions))
                changed = True
        if not changed:
            return pdf_bytes
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
