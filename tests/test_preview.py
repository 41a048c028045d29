"""``letterforge preview`` in a real browser: headless Chromium, driven by Playwright.

The preview runs as its own process (as a person runs it) on a copy of
kent.yaml.  The test opens the page once and never reloads it: the new words
must arrive by themselves.  Set LETTERFORGE_SCREENSHOTS=DIR to keep screenshots
of the page before and after the change and in the error state.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import KENT, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture
def preview(tmp_path):
    """``(process, url, selection)``: the preview of a copy of kent.yaml, on a port the system chose."""
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    process = subprocess.Popen([sys.executable, "-m", "letterforge", "preview", str(selection), "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line)
    assert match, line + process.stderr.read() if process.poll() is not None else line
    yield process, match.group(1), selection
    if process.poll() is None:
        process.kill()
        process.wait()


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as /proc/net/tcp writes them) with a socket listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, _, hex_port = local.partition(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    return playwright_api.sync_playwright()


def shoot(page, name: str) -> None:
    folder = os.environ.get("LETTERFORGE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_the_page_shows_the_new_number_within_two_seconds_without_a_reload(preview):
    process, url, selection = preview
    with browser() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        loads = []
        page.on("load", lambda _: loads.append(time.monotonic()))
        page.goto(url)
        page.wait_for_function("document.body.innerText.includes('training to 500 officers and staff')")
        page.evaluate("window.openedOnce = true")
        page.locator("mark.param", has_text="500").scroll_into_view_if_needed()
        shoot(page, "1-before-500")

        text = selection.read_text(encoding="utf-8")
        selection.write_text(text.replace("{trained: 500}", "{trained: 650}"), encoding="utf-8")
        changed = time.monotonic()
        page.wait_for_function("document.body.innerText.includes('training to 650 officers and staff')",
                               timeout=2000)
        took = time.monotonic() - changed
        print(f"the page showed 650 after {took:.2f} s")
        shoot(page, "2-after-650")
        assert took < 2.0
        assert page.evaluate("window.openedOnce") is True  # the same page: never reloaded
        assert len(loads) == 1

        selection.write_text(text.replace("salutation: Dear Alan", "salutation: Dear Alan: and all"), encoding="utf-8")
        page.wait_for_function("document.body.innerText.includes('The letter cannot be shown')", timeout=2000)
        problems = page.inner_text("main")
        assert re.search(r"kent\.yaml:\d+:\d+: error: invalid YAML", problems), problems
        assert "salutation: Dear Alan: and all" in problems  # the line the error points at
        shoot(page, "3-error")

        selection.write_text(text, encoding="utf-8")
        page.wait_for_function("document.body.innerText.includes('training to 500 officers and staff')",
                               timeout=2000)
        assert page.evaluate("window.openedOnce") is True and len(loads) == 1
        chromium.close()


def test_it_listens_on_127_0_0_1_only_and_ctrl_c_stops_it_cleanly(preview):
    process, url, _ = preview
    port = int(url.rsplit(":", 1)[1].strip("/"))
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no other interface (nor ::)
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    events = subprocess.Popen(["curl", "-sN", f"{url}events"], stdout=subprocess.DEVNULL) \
        if shutil.which("curl") else None  # an open event stream must not keep the server from stopping
    time.sleep(0.5)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=5) == 0
    assert time.monotonic() - started < 3
    stderr = process.stderr.read()
    assert "Traceback" not in stderr and "Preview stopped." in stderr
    if events is not None:
        events.kill()
        events.wait()


def test_a_selection_that_is_not_there_is_an_error(tmp_path):
    from .conftest import run

    result = run("preview", tmp_path / "nothing.yaml")
    assert result.exit_code == 1
    assert result.stderr.endswith("nothing.yaml: error: no such file\n")


def test_a_port_in_use_is_an_error():
    from .conftest import run

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("preview", KENT, "--port", port)
    assert result.exit_code == 1
    assert f"--port {port}: error: cannot listen on 127.0.0.1:{port}" in result.stderr


def next_event(connection, stream, timeout: float) -> dict:
    """The next server-sent event of ``stream`` (the response on ``connection``), as data, within ``timeout`` s."""
    import json

    deadline = time.monotonic() + timeout
    data = []
    while (left := deadline - time.monotonic()) > 0:
        connection.sock.settimeout(left)
        try:
            line = stream.readline().decode("utf-8")
        except TimeoutError:
            break
        if line.startswith("data: "):
            data.append(line[len("data: "):])
        elif line == "\n" and data:
            return json.loads("".join(data))
    raise AssertionError(f"no event within {timeout} s")


def test_a_change_to_the_library_or_the_layout_is_pushed_within_a_second(tmp_path, library_copy):
    import http.client

    templates = library_copy / "templates"
    templates.mkdir()
    shutil.copy(ROOT / "templates" / "letter.j2", templates / "letter.j2")
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    process = subprocess.Popen([sys.executable, "-m", "letterforge", "preview", str(selection), "--port", "0",
                                "--library", str(library_copy)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", process.stdout.readline()).group(1))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/events")
        stream = connection.getresponse()
        assert stream.getheader("Content-Type").startswith("text/event-stream")
        first = next_event(connection, stream, 5)
        assert "has already provided formal crime prevention training" in first["html"]

        phrasings = library_copy / "core-business-2014" / "preventing-crime.yaml"
        phrasings.write_text(phrasings.read_text(encoding="utf-8").replace(
            "The force has already provided formal", "The force has now provided formal"), encoding="utf-8")
        saved = time.monotonic()
        library_changed = next_event(connection, stream, 1.5)
        print(f"library change pushed after {time.monotonic() - saved:.2f} s")
        assert "has now provided formal crime prevention training" in library_changed["html"]

        layout = templates / "letter.j2"
        layout.write_text(layout.read_text(encoding="utf-8").replace('"Yours sincerely"', '"Yours faithfully"'),
                          encoding="utf-8")
        saved = time.monotonic()
        layout_changed = next_event(connection, stream, 1.5)
        print(f"layout change pushed after {time.monotonic() - saved:.2f} s")
        assert "Yours faithfully" in layout_changed["html"] and "Yours sincerely" not in layout_changed["html"]
        assert layout_changed["version"] > library_changed["version"] > first["version"]

        saved_as_editors_do = tmp_path / ".kent.yaml.swp"  # a new file renamed over the old: the old one's watch ends
        saved_as_editors_do.write_text(selection.read_text(encoding="utf-8").replace("Dear Alan", "Dear Mr Pughsley"),
                                       encoding="utf-8")
        os.replace(saved_as_editors_do, selection)
        renamed = next_event(connection, stream, 1.5)
        assert "Dear Mr Pughsley" in renamed["html"]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
