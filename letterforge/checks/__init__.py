"""Checks: a letter and its selection in, the problems that make it unsafe to send out.

Takes an assembled :class:`~letterforge.letter.Letter`; gives located errors and warnings
(placeholders, embargo, house-style spellings, near-duplicates), and the word likeness they use.
"""
