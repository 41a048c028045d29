"""The yardstick: the same letters rendered as DOCX by docxtpl from a Jinja-in-Word template.

``build_template`` makes the template from our house style with python-docx:
the house style's page, headers and footers, then one templated paragraph per
block kind in that kind's paragraph style, inside a ``{%p for %}`` loop over
the letter's blocks; the document properties and a DRAFT mark in the headers
are templated too.  So docxtpl writes what ``letterforge render`` writes for
DOCX, from the same blocks.

Run as a script it is one whole docxtpl process, as a user would run it::

    python benchmarks/docxtpl_baseline.py TEMPLATE.docx LETTERS.json OUT/

``LETTERS.json`` holds ``[{"name", "title", "subject", "author", "mark", "blocks": [{"kind", "text"}]}]``.
That process imports docxtpl and nothing of letterforge, so it pays for no
more than docxtpl needs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letterforge.letter import Letter


def build_template(house_style: Path, target: Path) -> Path:
    """Write the Jinja-in-Word template for every block kind, in the look of ``house_style``."""
    import docx

    from letterforge.letter import BLOCK_KINDS
    from letterforge.ooxml.package import style_name

    document = docx.Document(str(house_style))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    document.add_paragraph("{%p for block in blocks %}")
    for number, kind in enumerate(BLOCK_KINDS):
        keyword = "if" if number == 0 else "elif"
        document.add_paragraph(f"{{%p {keyword} block.kind == '{kind}' %}}")
        document.add_paragraph("{{ block.text }}", style=style_name(kind))
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            if header.paragraphs:
                header.paragraphs[0].insert_paragraph_before("{{ mark }}")
            else:
                header.add_paragraph("{{ mark }}")
    properties = document.core_properties
    properties.title, properties.subject, properties.author = "{{ title }}", "{{ subject }}", "{{ author }}"
    document.save(str(target))
    return target


def letter_context(letter: "Letter") -> dict:
    """What the template needs to write ``letter``: its blocks and properties, as plain data."""
    from letterforge.render.docx import DRAFT_MARK

    meta = letter.meta
    return {
        "name": Path(meta.selection).stem,
        "title": f"{meta.title} – {meta.force}",
        "subject": f"Findings for {meta.force}",
        "author": meta.author,
        "mark": "" if meta.status == "final" else DRAFT_MARK,
        "blocks": [{"kind": b.kind, "text": b.text} for b in letter.blocks],
    }


def render_all(template: Path, letters: list[dict], folder: Path) -> None:
    """Render every letter with one DocxTemplate, the way docxtpl's documentation shows."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    for context in letters:
        document.render(context, autoescape=True)
        document.save(str(folder / f"{context['name']}.docx"))


if __name__ == "__main__":
    template_path, letters_path, out = (Path(a) for a in sys.argv[1:4])
    render_all(template_path, json.loads(letters_path.read_text(encoding="utf-8")), out)
