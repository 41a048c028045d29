"""The national findings matrix: rows from letters' provenance, CSV for spreadsheets, one offline HTML page."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace

import pytest
from click.testing import CliRunner

from letterforge.cli import main
from letterforge.errors import LetterforgeError
from letterforge.tools.matrix import build_matrix, keep_inspection, row_of, usual_inspection
from letterforge.render.matrix import inert, render_matrix_csv, render_matrix_html

from .conftest import EXAMPLES, KENT, UNNAMED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def examples_matrix(library, kent_letter, unnamed_letter):
    return build_matrix(library.inspection("core-business-2014"), [row_of(kent_letter), row_of(unnamed_letter)])


def test_a_row_holds_the_variant_of_each_finding_and_marks_bespoke(kent_letter):
    row = row_of(kent_letter)
    assert row.force == "Kent Police" and row.inspection == "core-business-2014"
    assert row.label("named-suspects") == "robust"
    assert row.cells["named-suspects"][0].judgement == "strength"
    assert row.label("iom") == "not-effective" and row.cells["iom"][0].judgement == "improvement"
    assert row.label("workload-supervision") == "bespoke" and row.cells["workload-supervision"][0].bespoke
    assert row.label("anpr") == ""  # not in Kent's letter
    assert "fieldwork" not in row.cells  # the introduction is no column
    assert len(row.cells) == 16  # Kent's 16 findings, free text none of them


def test_columns_follow_the_library_and_totals_count_variants(examples_matrix):
    assert [c.finding for c in examples_matrix.columns[:5]] == [
        "prevention-strategy", "long-term-initiatives", "prevention-database", "crime-prevention-training", "anpr"]
    assert [(title, len(columns)) for title, columns in examples_matrix.sections()] == [
        ("Preventing crime", 5), ("Attendance at crimes and incidents", 11), ("Freeing up time", 5)]
    assert [str(t) for t in examples_matrix.totals("crime-prevention-training")] == [
        "crime-prevention-training / delivered: 1 of 2", "crime-prevention-training / not-delivered: 1 of 2"]
    assert [str(t) for t in examples_matrix.totals("named-suspects")] == ["named-suspects / robust: 2 of 2"]
    assert [str(t) for t in examples_matrix.totals("workload-supervision")] == [
        "workload-supervision / bespoke: 1 of 2", "workload-supervision / clear-structure: 1 of 2"]
    assert [str(t) for t in examples_matrix.totals("anpr")] == ["anpr / proactive: 1 of 2"]


def test_a_letter_of_another_inspection_is_refused_at_its_inspection_line(library, kent_letter):
    row = row_of(kent_letter)
    other = replace(row, inspection="another-inspection")
    with pytest.raises(LetterforgeError) as e:
        build_matrix(library.inspection("core-business-2014"), [row, other])
    assert e.value.format_message() == (
        "examples/kent.yaml:3:13: error: inspection 'another-inspection', not 'core-business-2014' like the rest "
        "of the matrix (give --inspection to choose)")


def test_the_inspection_most_letters_are_of_and_ties_to_the_first(kent_letter):
    kent = row_of(kent_letter)
    a, b = replace(kent, inspection="a-2015"), replace(kent, inspection="b-2016")
    assert usual_inspection([b, a, a]) == "a-2015"
    assert usual_inspection([b, a]) == "b-2016" and usual_inspection([a, b, b, a]) == "a-2015"
    kept, strays = keep_inspection([b, a, b], "b-2016", named=True)
    assert kept == [b, b]
    assert [e.format_message() for e in strays] == [
        "examples/kent.yaml:3:13: error: inspection 'a-2015', not 'b-2016' given with --inspection"]


def test_csv_has_a_header_and_a_row_per_letter(examples_matrix):
    data = render_matrix_csv(examples_matrix)
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0][:3] == ["force", "selection", "preventing-crime: prevention-strategy"]
    assert len(rows) == 3 and all(len(r) == 2 + 21 for r in rows)
    kent = dict(zip(rows[0], rows[1]))
    assert kent["force"] == "Kent Police" and kent["selection"] == "examples/kent.yaml"
    assert kent["attendance: named-suspects"] == "robust"
    assert kent["freeing-up-time: workload-supervision"] == "bespoke"
    assert kent["preventing-crime: anpr"] == ""


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(selection_file, tmp_path):
    hyperlink = '=HYPERLINK("http://x","y")'
    selection = selection_file(lambda t: t.replace("force: Kent Police", "force: '" + hyperlink.replace("'", "''") + "'"))
    result = run("matrix", selection, "-o", tmp_path / "matrix.csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "matrix.csv").read_text(encoding="utf-8"), newline="")))
    assert rows[1][:2] == ["'" + hyperlink, str(selection)]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("Kent Police", "Kent Police"), ("robust (bespoke)", "robust (bespoke)"), ("", ""),
    ("a=b", "a=b"),
])
def test_inert_prefixes_an_apostrophe_only_to_would_be_formulas(cell, written):
    assert inert(cell) == written


def test_matrix_command_on_43_forces_writes_csv_and_html(forces, tmp_path):
    result = run("matrix", forces, "-o", tmp_path / "matrix.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'matrix.csv'}\n"
    rows = list(csv.reader(io.StringIO((tmp_path / "matrix.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1 + 43 and rows[0][0] == "force"
    assert [r[0] for r in rows[1:]][:2] == ["Avon and Somerset Constabulary", "Bedfordshire Police"]
    assert run("matrix", forces, "-o", tmp_path / "matrix.html").exit_code == 0
    page = (tmp_path / "matrix.html").read_text(encoding="utf-8")
    assert page.count("<tr>") == 2 + 43 + 1  # two heading rows, 43 letters, the totals


def test_matrix_of_the_others_is_written_when_one_selection_is_broken(tmp_path):
    folder = tmp_path / "forces"
    folder.mkdir()
    shutil.copy(KENT, folder)
    shutil.copy(UNNAMED, folder)
    broken = folder / "broken.yaml"
    broken.write_text(KENT.read_text(encoding="utf-8").replace("named-suspects/robust", "named-suspect/robust"),
                      encoding="utf-8")
    result = run("matrix", folder, "-o", tmp_path / "matrix.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{broken}:45:7: error: unknown finding 'named-suspect' in section 'attendance' "
        "(did you mean 'named-suspects'?)",
        f"2 read, 1 with errors: {broken}"]
    assert len((tmp_path / "matrix.csv").read_text(encoding="utf-8").splitlines()) == 3


@pytest.fixture
def two_inspections(library_copy, tmp_path, monkeypatch):
    """A library with a second inspection, other-2015, and a folder ``forces`` to put selections in (the cwd)."""
    shutil.copytree(library_copy / "core-business-2014", library_copy / "other-2015")
    (tmp_path / "forces").mkdir()
    monkeypatch.chdir(tmp_path)

    def add(name: str, inspection: str = "core-business-2014", source=KENT) -> None:
        text = source.read_text(encoding="utf-8").replace("inspection: core-business-2014", f"inspection: {inspection}")
        (tmp_path / "forces" / name).write_text(text, encoding="utf-8")

    return library_copy, add


def matrix_rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_matrix_is_of_the_inspection_most_selections_are_of(two_inspections, tmp_path):
    library, add = two_inspections
    add("a.yaml", "other-2015")
    add("kent.yaml")
    add("unnamed-force.yaml", source=UNNAMED)
    result = run("matrix", "forces", "-o", "m.csv", "--library", library)
    assert (result.exit_code, result.stdout) == (1, "m.csv\n")
    assert result.stderr.splitlines() == [
        "forces/a.yaml:3:13: error: inspection 'other-2015', not 'core-business-2014' like the rest of the matrix "
        "(give --inspection to choose)",
        "2 read, 1 with errors: forces/a.yaml"]
    assert [row[1] for row in matrix_rows(tmp_path / "m.csv")] == [
        "selection", "forces/kent.yaml", "forces/unnamed-force.yaml"]


def test_a_tie_goes_to_the_first_selection_and_inspection_chooses(two_inspections, tmp_path):
    library, add = two_inspections
    add("a.yaml", "other-2015")
    add("kent.yaml")
    result = run("matrix", "forces", "-o", "m.csv", "--library", library)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        "forces/kent.yaml:3:13: error: inspection 'core-business-2014', not 'other-2015' like the rest of the matrix "
        "(give --inspection to choose)",
        "1 read, 1 with errors: forces/kent.yaml"])
    assert [row[1] for row in matrix_rows(tmp_path / "m.csv")] == ["selection", "forces/a.yaml"]

    result = run("matrix", "forces", "-o", "m.csv", "--library", library, "--inspection", "core-business-2014")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        "forces/a.yaml:3:13: error: inspection 'other-2015', not 'core-business-2014' given with --inspection",
        "1 read, 1 with errors: forces/a.yaml"])
    assert [row[1] for row in matrix_rows(tmp_path / "m.csv")] == ["selection", "forces/kent.yaml"]


def test_an_unknown_inspection_is_refused_before_anything_is_read(two_inspections, tmp_path):
    library, add = two_inspections
    add("kent.yaml")
    result = run("matrix", "forces", "-o", "m.csv", "--library", library, "--inspection", "core-busines-2014")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "error: unknown inspection 'core-busines-2014' (did you mean 'core-business-2014'?)\n")
    result = run("matrix", "forces", "-o", "m.csv", "--library", library, "--inspection", "other-2015")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("forces/kent.yaml:3:13: error: inspection 'core-business-2014', not 'other-2015' "
                             "given with --inspection\n")
    assert not (tmp_path / "m.csv").exists()


def test_the_extension_chooses_the_format_and_others_are_wrong_usage(tmp_path):
    result = run("matrix", EXAMPLES, "-o", tmp_path / "matrix.pdf")
    assert result.exit_code == 2
    assert (f"Invalid value for '-o' / '--output': '{tmp_path / 'matrix.pdf'}' must end in .html or .csv "
            "(the extension chooses the format)") in result.stderr
    assert not (tmp_path / "matrix.pdf").exists()
    assert run("matrix", EXAMPLES).exit_code == 2  # -o is required


def test_html_is_one_offline_page_with_legend_totals_and_escaped_text(examples_matrix, library, kent_letter):
    page = render_matrix_html(examples_matrix).decode("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.count("<style>") == 1 and page.count("<script>") == 1 and "@media print" in page
    for judgement in ("strength", "area for improvement", "neutral", "the letter’s own wording"):
        assert judgement in page
    assert '<li class="strength">robust: 2 of 2</li>' in page and "Totals (all 2 letters)" in page
    assert '<td class="improvement">not-effective</td>' in page
    assert '<td class="bespoke">bespoke</td>' in page
    row = row_of(kent_letter)
    hostile = type(row)("<b>Force</b> & Co", row.selection, row.inspection, row.cells)
    page = render_matrix_html(build_matrix(library.inspection(row.inspection), [hostile])).decode("utf-8")
    assert "&lt;b&gt;Force&lt;/b&gt; &amp; Co" in page and "<b>Force</b>" not in page


# ---------------------------------------------------------------- looked at in Chromium


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_draws_the_page_and_its_sorting_and_filter_work(forces, tmp_path):
    assert run("matrix", forces, "-o", tmp_path / "matrix.html").exit_code == 0
    page = (tmp_path / "matrix.html").read_text(encoding="utf-8")
    shot = tmp_path / "matrix.png"
    chromium(f"--screenshot={shot}", "--window-size=1400,900", (tmp_path / "matrix.html").as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    # Sort by the force column twice (descending), then filter: the browser runs the page's own script.
    driven = tmp_path / "driven.html"
    driven.write_text(page.replace("</body>", """<script>
      var force = document.querySelector("thead .sort"); force.click(); force.click();
      var filter = document.getElementById("filter"); filter.value = "police robust";
      filter.dispatchEvent(new Event("input"));
    </script></body>"""), encoding="utf-8")
    dom = chromium("--dump-dom", driven.as_uri()).stdout
    forces_in_order = re.findall(r'<th class="force" scope="row">([^<]+)<small>', dom)
    assert forces_in_order[0] == "Wiltshire Police" and forces_in_order[-1] == "Avon and Somerset Constabulary"
    shown = re.search(r'id="shown"[^>]*>(\d+) of 43 letters shown<', dom)
    body = dom[dom.index("<tbody>"):dom.index("</tbody>")]
    visible = [m for m in re.findall(r'<tr( hidden="")?>\s*<th class="force" scope="row">([^<]+)', body)
               if not m[0]]
    assert shown and int(shown.group(1)) == len(visible) > 0
    assert all("Police" in name for _, name in visible)


def test_bespoke_wording_of_a_named_variant_keeps_its_variant_and_judgement(selection_file, library):
    from letterforge.app.pipeline import build_letter

    selection = selection_file(lambda t: t.replace(
        "    - named-suspects/robust", "    - named-suspects/robust: {text: Our own words about named suspects.}"))
    row = row_of(build_letter(selection, library))
    [cell] = row.cells["named-suspects"]
    assert (cell.label, cell.judgement, cell.bespoke) == ("robust (bespoke)", "strength", True)
    page = render_matrix_html(build_matrix(library.inspection(row.inspection), [row])).decode("utf-8")
    assert '<td class="strength bespoke">robust (bespoke)</td>' in page
