"""Comparing two drafts of a letter: reading both, pairing their blocks and naming what changed.

The core runs one way, like the rest of letterforge:

* :mod:`.inputs` reads each side (a selection; a selection at a git revision,
  through :mod:`.git`; or a DOCX letterforge wrote) as a :class:`~.inputs.Draft`:
  blocks, and provenance where there is any;
* :mod:`.align` pairs the blocks of the two drafts and merges them into one
  sequence of steps (same, changed, inserted, deleted);
* :mod:`.units` groups blocks that belong together (a finding, an
  introduction part, a heading) and finds what moved;
* :mod:`.compare` turns them into changes in the inspector's terms
  ("attendance / iom: variant well-managed -> not-effective");
* :mod:`.words` splits a changed paragraph into kept, deleted and inserted words;
* :mod:`.outputs` names the redline's file.

Like the rest of the core, this package imports neither click nor a
renderer: the redline, the text diff and the JSON are written by
:mod:`letterforge.render.redline`, :mod:`~letterforge.render.diff_text` and
:mod:`~letterforge.render.diff_json`, found through
:data:`letterforge.render.COMPARISON_FORMATS`.
"""
