"""Comparing programme versions: tokens, word diffs, block and section alignment.

Plain Python (no MkDocs): the comparison pages and the ``trygghet diff``
command both use it.
"""
