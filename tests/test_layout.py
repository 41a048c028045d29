"""What real letters of this series vary in, each driven from the selection and the layout template."""

from __future__ import annotations

import shutil

import pytest

from letterforge.load.library import Library
from letterforge.app.pipeline import build_letter
from letterforge.resources import default_library

from .conftest import KENT

REGIONAL_PEOPLE = """
offices:
  london:
    name: Her Majesty’s Inspectorate of Constabulary
    address: [6th Floor, Globe House, 89 Eccleston Square, London SW1V 1PN]
  northern:
    name: Her Majesty’s Inspectorate of Constabulary
    address: [Unit 2, Example Court, Example Road, Wakefield WF1 0XX]
signatories:
  zoe-billingham:
    name: Zoë Billingham
    letters: BA Hons (Oxon)
    title: HM Inspector of Constabulary, Eastern Region
    office: london
  north-inspector:
    name: A Northern Inspector
    letters: QPM
    title: HM Inspector of Constabulary, Northern Region
    office: northern
"""


@pytest.fixture
def regional_library(tmp_path):
    root = tmp_path / "library"
    shutil.copytree(default_library(), root)
    (root / "people.yaml").write_text(REGIONAL_PEOPLE, encoding="utf-8")
    return Library(root)


def letter_from(tmp_path, library, edit):
    path = tmp_path / "letter.yaml"
    path.write_text(edit(KENT.read_text(encoding="utf-8")), encoding="utf-8")
    return build_letter(path, library)


def texts(letter, kind):
    return [b.text for b in letter.blocks if b.kind == kind]


def test_recipient_letters_and_postal_address(tmp_path, library):
    letter = letter_from(tmp_path, library, lambda t: t.replace(
        "  position: Chief Constable – Kent Police",
        "  letters: QPM\n  position: Chief Constable\n  address: [Kent Police, Sutton Road, Maidstone, ME15 9BZ]"))
    assert texts(letter, "recipient") == ["Mr Alan Pughsley QPM", "Chief Constable", "Kent Police", "Sutton Road",
                                          "Maidstone", "ME15 9BZ"]


def test_another_office_and_signatory(tmp_path, regional_library):
    letter = letter_from(tmp_path, regional_library, lambda t: t.replace("from: zoe-billingham", "from: north-inspector"))
    assert texts(letter, "letterhead") == ["Her Majesty’s Inspectorate of Constabulary",
                                           "Unit 2 | Example Court | Example Road | Wakefield WF1 0XX"]
    assert texts(letter, "sender") == ["A Northern Inspector QPM", "HM Inspector of Constabulary, Northern Region"]
    assert texts(letter, "signature") == ["A Northern Inspector", "HM Inspector of Constabulary, Northern Region"]
    assert letter.meta.author == "A Northern Inspector"


def test_letterhead_of_another_office_for_the_same_signatory(tmp_path, regional_library):
    letter = letter_from(tmp_path, regional_library, lambda t: t.replace("from: zoe-billingham",
                                                                         "from: zoe-billingham\nletterhead: northern"))
    assert texts(letter, "letterhead")[1].startswith("Unit 2 |")


def test_date_after_the_address(tmp_path, library):
    letter = letter_from(tmp_path, library, lambda t: t + "date_position: after-address\n")
    kinds = [b.kind for b in letter.blocks]
    assert kinds[4:8] == ["recipient", "recipient", "date", "salutation"]


def test_introduction_paragraph_reworded_for_one_letter(tmp_path, library):
    own = "The findings that relate to your force are in this letter; they were checked with you."
    letter = letter_from(tmp_path, library, lambda t: t + f"introduction:\n  factual-accuracy: {own}\n")
    block = next(b for b in letter.blocks if b.text == own)
    assert block.kind == "paragraph"
    assert (block.provenance.source, block.provenance.finding) == ("bespoke", "factual-accuracy")
    assert not any("have been amended following your response" in b.text for b in letter.blocks)


def test_section_title_lead_in_and_copy_to_vary(tmp_path, library):
    letter = letter_from(tmp_path, library, lambda t: t.replace(
        "  attendance:\n", "  attendance:\n    title: Crime recording and attendance\n    findings:\n")
        .replace("copy_to:\n  - name: Sonya Gransden\n    position: HMIC Liaison Officer\n", "")
        + "lead_in: false\n")
    assert texts(letter, "heading") == ["Preventing crime", "Crime recording and attendance", "Freeing up time"]
    heading = next(b for b in letter.blocks if b.text == "Crime recording and attendance")
    assert heading.provenance.source == "bespoke"
    assert "Findings that specifically relate to your force are;" not in texts(letter, "paragraph")
    assert texts(letter, "copy") == []
    assert letter.blocks[-1].kind == "signature"


def test_several_copy_to_lines(tmp_path, library):
    letter = letter_from(tmp_path, library, lambda t: t.replace(
        "copy_to:\n  - name: Sonya Gransden\n    position: HMIC Liaison Officer\n",
        "copy_to:\n  - Sonya Gransden, HMIC Liaison Officer\n  - name: Chief Executive\n"))
    assert texts(letter, "copy") == ["Copied to Sonya Gransden", "HMIC Liaison Officer", "Chief Executive"]


def test_a_library_carries_its_own_layout_and_house_style(tmp_path, regional_library):
    templates = regional_library.root / "templates"
    templates.mkdir()
    (templates / "short.j2").write_text(
        '{{ block("salutation", salutation) }}{% for s in sections %}{{ block("heading", s.title) }}{% endfor %}'
        '{{ block("closing", "Yours faithfully") }}', encoding="utf-8")
    from letterforge.resources import templates_dir

    shutil.copy(templates_dir() / "house-style.docx", templates / "short.docx")
    letter = letter_from(tmp_path, regional_library, lambda t: t + "template: short\n")
    assert [(b.kind, b.text) for b in letter.blocks] == [
        ("salutation", "Dear Alan"), ("heading", "Preventing crime"),
        ("heading", "Attendance at crimes and incidents"), ("heading", "Freeing up time"),
        ("closing", "Yours faithfully")]
    assert letter.meta.house_style == templates / "short.docx"
    assert build_letter(KENT, regional_library).meta.house_style == templates_dir() / "house-style.docx"


def test_an_unknown_layout_lists_the_layouts(tmp_path, library):
    from letterforge.errors import LetterforgeError

    with pytest.raises(LetterforgeError) as e:
        letter_from(tmp_path, library, lambda t: t + "template: regional\n")
    assert e.value.format_message().endswith("letter.yaml:61:11: error: unknown template 'regional' "
                                             "(expected one of 'letter')")


def test_an_unknown_template_is_located(tmp_path, library):
    from letterforge.errors import LetterforgeError
    with pytest.raises(LetterforgeError) as e:
        letter_from(tmp_path, library, lambda t: t + "template: leter\n")
    assert e.value.format_message().endswith("error: unknown template 'leter' (did you mean 'letter'?)")
    assert ":61:11:" in e.value.format_message()


@pytest.mark.parametrize("call, message", [
    ("block('salutation', salutation, source='libary')",
     "1:44: error: layout gives unknown source 'libary' (expected one of 'bespoke', 'free', 'library')"),
    ("block('salutaton', salutation)", "1:11: error: layout emits unknown block kind 'salutaton'"),
])
def test_a_layout_naming_an_unknown_kind_or_source_is_refused(tmp_path, regional_library, call, message):
    from letterforge.errors import LetterforgeError

    templates = regional_library.root / "templates"
    templates.mkdir()
    (templates / "short.j2").write_text("{{ %s }}" % call, encoding="utf-8")
    with pytest.raises(LetterforgeError) as e:
        letter_from(tmp_path, regional_library, lambda t: t + "template: short\n")
    assert f"/templates/short.j2:{message}" in e.value.format_message()  # the line and column of the call


@pytest.mark.parametrize("layout, message", [
    (b"\xff\xfe{{ block('salutation', salutation) }}", "short.j2:1:1: error: file is not UTF-8 text (save it as UTF-8)"),
    (b"{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
     "short.j2:1:1: error: a layout may not use a {% for %} loop over anything but a name or an attribute"),
    (b"{% for s in sections %}{% for f in s.findings %}{% for g in s.findings %}{{ block('bullet', g) }}"
     b"{% endfor %}{% endfor %}{% endfor %}", "short.j2:1:1: error: a layout may not use {% for %} loops more than 2 deep"),
    (b"{{ block('salutation', salutation.upper()) }}", "short.j2:1:35: error: a layout may not use a call other than block(…)"),
    (b"{{ block('salutation', salutation * 1000000000) }}", "short.j2:1:1: error: a layout may not use arithmetic"),
    (b"{{ block('salutation', salutation.__class__) }}",
     "short.j2:1:34: error: a layout may not use attribute access ('.__class__')"),
])
def test_a_librarys_own_layout_is_held_to_the_layout_grammar(tmp_path, regional_library, layout, message):
    from letterforge.errors import LetterforgeError

    templates = regional_library.root / "templates"
    templates.mkdir()
    (templates / "short.j2").write_bytes(layout)
    with pytest.raises(LetterforgeError) as e:
        letter_from(tmp_path, regional_library, lambda t: t + "template: short\n")
    assert e.value.format_message().split("/templates/")[1].split(" (a layout may use")[0] == message


@pytest.mark.parametrize("document, message", [
    (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
     "not a readable DOCX: w:document has no w:body"),
    (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
     "not a readable DOCX: w:body has no w:sectPr"),
])
def test_a_house_style_without_a_body_or_page_setup_is_refused(tmp_path, document, message):
    import zipfile

    from letterforge.render.docx import HouseStyle
    from letterforge.resources import templates_dir
    from letterforge.errors import LetterforgeError

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(templates_dir() / "house-style.docx") as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            target.writestr(item, document if item.filename == "word/document.xml" else source.read(item))
    with pytest.raises(LetterforgeError) as e:
        HouseStyle.load(broken)
    assert e.value.format_message() == f"{broken}: error: {message}"
