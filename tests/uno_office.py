"""One headless LibreOffice for the fixture scripts that drive it through UNO (run by LibreOffice's Python).

``with office("name") as context:`` starts ``soffice`` with a private profile
and a UNO pipe, waits for it to answer (60 s at most), yields its component
context, and makes sure it has ended afterwards. :func:`property_value`
builds the ``PropertyValue`` arguments UNO calls take.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

import uno  # noqa: E402  (only in LibreOffice's Python)
from com.sun.star.beans import PropertyValue

WORD_2007 = "MS Word 2007 XML"
"""LibreOffice's filter for saving as "Word 2007-365" (.docx)."""


def property_value(name: str, value: object) -> PropertyValue:
    """A UNO ``PropertyValue`` named ``name`` holding ``value``."""
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


@contextmanager
def office(name: str) -> Iterator[object]:
    """A headless LibreOffice on a pipe named after ``name`` and this process; its component context."""
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"{name}{os.getpid()}"
        process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            context = _connect(pipe)
            yield context
            context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
        finally:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception as e:
            if time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from e
            time.sleep(0.1)
