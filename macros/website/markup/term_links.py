"""Linking the first use of each defined term on a section page to its definition.

A Python-Markdown extension (the way mkdocs-autorefs links): its tree
processor walks the converted section page before it is serialised, so
headings, links and code are elements it can see and leave alone, as are the
site's own blocks around the text (banner, panel, pager, sources). Only the
section's own text is read: the top-level blocks between the two marker
comments (``core.page.BODY_START``/``BODY_END``), which Python-Markdown keeps
as raw-HTML placeholders. Raw HTML that page makers write is stashed the same
way, so it is never read for terms.

Each linked use is a real link to the term's page (keyboard and touch users
get there) followed by a tooltip with the short definition, shown on hover
and focus by CSS and tied to the link with ``aria-describedby``; the tooltip
is left out of the search index (``data-search-exclude``). A page with a
linked term gets the Escape script once, after the section's text.

The extension is a ``section_text.PageExtension``: the adapter tells it which
section page is converted next.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from macros.core import urls
from macros.core.load.corpus import Corpus
from macros.core.page import BODY_END, BODY_START
from macros.engine.layers.glossary import Resolved, first_sentence, forms
from macros.engine.layers.model import VersionTerms
from macros.website.markup.section_text import PageExtension, marker
from macros.website.model import Site
from macros.website.pages.glossary import definition_note

#: Elements whose text is never linked.
SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style",
                       "aside", "nav", "button", "label", "summary", "select", "textarea", "svg", "math", "title"})
#: Site blocks that are not the section's own text.
SKIP_CLASSES = frozenset({"tp-panel", "tp-banner", "tp-context", "tp-pager", "tp-sources", "tp-note", "tp-term-ref",
                          "headerlink"})
#: Lets Escape hide an open tooltip (WCAG 1.4.13); served from the site itself.
SCRIPT = "assets/javascripts/begrepp.js"
#: After every other tree processor (``unescape`` is 0): the text is what the reader reads.
PRIORITY = -1


def term_href(vid: str, sid: str, tid: str) -> str:
    """The term page's URL relative to the section page's URL."""
    return urls.href(urls.section(vid, sid), urls.term(tid))


def tooltip_text(corpus: Corpus, resolved: Resolved) -> str:
    term = resolved.term
    name = f"{term.term[:1].upper()}{term.term[1:]}"
    text = f"{name}: {first_sentence(resolved.definition.definition)}" if resolved.definition else f"{name}."
    if term.discouraged:
        text = f"Avrått begrepp. {text}"
    return f"{text} {definition_note(corpus, resolved)}"


def script_tag(vid: str, sid: str) -> str:
    here = urls.url(urls.section(vid, sid)).rstrip("/")
    return f'<script src="{html.escape(posixpath.relpath(SCRIPT, here))}" defer></script>'


class TermLinks(PageExtension):
    """Links terms on the section page named by ``page``; on any other page it does nothing."""

    def extendMarkdown(self, md: Markdown) -> None:
        section = self.section_page()
        if section is None:
            return
        site, vid, sid = section
        terms = site.layers.terms.get(vid)
        if terms is None or not terms.resolved:
            return
        md.treeprocessors.register(TermLinker(md, site.corpus, vid, sid, terms), "tp_term_links", PRIORITY)

    def conversion_key(self) -> str:
        """What this extension's conversions depend on besides the page (kept conversions compare it):
        a section page converts differently when a term, a form or a definition changes."""
        return fingerprint(self.site) if self.site else ""


def fingerprint(site: Site) -> str:
    """A digest of everything the linker reads besides the page: each version's terms, forms and tooltips."""
    digest = hashlib.sha256()
    for vid, terms in site.layers.terms.items():
        for tid, resolved in terms.resolved.items():
            digest.update(repr((vid, tid, forms(resolved.term), tooltip_text(site.corpus, resolved))).encode())
    return digest.hexdigest()[:16]


class TermLinker(Treeprocessor):
    """Links the first use of each term in one section's text, outside SKIP_TAGS and SKIP_CLASSES."""

    def __init__(self, md: Markdown, corpus: Corpus, vid: str, sid: str, terms: VersionTerms) -> None:
        super().__init__(md)
        self.corpus, self.vid, self.sid = corpus, vid, sid
        self.available, self.matcher = terms.resolved, terms.matcher
        self.linked: list[str] = []

    def run(self, root: etree.Element) -> None:
        blocks = list(root)
        start, end = marker(self.md, blocks, BODY_START), marker(self.md, blocks, BODY_END)
        if start is None or end is None or end < start:
            return  # no section text marked on the page: link nothing
        for block in blocks[start + 1:end]:
            self._walk(block)
        if self.linked:
            script = etree.Element("p")
            script.text = self.md.htmlStash.store(script_tag(self.vid, self.sid))
            root.insert(list(root).index(blocks[end]), script)

    def _done(self) -> bool:
        return len(self.linked) == len(self.available)

    def _walk(self, el: etree.Element) -> None:
        if el.tag in SKIP_TAGS or not SKIP_CLASSES.isdisjoint((el.get("class") or "").split()):
            return
        if el.text and not self._done():
            el.text = self._link(el.text)
        for child in el:
            if self._done():
                return
            self._walk(child)
            if child.tail and not self._done():
                child.tail = self._link(child.tail)

    def _link(self, text: str) -> str:
        """The text with each first use replaced by a placeholder for its link and tooltip.

        Stashed as raw HTML, as Python-Markdown keeps inline HTML: the markup is written exactly
        as given (attribute order included), after every tree processor has run.
        """
        pieces: list[str] = []
        pos = 0
        for use in self.matcher.uses(text):
            if use.term_id in self.linked:
                continue
            self.linked.append(use.term_id)
            pieces += [text[pos:use.start], self.md.htmlStash.store(self._markup(use.term_id, use.text))]
            pos = use.end
        return "".join(pieces) + text[pos:] if pieces else text

    def _markup(self, tid: str, shown: str) -> str:
        tip_id = f"tp-begrepp-{tid}"
        tip = html.escape(tooltip_text(self.corpus, self.available[tid]), quote=False)
        return (f'<span class="tp-term-ref"><a class="tp-term" href="{html.escape(term_href(self.vid, self.sid, tid))}" '
                f'aria-describedby="{tip_id}">{html.escape(shown, quote=False)}</a>'
                f'<span class="tp-term-tip" role="tooltip" id="{tip_id}" data-search-exclude>{tip}</span></span>')
