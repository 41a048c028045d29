"""Accept or reject every tracked change with LibreOffice itself, for the redline tests.

Run by a Python that has LibreOffice's ``uno`` module (the system one):
``python3 libreoffice_changes.py A.docx B.docx …`` writes ``A.accepted.docx``
and ``A.rejected.docx`` beside each, using LibreOffice's own "Accept All" and
"Reject All" in one headless LibreOffice with a private profile.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: E402  (only in LibreOffice's Python)
from com.sun.star.beans import PropertyValue

COMMANDS = {"accepted": ".uno:AcceptAllTrackedChanges", "rejected": ".uno:RejectAllTrackedChanges"}


def _property(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


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


def main(paths: list[str]) -> None:
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"letterforge{os.getpid()}"
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            context = _connect(pipe)
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            for path in paths:
                for suffix, command in COMMANDS.items():
                    url = uno.systemPathToFileUrl(os.path.abspath(path))
                    document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
                    dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
                    target = os.path.abspath(path.removesuffix(".docx") + f".{suffix}.docx")
                    document.storeToURL(uno.systemPathToFileUrl(target), (_property("FilterName", "MS Word 2007 XML"),))
                    document.close(True)
            desktop.terminate()
        finally:
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()
                office.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
