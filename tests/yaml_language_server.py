"""Drive yaml-language-server as an editor does, and record what it answers.

The tests (``test_language_server.py``) use these helpers live, and this script
records one session as ``tests/fixtures/lsp/yaml-language-server.json`` so that the
suite can read what the real client answered where node is not installed::

    python -m tests.yaml_language_server        # from the repository, after npm ci

The record names the schema it was made with (its SHA-256); a test refuses a
record of another schema, so remake it after ``letterforge schema -o examples/…``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    from .lsp_client import LanguageServer
except ImportError:  # run as a script
    from lsp_client import LanguageServer  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / ".bin" / "yaml-language-server"
KENT = ROOT / "examples" / "kent.yaml"
SCHEMA = ROOT / "examples" / "core-business-2014.schema.json"
RECORD = Path(__file__).resolve().parent / "fixtures" / "lsp" / "yaml-language-server.json"
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "format": {"enable": False},
                     "schemaStore": {"enable": False}, "schemas": {}}}


def start(folder: Path) -> LanguageServer:
    """yaml-language-server over stdio, initialised as an editor with ``folder`` open (the schema copied in)."""
    shutil.copy(SCHEMA, folder / SCHEMA.name)
    server = LanguageServer([str(SERVER), "--stdio"], SETTINGS, cwd=folder)
    server.request("initialize", {
        "processId": None, "rootUri": folder.as_uri(), "workspaceFolders": [{"uri": folder.as_uri(), "name": "editor"}],
        "capabilities": {
            "workspace": {"configuration": True},
            "textDocument": {"completion": {"completionItem": {"snippetSupport": True,
                                                               "documentationFormat": ["markdown", "plaintext"]}},
                             "hover": {"contentFormat": ["markdown", "plaintext"]},
                             "publishDiagnostics": {}}}})
    server.notify("initialized", {})
    server.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    server.folder = folder  # type: ignore[attr-defined]
    return server


def open_document(server: LanguageServer, name: str, text: str) -> str:
    path = server.folder / name  # type: ignore[attr-defined]
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


def completion_under_attendance(server: LanguageServer) -> tuple[str, list[dict[str, Any]]]:
    """Complete ``- named-`` under ``attendance:`` in kent.yaml: the text asked about and the items offered."""
    text = KENT.read_text(encoding="utf-8").replace("    - named-suspects/robust", "    - named-", 1)
    uri = open_document(server, "complete.yaml", text)
    line, column = line_of(text, "    - named-")
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": column + len("    - named-")}})
    return text, result["items"] if isinstance(result, dict) else result


def misspelt_diagnostics(server: LanguageServer) -> tuple[str, list[dict[str, Any]]]:
    """kent.yaml with ``named-suspect/robust``: the text and the diagnostics published for it."""
    text = KENT.read_text(encoding="utf-8").replace("    - named-suspects/robust", "    - named-suspect/robust", 1)
    uri = open_document(server, "misspelt.yaml", text)
    return text, server.wait_for_diagnostics(uri, until=bool, timeout=20)


def hover_on_variant(server: LanguageServer) -> str:
    """The hover text on ``named-suspects/robust`` in kent.yaml."""
    text = KENT.read_text(encoding="utf-8")
    uri = open_document(server, "hover.yaml", text)
    line, column = line_of(text, "named-suspects/robust")
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": column + 3}})
    return str(result["contents"]["value"])


def record() -> dict[str, Any]:
    """One session's answers, with the schema's SHA-256 and the server's version."""
    with tempfile.TemporaryDirectory() as folder:
        server = start(Path(folder))
        try:
            text, items = completion_under_attendance(server)
            misspelt, diagnostics = misspelt_diagnostics(server)
            hover = hover_on_variant(server).replace(Path(folder).as_uri(), "file://FOLDER")
        finally:
            server.close()
    version = json.loads((ROOT / "node_modules" / "yaml-language-server" / "package.json").read_text())["version"]
    return {
        "server": f"yaml-language-server {version}",
        "schema_sha256": hashlib.sha256(SCHEMA.read_bytes()).hexdigest(),
        "completion": {"line": line_of(text, "    - named-")[0], "labels": [item["label"] for item in items]},
        "diagnostics": {"misspelt_line": line_of(misspelt, "named-suspect/robust")[0],
                        "published": [{"line": d["range"]["start"]["line"], "message": d["message"]}
                                      for d in diagnostics]},
        "hover": hover,
    }


if __name__ == "__main__":
    if not SERVER.exists():
        sys.exit(f"{SERVER} is missing: run npm ci")
    RECORD.write_text(json.dumps(record(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(RECORD)
