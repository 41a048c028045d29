"""A small Language Server Protocol client over stdio, to drive yaml-language-server from the tests.

JSON-RPC 2.0 messages framed by ``Content-Length`` headers, read on a thread
into a queue.  The client answers the server's ``workspace/configuration``
requests with the given settings and keeps every ``publishDiagnostics`` it is
sent.  Nothing here knows about YAML: it is the protocol only.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any


class LanguageServer:
    """A language server process, spoken to over its standard input and output."""

    def __init__(self, command: list[str], settings: dict[str, Any], cwd: Path | None = None) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=cwd)
        self.settings = settings
        self._next_id = 0
        self._responses: dict[int, "queue.Queue[dict[str, Any]]"] = {}
        self._lock = threading.Lock()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._diagnostics_seen = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ---------------------------------------------------------- the wire

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._dispatch(json.loads(stream.read(length)))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message and "method" not in message:
            self._responses.setdefault(message["id"], queue.Queue()).put(message)
        elif message.get("method") == "workspace/configuration":
            items = message["params"]["items"]
            self._send({"id": message["id"], "result": [self.settings.get(i.get("section", ""), None) for i in items]})
        elif "id" in message:  # another request of the server's (register capability, progress): accept it
            self._send({"id": message["id"], "result": None})
        elif message.get("method") == "textDocument/publishDiagnostics":
            with self._diagnostics_seen:
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
                self._diagnostics_seen.notify_all()

    # ---------------------------------------------------------- requests and notifications

    def request(self, method: str, params: dict[str, Any], timeout: float = 20) -> Any:
        """Send a request and wait for its result; an error response raises."""
        with self._lock:
            self._next_id += 1
            number = self._next_id
        answers = self._responses.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params})
        answer = answers.get(timeout=timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def wait_for_diagnostics(self, uri: str, until: Any = bool, timeout: float = 20) -> list[dict[str, Any]]:
        """The diagnostics published for ``uri`` once ``until(diagnostics)`` holds (the last ones at the timeout)."""
        deadline = time.monotonic() + timeout
        with self._diagnostics_seen:
            while not (uri in self.diagnostics and until(self.diagnostics[uri])):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._diagnostics_seen.wait(left)
            return self.diagnostics.get(uri, [])

    def close(self) -> None:
        """Shut the server down politely, then make sure it has gone."""
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()
            self.process.wait()
