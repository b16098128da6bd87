"""Palimpsest: UN and ILO resolutions as an annotated, cross-linked, citable website.

The core (model, ingest, anchors, citations, lineage, notes, render) is plain Python and
never imports MkDocs; ``plugin.py`` is the thin MkDocs adapter and ``cli.py`` the command line.
"""

__version__ = "0.1.0"
