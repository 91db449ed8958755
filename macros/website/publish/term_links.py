"""Linking the first use of each defined term on a section page to its definition.

Runs on the finished page (``html_transforms``) so that it can see
what is a heading, a link or code, and leave those alone, as well as the
version banner, the section panel, the pager and the sources list; only the
section's own text, between two comment markers, is read. Each
linked use is a real link to the term's page (keyboard and touch users get
there) followed by a tooltip with the short definition, shown on hover and
focus by CSS and tied to the link with ``aria-describedby``.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from macros.core import urls
from macros.core.html import RAW_TEXT_END, START_TAG, attributes
from macros.core.load.corpus import Corpus
from macros.core.page import BODY_END, BODY_START
from macros.engine.layers.glossary import Resolved, TermMatcher, first_sentence
from macros.website.model import Site
from macros.website.pages.glossary import definition_note

#: Elements whose text is never linked.
SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style",
                       "aside", "nav", "button", "label", "summary", "select", "textarea", "svg", "math", "title"})
#: Site blocks that are not the section's own text.
SKIP_CLASSES = frozenset({"tp-panel", "tp-banner", "tp-context", "tp-pager", "tp-sources", "tp-note", "tp-term-ref",
                          "headerlink"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: Lets Escape hide an open tooltip (WCAG 1.4.13); served from the site itself.
SCRIPT = "assets/javascripts/begrepp.js"


def term_href(vid: str, sid: str, tid: str) -> str:
    """The term page's URL relative to the section page's URL (raw HTML is not rewritten by MkDocs)."""
    return urls.href(urls.section(vid, sid), urls.term(tid))


def tooltip_text(corpus: Corpus, resolved: Resolved) -> str:
    term = resolved.term
    text = f"{term.term[:1].upper()}{term.term[1:]}: {first_sentence(resolved.definition.definition)}"
    if term.discouraged:
        text = f"Avrått begrepp. {text}"
    return f"{text} {definition_note(corpus, resolved)}"


# The section text as html.parser splits it: comments, end tags, start tags
# (with html.parser's grammar for names and attributes) and the text between
# them; a <script> or <style> element's text runs to its end tag.
_MARKUP = re.compile(rf"<!--(.*?)--\s*>|</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|{START_TAG.pattern}", re.DOTALL)


def _skipped_class(tag_text: str) -> bool:
    # Only a tag that has a skipped class's name in it (or a character reference) is worth taking apart.
    if "&" not in tag_text and not any(name in tag_text for name in SKIP_CLASSES):
        return False
    classes = (dict(attributes(tag_text)).get("class") or "").split()
    return not SKIP_CLASSES.isdisjoint(classes)


class _Linker:
    """Links the first use of each term in one section's text, outside SKIP_TAGS and SKIP_CLASSES."""

    def __init__(self, corpus: Corpus, vid: str, sid: str, available: dict[str, Resolved], matcher: TermMatcher):
        self.corpus, self.vid, self.sid, self.available, self.matcher = corpus, vid, sid, available, matcher
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, text inside is skipped)
        self.linked: list[str] = []

    def run(self, body: str) -> None:
        out, stack = self.out, self.stack
        pos = 0
        while match := _MARKUP.search(body, pos):
            if match.start() > pos:
                self._text(body[pos:match.start()])
            pos = match.end()
            comment, closing, opening = match.group(1, 2, 3)
            if comment is not None:
                out.append(f"<!--{comment}-->")
                continue
            if closing is not None:
                self._end(closing.lower())
                continue
            tag_text, tag = match.group(0), opening.lower()
            out.append(tag_text)
            if tag in _VOID or tag_text.endswith("/>"):
                continue
            stack.append((tag, (bool(stack) and stack[-1][1]) or tag in SKIP_TAGS or _skipped_class(tag_text)))
            if tag in RAW_TEXT_END:  # script and style text stays exactly as it is, up to its end tag
                end = RAW_TEXT_END[tag].search(body, pos)
                out.append(body[pos:end.start() if end else len(body)])
                if end is None:
                    return
                self._end(tag)
                pos = end.end()
        if pos < len(body):
            self._text(body[pos:])

    def _end(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def _text(self, raw: str) -> None:
        text = html.unescape(raw)
        if self.stack and self.stack[-1][1]:
            self.out.append(html.escape(text, quote=False))
        else:
            self.out.append(self._link(text))

    def _link(self, text: str) -> str:
        if len(self.linked) == len(self.available):  # every term already linked once
            return html.escape(text, quote=False)
        pieces: list[str] = []
        pos = 0
        for use in self.matcher.uses(text):
            if use.term_id in self.linked:
                continue
            self.linked.append(use.term_id)
            resolved = self.available[use.term_id]
            tip_id = f"tp-begrepp-{use.term_id}"
            pieces.append(html.escape(text[pos:use.start], quote=False))
            pieces.append(
                f'<span class="tp-term-ref"><a class="tp-term" href="{html.escape(term_href(self.vid, self.sid, use.term_id))}" '
                f'aria-describedby="{tip_id}">{html.escape(use.text, quote=False)}</a>'
                f'<span class="tp-term-tip" role="tooltip" id="{tip_id}" data-search-exclude>'
                f"{html.escape(tooltip_text(self.corpus, resolved), quote=False)}</span></span>")
            pos = use.end
        pieces.append(html.escape(text[pos:], quote=False))
        return "".join(pieces)


def link_terms(page_html: str, site: Site, vid: str, sid: str) -> str:
    """The section page's HTML with the first use of each term that exists in ``vid`` linked."""
    corpus = site.corpus
    # The version's terms and their matcher come from the layers: made once per build.
    available, matcher = site.layers.terms[vid].resolved, site.layers.terms[vid].matcher
    if not available:
        return page_html
    # Only the section's own text is read: the banner, panel and pager around
    # it hold no terms to link and most of the page's markup.
    start, end = page_html.find(BODY_START), page_html.rfind(BODY_END)
    if start < 0 or end < start:
        start, end = 0, len(page_html)
    else:
        start += len(BODY_START)
    before, body, after = page_html[:start], page_html[start:end], page_html[end:]
    linker = _Linker(corpus, vid, sid, available, matcher)
    linker.run(body)
    # Nothing linked: hand back the original untouched rather than a re-serialisation.
    if not linker.linked:
        return page_html
    here = urls.url(urls.section(vid, sid)).rstrip("/")
    script = f'\n<script src="{html.escape(posixpath.relpath(SCRIPT, here))}" defer></script>\n'
    return before + "".join(linker.out) + script + after



def transform(page_html: str, meta: dict[str, Any], site: Site) -> str:
    """Section pages only: the first use of each term linked."""
    vid, sid = meta.get("tp_version"), meta.get("tp_section")
    if meta.get("tp_kind") != "section" or site is None or not vid or not sid:
        return page_html
    corpus = site.corpus
    if vid not in corpus.versions or sid not in corpus.versions[vid].sections:
        return page_html
    if BODY_START not in page_html:  # the whole page, but no section text marked in it: link nothing
        return page_html
    return link_terms(page_html, site, vid, sid)
