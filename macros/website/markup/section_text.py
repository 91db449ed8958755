"""Where a converted section page's own text is, for the tree processors that mark it up.

The page makers put the section's text between two marker comments
(``core.page.BODY_START``/``BODY_END``); Python-Markdown keeps each as a raw-HTML
placeholder in a paragraph of its own at the top of the element tree. Raw HTML the
page makers write is stashed the same way (``md.htmlStash``) and comes back when
the tree is serialised.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from macros.website.model import Site

_BLOCK_TAG = RawHtmlPostprocessor.BLOCK_LEVEL_REGEX


class PageExtension(Extension):
    """A Python-Markdown extension that marks up the page converted next.

    The object lives as long as the build; the adapter sets ``site`` once and ``page``
    before each conversion, and each conversion reads them once, when Python-Markdown
    sets the extension up for it.
    """

    def __init__(self, site: Site | None = None) -> None:
        super().__init__()
        self.site = site
        #: (version id, section id) of the section page converted next, or None.
        self.page: tuple[str, str] | None = None

    def section_page(self) -> tuple[Site, str, str] | None:
        """The site, version id and section id when the page converted next is a known section."""
        if self.site is None or self.page is None:
            return None
        vid, sid = self.page
        versions = self.site.corpus.versions
        return (self.site, vid, sid) if vid in versions and sid in versions[vid].sections else None


def stashed_block(md: Markdown, el: etree.Element) -> str | None:
    """The raw HTML of a paragraph that only holds a stashed block (written as that HTML, not a
    paragraph, when the tree is serialised: ``RawHtmlPostprocessor``), or None."""
    if el.tag != "p" or len(el) or el.attrib:
        return None
    match = HTML_PLACEHOLDER_RE.fullmatch(el.text or "")
    if not match:
        return None
    raw = str(md.htmlStash.rawHtmlBlocks[int(match.group(1))])
    tag = _BLOCK_TAG.match(raw)
    if tag and (tag.group(1)[0] in "!?@%" or md.is_block_level(tag.group(1))):
        return raw
    return None


def marker(md: Markdown, blocks: list[etree.Element], comment: str) -> int | None:
    """The index of the top-level block that is the marker ``comment``, or None."""
    for i, block in enumerate(blocks):
        raw = stashed_block(md, block)
        if raw is not None and raw.strip() == comment:
            return i
    return None


def placeholders(text: str | None) -> list[int]:
    """The stash indexes of the raw-HTML placeholders in ``text``."""
    return [int(m.group(1)) for m in HTML_PLACEHOLDER_RE.finditer(text or "")]
