"""Load: bytes and YAML in, typed and located objects out.

Takes the findings library's files and a selection's file; gives a
:class:`~letterforge.load.library.Library` and a :class:`~letterforge.load.selection.Selection`
whose every value remembers its file, line and column. Nothing above this stage sees a raw dict.
"""
