"""Paragraph pinpoints: every paragraph of a section's text gets a stable id and a link
that copies a link and a citation ("… 2024–2027, Samverkan, stycke 3").

The id is the section id and the paragraph's number in the text (``urls.paragraph_anchor``):
the same in every build of the same text; it moves only when paragraphs are added or removed
before it (docs/redaktorsguide.md says so). Added after the search index has read the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.page import BODY_END, BODY_START

SCRIPT = "assets/javascripts/stycken.js"
_TAG = re.compile(r"<p(?=[\s>])[^>]*>|</p>")
_ID = re.compile(r'\sid="')


def citation(corpus: Corpus, vid: str, sid: str, number: int) -> str:
    """How a reader cites a paragraph: the version's title, the section's, the paragraph's number."""
    version = corpus.versions[vid].data.title
    return f"{version}, {corpus.versions[vid].sections[sid].data.title}, stycke {number}"


def number_paragraphs(body: str, corpus: Corpus, vid: str, sid: str) -> str:
    out: list[str] = []
    pos, number = 0, 0
    for match in _TAG.finditer(body):
        out.append(body[pos:match.start()])
        tag = match.group(0)
        if tag == "</p>":
            if number:
                anchor = urls.paragraph_anchor(sid, number)
                cite = html.escape(citation(corpus, vid, sid, number))
                out.append(f' <a class="tp-pin" href="#{anchor}" data-tp-cite="{cite}" '
                           f'title="Kopiera länk och hänvisning" aria-label="Länk till stycke {number}">¶</a>')
            out.append(tag)
        else:
            number += 1
            if not _ID.search(tag):  # an id the editor gave stays
                tag = f'{tag[:2]} id="{urls.paragraph_anchor(sid, number)}"{tag[2:]}'
            out.append(tag)
        pos = match.end()
    out.append(body[pos:])
    return "".join(out)


def transform(page_html: str, meta: dict[str, Any], corpus: Corpus) -> str:
    """Section pages only: ids and pinpoint links on the paragraphs of the section's text."""
    vid, sid = meta.get("tp_version"), meta.get("tp_section")
    if meta.get("tp_kind") != "section" or not vid or not sid or vid not in corpus.versions \
            or sid not in corpus.versions[vid].sections:
        return page_html
    start, end = page_html.find(BODY_START), page_html.rfind(BODY_END)
    if start < 0 or end < start:
        return page_html
    start += len(BODY_START)
    here = urls.url(urls.section(vid, sid)).rstrip("/")
    script = f'\n<script src="{html.escape(posixpath.relpath(SCRIPT, here))}" defer></script>\n'
    return (page_html[:start] + number_paragraphs(page_html[start:end], corpus, vid, sid) + script
            + page_html[end:])
