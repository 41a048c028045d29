"""``python -m letterforge`` is the ``letterforge`` command."""

from .cli import main

main(prog_name="letterforge")
