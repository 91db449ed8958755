"""Content macros: short calls in section Markdown rendered, in a sandbox, into links.

``sandbox.Renderer`` (one per build, ``Site.renderer``) and ``sandbox.render_content`` are the
entry points; ``links`` holds the macros (the anchors a page will have come from
``core.markdown.anchors``); ``protect`` keeps code out of the template engine; ``body`` renders a
record's body; ``usage`` finds the macro calls in docs/ pages.
"""
