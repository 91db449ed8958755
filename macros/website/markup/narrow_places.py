"""Soft hyphens in the site's narrow places: the section panel (a sidebar of about 15rem
at 1366 px), the perspective matrix (a column per perspective) and the table of who
answered a remiss (five columns that must fit the content column at 1366 px).

A long Swedish compound there would otherwise be cut at an arbitrary letter
("samverkansöverenskommel/se"). Only text is touched, never a URL or an attribute.

Made in the Markdown conversion, as a tree processor (registered by ``page_marks.PageMarks``):
the panel and the box around who answered are elements of the tree (``markdown`` in their
tags), their text and tails get the hyphens, and so does the raw HTML their blocks wrote
(stashed, read here as HTML fragments: text between tags only). The matrix is one such
raw-HTML block. The panel is left out of the search index; the others are not, and the
search index is written without soft hyphens (``search_text.without_soft_hyphens``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from macros.core.text import soft_hyphens
from macros.website.markup.section_text import placeholders

#: The narrow places that are elements of the tree: (tag, class).
PLACES = (("aside", "tp-panel"), ("div", "tp-responses"))
_MATRIX = re.compile(r'<table class="tp-matrix">.*?</table>', re.S)
_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&[#\w]+;)")
#: After the pinpoints (-2): the last change to the tree's text.
PRIORITY = -3


def text_only(fragment: str) -> str:
    """An HTML fragment with soft hyphens in its text between tags (never in a tag or an entity)."""
    parts = _TAG_OR_ENTITY.split(fragment)
    return "".join(p if i % 2 else soft_hyphens(p) for i, p in enumerate(parts))


def matrix(fragment: str) -> str:
    """A raw-HTML block with soft hyphens in the text of its perspective matrix, if it has one."""
    if 'class="tp-matrix"' not in fragment:
        return fragment
    return _MATRIX.sub(lambda m: text_only(m.group(0)), fragment)


class NarrowPlaces(Treeprocessor):
    """Soft hyphens in the text of the panel, of who answered and of the perspective matrix."""

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        done: set[int] = set()
        for tag, cls in PLACES:
            for el in root.iter(tag):
                if cls in (el.get("class") or "").split():
                    self._hyphenate(el, done)
        for i, raw in enumerate(stash):
            if i not in done and isinstance(raw, str):
                stash[i] = matrix(raw)

    def _hyphenate(self, el: etree.Element, done: set[int]) -> None:
        for node in el.iter():
            if node.text:
                node.text = soft_hyphens(node.text)
                self._raw(placeholders(node.text), done)
            if node.tail and node is not el:
                node.tail = soft_hyphens(node.tail)
                self._raw(placeholders(node.tail), done)

    def _raw(self, indexes: list[int], done: set[int]) -> None:
        """Raw HTML the text refers to (and the raw HTML inside that), each block once."""
        stash = self.md.htmlStash.rawHtmlBlocks
        for i in indexes:
            raw = stash[i] if i < len(stash) else None
            if i in done or not isinstance(raw, str):
                continue
            done.add(i)
            stash[i] = shown = text_only(raw)
            self._raw(placeholders(shown), done)
