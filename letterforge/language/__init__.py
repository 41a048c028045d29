"""The phrasing language: the small, sandboxed Jinja2 grammar that phrasings and layouts are written in.

Takes a phrasing's or a layout's source text; gives it compiled and checked against its grammar
(only declared names, no attribute access, bounded work), ready to be filled with data.
Both the loader (which compiles the library's phrasings) and the assembly use it, so it sits below both.
"""
