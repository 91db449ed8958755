"""Finished pages: pages made straight to HTML from their templates, with their table of contents
from the same data (``GeneratedPage.html`` and ``.toc``). MkDocs publishes them as they are
(``macros/adapter``); only content an editor writes in Markdown is converted.

``Headings`` writes each heading of such a page once, as the ``toc`` extension writes a heading
on a Markdown page (an id, a permalink), and keeps it for the page's table of contents.
"""

from __future__ import annotations

import posixpath
import re
import threading
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

from macros.core import urls
from macros.core.markdown import EXTENSION_CONFIGS, EXTENSIONS, beyond_limits
from macros.core.page import TocEntry
from macros.core.sanitize import ContentHtml
from macros.core.text import esc, soft_hyphens
from macros.website.templates import Markup, PageTemplates


class Headings:
    """The headings of one finished page, in the order they are written (with the build's templates)."""

    def __init__(self, templates: PageTemplates) -> None:
        self.templates = templates
        self._written: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()

    def __call__(self, level: int, text: str, anchor: str | None = None, *, exclude: bool = False) -> Markup:
        """A heading of plain ``text``; without ``anchor`` its id is the toc extension's slug of the text."""
        anchor = anchor or self._unique(slugify(text, "-"))
        self._ids.add(anchor)
        self._written.append((level, anchor, esc(text)))
        return self.templates.render("finished/heading.html", level=level, id=anchor, text=text, exclude=exclude)

    def add(self, level: int, anchor: str, name: str) -> str:
        """A heading written elsewhere (in content converted for the page): its id, made unique on
        the page as the toc extension would; ``name`` is its HTML-escaped text."""
        anchor = self._unique(anchor)
        self._ids.add(anchor)
        self._written.append((level, anchor, name))
        return anchor

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


_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&[#\w]+;)")


def text_only(fragment: str) -> str:
    """An HTML fragment with soft hyphens in its text between tags (never in a tag or an entity): for
    the site's narrow places (``markup/narrow_places.py``)."""
    parts = _TAG_OR_ENTITY.split(fragment)
    return "".join(p if i % 2 else soft_hyphens(p) for i, p in enumerate(parts))


def a(href: str, text: str | Markup) -> Markup:
    """A link (its text escaped unless it is ``Markup``)."""
    return Markup('<a href="{}">{}</a>').format(href, text)


def context(templates: PageTemplates, *links: tuple[str, str]) -> Markup:
    """The breadcrumb above the page's title (``finished/context.html``): (href, text) pairs."""
    return templates.render("finished/context.html", links=links)


class _PageLinks(Treeprocessor):
    """Relative links and images in content, as MkDocs writes them on a Markdown page: a link to a
    ``.md`` file becomes its page's directory-style URL, any other path is made relative to the page's URL."""

    page = ""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            name = "href" if el.tag == "a" else "src" if el.tag == "img" else None
            target = el.get(name) if name else None
            if name and target:
                el.set(name, page_target(self.page, target))


def page_target(page: str, target: str) -> str:
    """``target`` as written on the page at docs path ``page``, as a URL relative to the page's URL."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("#", "/")) or not parts.path:
        return target
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    if path.endswith(".md"):
        return urls.href(page, path, parts.fragment or None)
    here = urls.url(page).rstrip("/") or "."
    relative = posixpath.relpath(path, here)
    return f"{relative}#{parts.fragment}" if parts.fragment else relative


_local = threading.local()
_ID = re.compile(r'(\sid="|\shref="#)([^"]+)"')


def _converter() -> tuple[markdown.Markdown, _PageLinks]:
    if not hasattr(_local, "md"):
        content = ContentHtml()
        content.whole_page = True  # all of it is content: sanitized as a docs/ page is
        md = markdown.Markdown(extensions=[*EXTENSIONS, content], extension_configs=EXTENSION_CONFIGS)
        links = _PageLinks(md)
        md.treeprocessors.register(links, "tp_page_links", 1)
        _local.md, _local.links = md, links
    return _local.md, _local.links


def content(text: str, page: str, headings: Headings) -> Markup:
    """Content an editor wrote in Markdown, on the finished page at docs path ``page``: converted as
    on a Markdown page (the site's extensions, sanitized as content, links as MkDocs writes them), its
    headings in the page's table of contents under ids unique on the page."""
    if beyond_limits(text):  # refused by the checks; shown as text rather than converted
        return paragraph(text)
    md, links = _converter()
    links.page = page
    converted = str(md.reset().convert(text))
    renamed: dict[str, str] = {}

    def walk(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            anchor = headings.add(token["level"], token["id"], token["name"])
            if anchor != token["id"]:
                renamed[token["id"]] = anchor
            walk(token["children"])

    walk(getattr(md, "toc_tokens", []))  # set by the toc extension
    if renamed:
        converted = _ID.sub(lambda m: f'{m.group(1)}{renamed.get(m.group(2), m.group(2))}"', converted)
    return Markup(converted)
