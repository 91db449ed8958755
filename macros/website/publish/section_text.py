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
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_BLOCK_TAG = RawHtmlPostprocessor.BLOCK_LEVEL_REGEX


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
