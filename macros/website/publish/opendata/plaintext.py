"""Markdown -> plain text for reusers: paragraphs, list items and headings as lines.

The text is the site's one Markdown reading (``macros.core.markdown``): a
blank line separates blocks, list items start with "- ", a table row's cells
are separated by a space, raw HTML gives the text it shows.
"""

from __future__ import annotations

from functools import lru_cache

from macros.core import markdown


@lru_cache(maxsize=4096)  # the programme file and each version file hold the same sections
def plain_text(markdown_text: str) -> str:
    """The text a reader reads, without markup; blocks separated by a blank line."""
    out = []
    for block in markdown.blocks(markdown_text):
        if block.kind == "html":
            text = " ".join(markdown.html_text(block.text).split())
        elif block.kind == "row":
            text = block.text.replace(" | ", " ")
        else:
            text = block.text
        if text:
            out.append(("- " if block.kind == "item" else "") + text)
    return "\n\n".join(out)
