"""Trygghetsprogrammet: the content engine behind the site.

Everything here except ``macros.adapter`` is plain Python and imports nothing
from MkDocs, so the engine can move to another generator.
"""
