"""Comparing two drafts of a letter: what changed, as a summary, a text diff and a Word redline.

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
* :mod:`.redline`, :mod:`.text` and :mod:`.data` write the result as a DOCX
  with tracked changes, a text diff for email, and JSON; :mod:`.outputs`
  picks one and names the redline.
"""
