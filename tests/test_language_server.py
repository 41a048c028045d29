"""The selection schema in a real editor's language server: yaml-language-server, spoken to over LSP.

The server is the npm package pinned in package-lock.json (``npm ci`` installs
it; ``.ci/run`` does).  Each live test opens a selection whose first line is the
modeline letterforge writes, with the schema file beside it, and asks what an
editor asks: completions, diagnostics, hover; they are skipped when node or the
package is missing.  ``tests/fixtures/lsp/yaml-language-server.json`` is one such
session recorded by ``python -m tests.yaml_language_server``; it is read
whether or not the client is here.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from .conftest import KENT
from .yaml_language_server import (RECORD, SCHEMA, SERVER, completion_under_attendance, hover_on_variant, line_of,
                                   misspelt_diagnostics, open_document, start)

ATTENDANCE_IDS = {"named-suspects/robust", "crime-recording", "iom/well-managed", "iom/not-effective",
                  "attendance-policy/risk-based", "quality-of-service/good-checks"}
ROBUST_WORDS = "clear, robust arrangements to manage its outstanding named suspects and offenders"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if shutil.which("node") is None:
        pytest.skip("node is not installed (yaml-language-server runs on it)")
    if not SERVER.exists():
        pytest.skip(f"yaml-language-server is not installed ({SERVER}; run npm ci)")
    ls = start(tmp_path_factory.mktemp("editor"))
    yield ls
    ls.close()


def test_the_example_is_clean_in_the_editor(server):
    uri = open_document(server, "kent.yaml", KENT.read_text(encoding="utf-8"))
    assert server.wait_for_diagnostics(uri, until=lambda found: True, timeout=20) == []


def test_completion_under_attendance_offers_that_sections_ids(server):
    _, items = completion_under_attendance(server)
    labels = [item["label"] for item in items]
    print("completions under attendance:", labels)
    assert ATTENDANCE_IDS <= set(labels)
    assert not any(label.startswith("crime-prevention-training") for label in labels)  # preventing-crime's
    robust = next(item for item in items if item["label"] == "named-suspects/robust")
    documentation = robust.get("documentation")
    assert ROBUST_WORDS in (documentation["value"] if isinstance(documentation, dict) else documentation)


def test_a_misspelt_finding_id_gets_a_diagnostic_on_its_line(server):
    text, diagnostics = misspelt_diagnostics(server)
    print("diagnostics:", [(d["range"]["start"]["line"], d["message"]) for d in diagnostics])
    assert [d["range"]["start"]["line"] for d in diagnostics] == [line_of(text, "named-suspect/robust")[0]]


def test_a_wrong_parameter_type_gets_a_diagnostic_on_its_line(server):
    text = KENT.read_text(encoding="utf-8").replace("{trained: 500}", "{trained: many}", 1)
    uri = open_document(server, "many.yaml", text)
    diagnostics = server.wait_for_diagnostics(uri, until=bool, timeout=20)
    assert diagnostics and {d["range"]["start"]["line"] for d in diagnostics} == {line_of(text, "trained: many")[0]}


def test_hover_on_a_variant_id_shows_its_phrasing(server):
    value = hover_on_variant(server)
    print("hover:", value)
    assert "**named-suspects/robust** — strength" in value and ROBUST_WORDS in value
    text = KENT.read_text(encoding="utf-8")
    uri = open_document(server, "hover-param.yaml", text)
    line, column = line_of(text, "trained: 500")
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": column + 2}})
    assert "number of officers and staff trained" in result["contents"]["value"]


def test_the_recorded_session_is_of_this_schema_and_shows_the_same():
    """What the real client answered, read without it (remake: python -m tests.yaml_language_server)."""
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert recorded["schema_sha256"] == hashlib.sha256(SCHEMA.read_bytes()).hexdigest(), \
        "the record is of another schema: run python -m tests.yaml_language_server"
    assert ATTENDANCE_IDS <= set(recorded["completion"]["labels"])
    assert not any(label.startswith("crime-prevention-training") for label in recorded["completion"]["labels"])
    assert [d["line"] for d in recorded["diagnostics"]["published"]] == [recorded["diagnostics"]["misspelt_line"]]
    assert ROBUST_WORDS in recorded["hover"]
