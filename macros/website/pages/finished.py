"""Finished pages: pages made straight to HTML from their templates, with their table of contents
from the same data (``GeneratedPage.html`` and ``.toc``). MkDocs publishes them as they are
(``macros/adapter``); only content an editor writes in Markdown is converted.

``Headings`` writes each heading of such a page once, as the ``toc`` extension writes a heading
on a Markdown page (an id, a permalink), and keeps it for the page's table of contents.
"""

from __future__ import annotations

from typing import Any

from markdown.extensions.toc import slugify

from macros.core.page import TocEntry
from macros.core.text import esc
from macros.website.templates import Markup, render


class Headings:
    """The headings of one finished page, in the order they are written."""

    def __init__(self) -> None:
        self._written: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()

    def __call__(self, level: int, text: str, anchor: str | None = None, *, exclude: bool = False) -> Markup:
        """A heading of plain ``text``; without ``anchor`` its id is the toc extension's slug of the text."""
        anchor = anchor or self._unique(slugify(text, "-"))
        self._ids.add(anchor)
        self._written.append((level, anchor, esc(text)))
        return render("finished/heading.html", level=level, id=anchor, text=text, exclude=exclude)

    def _unique(self, anchor: str) -> str:
        # The toc extension's rule for a repeated id: _1, _2 … after it.
        candidate, n = anchor, 0
        while candidate in self._ids:
            n += 1
            candidate = f"{anchor}_{n}"
        return candidate

    def toc(self) -> tuple[TocEntry, ...]:
        """The headings nested by level, as the toc extension nests them."""
        root: list[Any] = []
        stack: list[tuple[int, list[Any]]] = [(0, root)]
        for level, anchor, name in self._written:
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            children: list[Any] = []
            stack[-1][1].append((level, anchor, name, children))
            stack.append((level, children))

        def freeze(items: list[Any]) -> tuple[TocEntry, ...]:
            return tuple(TocEntry(level, anchor, name, freeze(children)) for level, anchor, name, children in items)

        return freeze(root)


def paragraph(text: str | Markup) -> Markup:
    """``<p>`` around text (escaped unless it is ``Markup``)."""
    return Markup("<p>{}</p>\n").format(text)
