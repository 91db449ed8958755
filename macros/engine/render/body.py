"""Turning an editor's body into page Markdown: its macros rendered in the sandbox."""

from __future__ import annotations

from macros.core.load.corpus import Entry
from macros.core.sanitize import mark_content
from macros.engine.render.sandbox import Renderer


def render_body(renderer: Renderer, entry: Entry, page_path: str) -> str:
    """The body of ``entry`` as it stands on the page ``page_path`` (the build's renderer keeps it):
    marked as content, so that the page's conversion sanitizes the HTML made of it
    (``core.sanitize``). Open data and comparisons read ``renderer.render_entry`` unmarked."""
    return mark_content(renderer.render_entry(entry, page_path))
