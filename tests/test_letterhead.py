"""Any office's letterhead from data: a layout and people.yaml alone, no code changed.

The other office writes its letters as regional offices do: the letterhead on three lines (not one joined
with " | "), the signatory's letters after a comma ("Name, CBE"), and the date after a seven-line postal
address.  Everything here is data a regional office would write; the letter is rendered through the CLI.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import KENT, run

PEOPLE = """\
offices:
  london:
    name: Her Majesty’s Inspectorate of Constabulary
    address: [6th Floor, Globe House, 89 Eccleston Square, London SW1V 1PN]
  north:
    name: HM Inspectorate of Constabulary – Northern Region
    address: ["Unit 2, Example Court, Example Road", "Wakefield WF1 0XX"]
signatories:
  zoe-billingham:
    name: Zoë Billingham
    letters: BA Hons (Oxon)
    title: HM Inspector of Constabulary, Eastern Region
    office: london
  ann-north:
    name: Ann Northwood
    letters: CBE
    title: HM Inspector of Constabulary, Northern Region
    office: north
"""

NORTHERN_LAYOUT = """\
{#- The northern office: the letterhead on three lines, "Name, CBE", the date after the postal address. -#}
{%- if office %}
  {{- block("letterhead", office.name) }}
  {%- for line in office.address %}{{ block("letterhead", line) }}{% endfor %}
{%- endif %}
{{- block("sender", sender.name ~ ", " ~ sender.letters if sender.letters else sender.name) }}
{{- block("sender", sender.title) }}
{{- block("recipient", recipient.name ~ (" " ~ recipient.letters if recipient.letters else "")) }}
{{- block("recipient", recipient.position) }}
{%- for line in recipient.address %}{{ block("recipient", line) }}{% endfor %}
{{- block("date", date) }}
{{- block("salutation", salutation) }}
{{- block("subject", subject) }}
{%- for part in introduction %}
  {{- block("paragraph", part.text) }}
  {%- for bullet in part.bullets %}{{ block("bullet", bullet) }}{% endfor %}
{%- endfor %}
{%- if lead_in %}{{ block("paragraph", lead_in) }}{% endif %}
{%- for section in sections %}
  {{- block("heading", section.title) }}
  {%- for finding in section.findings %}{{ block("bullet", finding) }}{% endfor %}
{%- endfor %}
{{- block("closing", "Yours sincerely") }}
{{- block("signature", sender.name ~ ", " ~ sender.letters if sender.letters else sender.name) }}
{{- block("signature", sender.title) }}
{{- block("signature", sender.office.name) }}
"""

POSTAL = ["Chief Constable’s Office", "Police Headquarters", "Carleton Hall", "Penrith", "Cumbria", "CA10 2AU",
          "United Kingdom"]


@pytest.fixture
def northern(library_copy, tmp_path):
    (library_copy / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (library_copy / "templates").mkdir()
    (library_copy / "templates" / "northern.j2").write_text(NORTHERN_LAYOUT, encoding="utf-8")
    address = "".join(f"\n    - {line}" for line in POSTAL)
    text = KENT.read_text(encoding="utf-8").replace("from: zoe-billingham", "from: ann-north")
    text = text.replace("  position: Chief Constable – Kent Police\n",
                        f"  position: Chief Constable – Kent Police\n  address:{address}\n")
    selection = tmp_path / "north.yaml"
    selection.write_text(text + "template: northern\n", encoding="utf-8")
    return library_copy, selection


def test_a_letter_from_another_office_from_a_layout_and_people_yaml_alone(northern, tmp_path, kent_letter):
    library, selection = northern
    result = run("render", selection, "--library", library, "-o", tmp_path / "out", "-f", "json", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    blocks = json.loads((tmp_path / "out" / "north.json").read_text(encoding="utf-8"))["blocks"]
    head = [(b["kind"], b["text"]) for b in blocks[:15]]
    assert head == [
        ("letterhead", "HM Inspectorate of Constabulary – Northern Region"),
        ("letterhead", "Unit 2, Example Court, Example Road"),
        ("letterhead", "Wakefield WF1 0XX"),
        ("sender", "Ann Northwood, CBE"),
        ("sender", "HM Inspector of Constabulary, Northern Region"),
        ("recipient", "Mr Alan Pughsley"),
        ("recipient", "Chief Constable – Kent Police"),
        *[("recipient", line) for line in POSTAL],
        ("date", "3 September 2014"),
    ]
    assert [(b["kind"], b["text"]) for b in blocks[-4:]] == [
        ("closing", "Yours sincerely"), ("signature", "Ann Northwood, CBE"),
        ("signature", "HM Inspector of Constabulary, Northern Region"),
        ("signature", "HM Inspectorate of Constabulary – Northern Region")]
    kent_body = [(b.kind, b.text) for b in kent_letter.blocks if b.kind in ("subject", "paragraph", "bullet", "heading")]
    assert [(b["kind"], b["text"]) for b in blocks if b["kind"] in ("subject", "paragraph", "bullet", "heading")] \
        == kent_body
    assert (tmp_path / "out" / "north.docx").stat().st_size > 5_000


@pytest.mark.parametrize("wrong, column, message", [
    ("sender.titel", 28, "layout failed: 'PersonView' has no attribute 'titel'"),  # at "titel"
    ("recipent.name", 21, "a layout may not use the name 'recipent' (not a variable of the layout)"),
    ("sender.office.nme", 35, "layout failed: 'OfficeView' has no attribute 'nme'"),
    ("sender.name ~ sender.office.name ~ sender.nam", 63, "layout failed: 'PersonView' has no attribute 'nam'"),
])
def test_a_layout_error_gives_its_line_and_column(northern, tmp_path, wrong, column, message):
    library, selection = northern
    layout = library / "templates" / "northern.j2"
    text = layout.read_text(encoding="utf-8").replace('{{- block("sender", sender.title) }}',
                                                      '{{- block("sender", %s) }}' % wrong)
    layout.write_text(text, encoding="utf-8")
    result = run("render", selection, "--library", library, "-o", tmp_path / "out")
    assert result.exit_code == 1
    line = text.splitlines().index('{{- block("sender", %s) }}' % wrong) + 1
    assert result.stderr.startswith(f"{layout}:{line}:{column}: error: ")
    assert f": error: {message}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("logo, message", [
    ("{file: ../crest.png, alt: Crest}", "error: the logo '../crest.png' is outside the folder of people.yaml "
                                         "(keep the image beside the YAML file that names it)"),
    ("{file: missing.png, alt: Crest}", "error: the logo 'missing.png': no such file"),
    ("{file: people.yaml, alt: Crest}", "error: the logo 'people.yaml' is not an image python-docx can read"),
    ("{file: crest.png}", "error: logo is missing 'alt'"),
])
def test_a_logo_that_cannot_be_used_is_a_located_error(library_copy, tmp_path, logo, message):
    (tmp_path / "crest.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # outside the library: never read
    people = library_copy / "people.yaml"
    text = people.read_text(encoding="utf-8").replace("    address: [6th Floor,", f"    logo: {logo}\n    address: [6th Floor,")
    people.write_text(text, encoding="utf-8")
    result = run("render", KENT, "--library", library_copy, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{people}:6:")
    assert message in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def house_style_with_crest(target, alt: str | None) -> None:
    """The shipped house style with a crest added in a "Letter Letterhead" paragraph, by python-docx (as Word would)."""
    import io

    import docx

    from letterforge.resources import templates_dir

    from .publishing import crest_png

    document = docx.Document(str(templates_dir() / "house-style.docx"))
    paragraph = document.paragraphs[0].insert_paragraph_before(style="Letter Letterhead")
    paragraph.add_run().add_picture(io.BytesIO(crest_png()))
    properties = paragraph._p.xpath(".//wp:docPr")[0]
    if alt is None:
        properties.attrib.pop("descr", None)
    else:
        properties.set("descr", alt)
    document.save(str(target))


def test_the_house_style_may_hold_the_crest(library_copy, tmp_path):
    from .publishing import crest_png

    (library_copy / "templates").mkdir()
    house_style_with_crest(library_copy / "templates" / "house-style.docx", "Crest of the inspectorate")
    result = run("render", KENT, "--library", library_copy, "-o", tmp_path, "-f", "docx", "-f", "html")
    assert result.exit_code == 0, result.stderr
    import zipfile

    with zipfile.ZipFile(tmp_path / "kent.docx") as z:
        assert z.read("word/media/letterhead.png") == crest_png()
        assert 'descr="Crest of the inspectorate"' in z.read("word/document.xml").decode()
    html = (tmp_path / "kent.html").read_text(encoding="utf-8")
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Crest of the inspectorate">', html)


def test_a_house_style_crest_without_alt_text_is_refused(library_copy, tmp_path):
    (library_copy / "templates").mkdir()
    style = library_copy / "templates" / "house-style.docx"
    house_style_with_crest(style, None)
    result = run("render", KENT, "--library", library_copy, "-o", tmp_path / "out", "-f", "docx")
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{style}: error: the house style's crest has no alt text "
                                  "(in Word, right-click the picture, Edit Alt Text, and describe it)\n")
    assert not (tmp_path / "out").exists()
