"""The selection schema in a real editor's language server: yaml-language-server, spoken to over LSP.

The server is the npm package pinned in package-lock.json (``npm ci`` installs
it; ``.ci/run`` does).  Each test opens a selection whose first line is the
modeline letterforge writes, with the schema file beside it, and asks what an
editor asks: completions, diagnostics, hover.  Skipped when node or the package
is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import KENT, ROOT
from .lsp_client import LanguageServer

SERVER = ROOT / "node_modules" / ".bin" / "yaml-language-server"
SCHEMA = KENT.parent / "core-business-2014.schema.json"
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "format": {"enable": False},
                     "schemaStore": {"enable": False}, "schemas": {}}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if shutil.which("node") is None:
        pytest.skip("node is not installed (yaml-language-server runs on it)")
    if not SERVER.exists():
        pytest.skip(f"yaml-language-server is not installed ({SERVER}; run npm ci)")
    folder = tmp_path_factory.mktemp("editor")
    shutil.copy(SCHEMA, folder / SCHEMA.name)
    ls = LanguageServer([str(SERVER), "--stdio"], SETTINGS, cwd=folder)
    ls.request("initialize", {
        "processId": None, "rootUri": folder.as_uri(), "workspaceFolders": [{"uri": folder.as_uri(), "name": "editor"}],
        "capabilities": {
            "workspace": {"configuration": True},
            "textDocument": {"completion": {"completionItem": {"snippetSupport": True,
                                                               "documentationFormat": ["markdown", "plaintext"]}},
                             "hover": {"contentFormat": ["markdown", "plaintext"]},
                             "publishDiagnostics": {}}}})
    ls.notify("initialized", {})
    ls.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    ls.folder = folder
    yield ls
    ls.close()


def open_document(server: LanguageServer, name: str, text: str) -> str:
    path = server.folder / name
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                            "text": text}})
    return uri


def line_of(text: str, needle: str) -> tuple[int, int]:
    """The 0-based line and column where ``needle`` starts in ``text``."""
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(needle)


def test_the_example_is_clean_in_the_editor(server):
    text = KENT.read_text(encoding="utf-8")
    uri = open_document(server, "kent.yaml", text)
    assert server.wait_for_diagnostics(uri, until=lambda found: True, timeout=20) == []


def test_completion_under_attendance_offers_that_sections_ids(server):
    text = KENT.read_text(encoding="utf-8").replace("    - named-suspects/robust", "    - named-", 1)
    uri = open_document(server, "complete.yaml", text)
    line, column = line_of(text, "    - named-")
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                        "position": {"line": line, "character": column + len("    - named-")}})
    items = result["items"] if isinstance(result, dict) else result
    labels = [item["label"] for item in items]
    print("completions under attendance:", labels)
    assert "named-suspects/robust" in labels
    assert "crime-recording" in labels and "iom/well-managed" in labels
    assert not any(label.startswith("crime-prevention-training") for label in labels)  # preventing-crime's
    robust = next(item for item in items if item["label"] == "named-suspects/robust")
    documentation = robust.get("documentation")
    words = documentation["value"] if isinstance(documentation, dict) else documentation
    assert "clear, robust arrangements to manage its outstanding named suspects" in words


def test_a_misspelt_finding_id_gets_a_diagnostic_on_its_line(server):
    text = KENT.read_text(encoding="utf-8").replace("    - named-suspects/robust", "    - named-suspect/robust", 1)
    uri = open_document(server, "misspelt.yaml", text)
    diagnostics = server.wait_for_diagnostics(uri, until=bool, timeout=20)
    print("diagnostics:", [(d["range"]["start"]["line"], d["message"]) for d in diagnostics])
    line, _ = line_of(text, "named-suspect/robust")
    assert [d["range"]["start"]["line"] for d in diagnostics] == [line]


def test_a_wrong_parameter_type_gets_a_diagnostic_on_its_line(server):
    text = KENT.read_text(encoding="utf-8").replace("{trained: 500}", "{trained: many}", 1)
    uri = open_document(server, "many.yaml", text)
    diagnostics = server.wait_for_diagnostics(uri, until=bool, timeout=20)
    line, _ = line_of(text, "trained: many")
    assert diagnostics and {d["range"]["start"]["line"] for d in diagnostics} == {line}


def test_hover_on_a_variant_id_shows_its_phrasing(server):
    text = KENT.read_text(encoding="utf-8")
    uri = open_document(server, "hover.yaml", text)
    line, column = line_of(text, "named-suspects/robust")
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": column + 3}})
    value = result["contents"]["value"]
    print("hover:", value)
    assert "**named-suspects/robust** — strength" in value
    assert "clear, robust arrangements to manage its outstanding named suspects and offenders" in value
    line, column = line_of(text, "trained: 500")
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": column + 2}})
    assert "number of officers and staff trained" in result["contents"]["value"]
