"""OOXML: the parts of a Word package, written and read.

Takes and gives the XML of a DOCX's parts (names, namespaces, reading a part, a document's
paragraphs with their style names); knows nothing of letters beyond block kinds.
"""
