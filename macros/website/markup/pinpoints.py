"""Paragraph pinpoints: every paragraph of a section's text gets a stable id and a link
that copies a link and a citation ("… 2024–2027, Samverkan, stycke 3").

The id is the section id and the paragraph's number in the text (``urls.paragraph_anchor``):
the same in every build of the same text; it moves only when paragraphs are added or removed
before it (docs/redaktorsguide.md says so).

Made in the Markdown conversion, as a tree processor on the section page's element tree
(registered by ``page_marks.PageMarks``), so no pass over the finished HTML is needed. The
pinpoint link is left out of the search index (``data-search-exclude``): it adds markup for
the search to parse but no text for it to index.
"""

from __future__ import annotations

import html
import posixpath
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.model.schema import TextAvailability
from macros.core.page import BODY_END, BODY_START
from macros.website.markup.section_text import marker, stashed_block

SCRIPT = "assets/javascripts/stycken.js"
#: After the term links (-1): the script it adds before the text's end comes first.
PRIORITY = -2


def citation(corpus: Corpus, vid: str, sid: str, number: int) -> str:
    """How a reader cites a paragraph: the version's title, the section's, the paragraph's number;
    where the site holds only its own summary (``texten``), the citation says it quotes that."""
    version = corpus.versions[vid].data
    whose = "" if version.text is TextAvailability.FULLTEXT else "Webbplatsens sammanfattning av "
    return f"{whose}{version.title}, {corpus.versions[vid].sections[sid].data.title}, stycke {number}"


def pin(corpus: Corpus, vid: str, sid: str, number: int) -> str:
    """The link after paragraph ``number``: to its own anchor, with the citation to copy."""
    anchor = urls.paragraph_anchor(sid, number)
    cite = html.escape(citation(corpus, vid, sid, number))
    return (f'<a class="tp-pin" href="#{anchor}" data-tp-cite="{cite}" title="Kopiera länk och hänvisning" '
            f'aria-label="Kopiera länk till stycke {number}" data-search-exclude>¶</a>')


def script_tag(vid: str, sid: str) -> str:
    here = urls.url(urls.section(vid, sid)).rstrip("/")
    return f'<script src="{html.escape(posixpath.relpath(SCRIPT, here))}" defer></script>'


class Pinpoints(Treeprocessor):
    """Numbers the paragraphs of one section's text (between the marker comments), gives each
    an id (an id the editor gave stays) and a pinpoint link, and adds the script once."""

    def __init__(self, md: Markdown, corpus: Corpus, vid: str, sid: str) -> None:
        super().__init__(md)
        self.corpus, self.vid, self.sid = corpus, vid, sid

    def run(self, root: etree.Element) -> None:
        blocks = list(root)
        start, end = marker(self.md, blocks, BODY_START), marker(self.md, blocks, BODY_END)
        if start is None or end is None or end < start:
            return  # no section text marked on the page
        number = 0
        for block in blocks[start + 1:end]:
            for p in block.iter("p"):
                if stashed_block(self.md, p) is not None:
                    continue  # raw HTML, not a paragraph of the text
                number += 1
                if p.get("id") is None:  # first, as an id written into the tag
                    attrib = {"id": urls.paragraph_anchor(self.sid, number), **p.attrib}
                    p.attrib.clear()
                    p.attrib.update(attrib)
                self._append(p, " " + self.md.htmlStash.store(pin(self.corpus, self.vid, self.sid, number)))
        # The script on a line of its own just before the text's end comment.
        before = blocks[end - 1]
        before.tail = (before.tail or "") + "\n" + self.md.htmlStash.store(script_tag(self.vid, self.sid)) + "\n"

    @staticmethod
    def _append(p: etree.Element, text: str) -> None:
        """``text`` at the end of the paragraph's content, after any inline element."""
        if len(p):
            last = p[-1]
            last.tail = (last.tail or "") + text
        else:
            p.text = (p.text or "") + text
