"""Comparing programme versions: tokens, word diffs, blocks, and whole comparisons.

Which sections correspond comes from the lineage engine (``macros.engine.layers.lineage``).
Plain Python (no MkDocs): the comparison pages, the section panel, the open data and the
``trygghet diff`` command all use it.
"""
