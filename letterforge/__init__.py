"""letterforge: draft formal inspection letters from a YAML library of standard findings.

The pipeline is load (:mod:`letterforge.load.library`, :mod:`letterforge.load.selection`)
-> assemble (:mod:`letterforge.compose.assemble`) -> :class:`~letterforge.letter.Letter`
-> renderers (:mod:`letterforge.render`); :mod:`letterforge.app.pipeline` runs it
for one selection and :mod:`letterforge.cli` is the command line.
"""

__version__ = "0.1.0"
