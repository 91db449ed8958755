"""Markdown -> plain text for reusers: paragraphs, list items and headings as lines.

The Markdown is rendered with the site's block extensions, then only the text
is kept; a blank line separates blocks, so the text reads as on the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown

_EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables"]
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "blockquote", "pre",
           "div", "section", "aside", "nav", "table", "ul", "ol", "dl", "br", "hr"}
_SKIP = {"script", "style"}


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset for each text (building one loads every extension)."""
    return markdown.Markdown(extensions=_EXTENSIONS)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()
            if tag == "li":
                self.current.append("- ")
        elif tag in {"td", "th"}:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


@lru_cache(maxsize=4096)  # the programme file and each version file hold the same sections
def plain_text(markdown_text: str) -> str:
    """The text a reader reads, without markup; blocks separated by a blank line."""
    html = _converter().reset().convert(markdown_text)
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n\n".join(b for b in parser.blocks if b != "-")
