"""The term linker's fast split of a section's HTML links exactly what an html.parser run links."""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core.load.loader import load_or_raise
from macros.core.page import BODY_END, BODY_START
from macros.website.model import build_site
from macros.website.publish import term_links
from tests.conftest import ROOT

CORPUS = load_or_raise(ROOT)
VID, SID = "2024-2027", "begreppsram"


class _Reference(HTMLParser):
    """html.parser's view of the same text, linked with the linker's own ``_link``."""

    def __init__(self, linker: term_links._Linker) -> None:
        super().__init__(convert_charrefs=True)
        self.linker, self.out = linker, linker.out
        self.stack: list[tuple[str, bool]] = []
        self.raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in term_links._VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = (bool(self.stack) and self.stack[-1][1]) or tag in term_links.SKIP_TAGS \
            or bool(classes & term_links.SKIP_CLASSES)
        self.stack.append((tag, skip))
        if tag in ("script", "style"):
            self.raw = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag == self.raw:
            self.raw = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.raw:
            self.out.append(data)
        elif self.stack and self.stack[-1][1]:
            self.out.append(html_lib.escape(data, quote=False))
        else:
            self.out.append(self.linker._link(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def _linked(body: str, *, reference: bool) -> tuple[str, list[str]]:
    terms = build_site(CORPUS).layers.terms[VID]
    available, matcher = terms.resolved, terms.matcher
    linker = term_links._Linker(CORPUS, VID, SID, available, matcher)
    if reference:
        parser = _Reference(linker)
        parser.feed(body)
        parser.close()
    else:
        linker.run(body)
    return "".join(linker.out), linker.linked


@pytest.mark.parametrize("body", [
    "<p>Lägesbild och trygghet &amp; brott.</p>",
    '<h2 id="x">Lägesbild</h2><p>En <a href="a>b">lägesbild</a>, sedan lägesbild.</p>',
    '<div class="admonition tp-note"><p>lägesbild</p></div><p>Lägesbild</p>',
    '<P CLASS="x">Lägesbild</P><span class=\'headerlink\'>lägesbild</span>',
    '<p>a<br>b<br/>lägesbild<img alt="lägesbild" src=x></p><p/>lägesbild',
    "<!-- lägesbild --><p>&quot;lägesbild&quot; &#8212; &auml;</p>",
    '<script>var s = "<p>lägesbild</p>";</script ><style>p>a{}</style><p>lägesbild</p>',
    "<pre><code>lägesbild</code></pre><p>x</p><em>lägesbild</em>",
    "<ul>\n<li>lägesbild\n</li>\n</ul>\n<table><tr><td>lägesbild</td></tr></table>",
    "<p>text utan begrepp</p><!----><p>&lt;lägesbild&gt;</p>",
])
def test_split_matches_html_parser(body: str) -> None:
    assert _linked(body, reference=False) == _linked(body, reference=True)


@pytest.mark.build
def test_split_matches_html_parser_on_every_built_section(built_site: Path) -> None:
    bodies = 0
    for page in sorted((built_site / "program").glob("*/*/index.html")):
        text = page.read_text(encoding="utf-8")
        start, end = text.find(BODY_START), text.rfind(BODY_END)
        if start < 0:
            continue
        body = text[start + len(BODY_START):end]
        assert _linked(body, reference=False) == _linked(body, reference=True), page
        bodies += 1
    assert bodies == sum(len(v.sections) for v in CORPUS.versions.values())  # every section page
