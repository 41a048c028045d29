"""Accept or reject every tracked change with LibreOffice itself, for the redline tests.

Run by a Python that has LibreOffice's ``uno`` module (the system one):
``python3 libreoffice_changes.py A.docx B.docx …`` writes ``A.accepted.docx``
and ``A.rejected.docx`` beside each, using LibreOffice's own "Accept All" and
"Reject All" in one headless LibreOffice with a private profile.
"""

from __future__ import annotations

import os
import sys

import uno  # noqa: E402  (only in LibreOffice's Python)

from uno_office import WORD_2007, office, property_value

COMMANDS = {"accepted": ".uno:AcceptAllTrackedChanges", "rejected": ".uno:RejectAllTrackedChanges"}


def main(paths: list[str]) -> None:
    with office("letterforge") as context:
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for path in paths:
            for suffix, command in COMMANDS.items():
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                document = desktop.loadComponentFromURL(url, "_blank", 0, (property_value("Hidden", True),))
                dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
                target = os.path.abspath(path.removesuffix(".docx") + f".{suffix}.docx")
                document.storeToURL(uno.systemPathToFileUrl(target), (property_value("FilterName", WORD_2007),))
                document.close(True)


if __name__ == "__main__":
    main(sys.argv[1:])
