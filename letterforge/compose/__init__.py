"""Compose: a selection and its library in, the :class:`~letterforge.letter.Letter` out.

Takes a loaded :class:`~letterforge.load.selection.Selection` and the layout it names; gives the
letter's blocks, each with its provenance. Pure: no I/O beyond reading the layout file.
"""
