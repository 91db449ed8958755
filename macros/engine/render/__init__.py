"""Content macros: short calls in section Markdown rendered, in a sandbox, into links.

``sandbox.render_content`` is the entry point; ``links`` holds the macros;
``protect`` keeps code out of the template engine; ``headings`` knows the
anchors a page will have.
"""
