"""Soft hyphens in the site's narrow places: the section panel (a sidebar of about 15rem
at 1366 px), the perspective matrix (a column per perspective) and the table of who
answered a remiss (five columns that must fit the content column at 1366 px).

A long Swedish compound there would otherwise be cut at an arbitrary letter
("samverkansöverenskommel/se"). Only text is touched, never a URL or an attribute.

The matrix and who answered are on finished pages: their page makers put the hyphens in
the HTML they make (``finished.text_only``). The panel is on a section page, whose Markdown MkDocs
converts: there it is done in the conversion, as a tree processor (registered by
``page_marks.PageMarks``): the panel is an element of the tree (``markdown`` in its tag),
its text and tails get the hyphens, and so does the raw HTML its blocks wrote (stashed,
read here as HTML fragments: text between tags only). Every narrow place is left out of the
search index (``data-search-exclude``: the panel here, the tables in their templates), so no
soft hyphen reaches it: a query types the word whole.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from macros.core.text import soft_hyphens
from macros.website.markup.section_text import placeholders
from macros.website.pages.finished import text_only

#: The narrow places that are elements of a converted page's tree: (tag, class).
PLACES = (("aside", "tp-panel"),)
#: After the pinpoints (-2): the last change to the tree's text.
PRIORITY = -3


class NarrowPlaces(Treeprocessor):
    """Soft hyphens in the text of the section panel."""

    def run(self, root: etree.Element) -> None:
        done: set[int] = set()
        for tag, cls in PLACES:
            for el in root.iter(tag):
                if cls in (el.get("class") or "").split():
                    self._hyphenate(el, done)

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
