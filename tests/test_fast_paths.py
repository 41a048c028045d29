"""The fast paths of issue 17 give exactly what the plain ways give: same text, same parts, same pairs."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from letterforge.language.phrasing import fold
from letterforge.ooxml.package import Package
from letterforge.render.docx import house_style_at, letter_document, render_docx
from letterforge.resources import templates_dir

from .conftest import KENT, edit

PLAIN_FOLD = re.compile(r"[ \t\r\n]+")


@given(st.text(alphabet=" \t\r\n\xa0\u2003\u2028\x0b\x0cab."))
def test_fold_is_the_regex_fold_whatever_the_spaces(text: str) -> None:
    assert fold(text) == PLAIN_FOLD.sub(" ", text).strip()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {name: z.read(name) for name in z.namelist()}


def test_prepacked_docx_holds_the_parts_a_fresh_zip_holds(library) -> None:
    from letterforge.compose.build import build_letter

    letter = build_letter(KENT, library)
    document = letter_document(letter)
    prepacked = _parts(document.to_bytes())
    fresh = _parts(Package(dict(document.package.parts)).to_bytes())
    assert prepacked == fresh
    assert list(prepacked)[0] == "[Content_Types].xml"
    assert b"DRAFT" in b"".join(v for k, v in prepacked.items() if k.startswith("word/header"))


def test_each_letter_gets_its_own_body_and_properties_and_nothing_stale(library, tmp_path) -> None:
    from letterforge.compose.build import build_letter

    final = tmp_path / "final.yaml"
    final.write_text(KENT.read_text(encoding="utf-8"), encoding="utf-8")
    edit(final, ("status: draft", "status: final"), ("force: Kent Police", "force: Surrey Police"),
         ("salutation: Dear Alan", "salutation: Dear Surrey Police"))
    first, second = (_parts(render_docx(build_letter(path, library))) for path in (KENT, final))
    assert b"Kent Police" in first["docProps/core.xml"] and b"Surrey Police" in second["docProps/core.xml"]
    assert b"Surrey Police" not in first["word/document.xml"] and b"Surrey Police" in second["word/document.xml"]
    headers = [name for name in first if name.startswith("word/header")]
    assert headers and all(b"DRAFT" in first[h] and b"DRAFT" not in second[h] for h in headers)
    assert b"Draft" not in second["word/styles.xml"]
    style = house_style_at(templates_dir() / "house-style.docx")
    assert all(second[name] == data for name, data in style.package.parts.items()
               if name not in ("docProps/core.xml", "word/styles.xml"))
