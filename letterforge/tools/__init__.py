"""Tools of the library and the inspection: catalog, search, lint, scaffold, review, matrix.

Take a loaded library (and letters, for review and the matrix); give what an editor of the
library or an inspector asks about it: listings, matches, lint problems, a new selection's text,
review notes, the national matrix's rows. Pure: they return data and text, writing nothing.
"""
