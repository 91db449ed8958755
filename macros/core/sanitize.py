"""Editors' HTML made safe while their Markdown is converted, by a browser's parser.

Python-Markdown passes raw HTML through as it finds it, and finds it with its own
rules (``html.parser`` and regular expressions), which are not a browser's: a
``<!-->`` or a ``</script x>`` reads one way there and another in Chromium. So the
HTML a conversion makes of content is never trusted as it is. It is parsed again
with ``nh3`` (ammonia on html5ever, the HTML5 parsing algorithm browsers use),
reduced to :data:`TAGS` and :data:`ATTRIBUTES`, and written out anew: the browser
reads exactly what the sanitizer read. No parser differential survives, whatever
the Markdown around it did.

Which HTML is content: every ``docs/`` page whole, and on a generated page what
``engine.render.body.render_body`` put between :data:`START` and :data:`END`. The
markers carry a private-use character that content cannot hold (the loader refuses
it and :func:`mark_content` removes it), so no body can end its own region early.
In the finished page each region is between the plain comments :data:`PAGE_START`
and :data:`PAGE_END`; content keeps no comment, so the page policy
(``website.policy``) can tell content from the site's own HTML there too.

The site's own markup that tree processors put into content (term links,
paragraph pinpoints, their script) is stored after Python-Markdown has read the
text: it is kept out of the sanitizer and put back afterwards.
"""

from __future__ import annotations

import html
import re
import secrets
from typing import Any

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.md_in_html import MarkdownInHTMLPostprocessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

#: What content may be, once converted: what Markdown and the site's extensions write, and the
#: small subset of raw HTML editors may use (engine/checks/html_policy.py lists the subset).
TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
    "abbr", "sup", "sub", "kbd", "mark", "ins", "del", "div", "span", "details", "summary",
})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id"}),
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
#: Markdown's table alignment: the only inline style, by exact value (the CSP allows these by hash).
ALIGNMENTS = frozenset({f"text-align: {side};" for side in ("left", "right", "center")})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Ids and class names content may give: no leading '_' (the theme's own ids, ``__config`` …,
#: start with one: an element of content with such an id would stand in for the theme's).
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.\-]*$")
#: Ids the site's own elements have (the theme's ``md-…``, the site's ``tp-…``): content gives none,
#: or its element would be the one the site's scripts find.
OWN_ID_RE = re.compile(r"^(?:tp|md)-", re.IGNORECASE)


def content_id(value: str) -> bool:
    """Whether content may give an element the id ``value``."""
    return bool(NAME_RE.match(value)) and not OWN_ID_RE.match(value)

_PRIVATE = "\ue001"
START = f"<!-- {_PRIVATE}tp-innehåll -->"
END = f"<!-- /{_PRIVATE}tp-innehåll -->"
PAGE_START, PAGE_END = "<!-- tp-innehåll -->", "<!-- /tp-innehåll -->"
#: Characters no content may hold: C0 and C1 controls (tab and newline aside), the private-use
#: area (the site's own markers), bidirectional overrides, non-characters.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


_ELSEWHERE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|[/\\]{2})")


def loads_from_elsewhere(url: str) -> bool:
    """Whether an image address points off the site (a scheme, or ``//host``): pages fetch nothing from elsewhere."""
    return bool(_ELSEWHERE.match(html.unescape(url).replace("\t", "").replace("\n", "").replace("\r", "")))


def _attribute(element: str, name: str, value: str) -> str | None:
    if element == "img" and name == "src":
        return None if loads_from_elsewhere(value) else value
    if name == "id":
        return value if content_id(value) else None
    if name == "class":
        kept = [c for c in value.split() if NAME_RE.match(c)]
        return " ".join(kept) if kept else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    tag_attribute_values={cell: {"style": set(ALIGNMENTS)} for cell in ("td", "th")},
    attribute_filter=_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def clean(fragment: str) -> str:
    """``fragment`` (HTML made of content) as a browser reads it, reduced to the allowlist."""
    return _CLEANER.clean(fragment)


def without_forbidden(text: str) -> str:
    """``text`` without the characters content may not hold (the loader refuses them with a message;
    this makes the markers safe even where a text did not pass the loader)."""
    return FORBIDDEN_CHARACTERS.sub("", text)


def mark_content(markdown_text: str) -> str:
    """Content Markdown as a region of a generated page: sanitized when the page is converted."""
    return f"\n\n{START}\n\n{without_forbidden(markdown_text).strip(chr(10))}\n\n{END}\n\n"


_REGION = re.compile(re.escape(START) + "|" + re.escape(END))


def sanitize_regions(page: str, whole: bool = False) -> str:
    """The converted page with every content region cleaned (``whole``: the page is all content).

    A region ends at its end marker or, where content swallowed that (a code block never
    closed), at the end of the page: never later than the content could reach.
    """
    if whole:
        return PAGE_START + clean(without_forbidden(page)) + PAGE_END
    if _PRIVATE not in page:
        return page
    out: list[str] = []
    pos, inside = 0, False
    for match in _REGION.finditer(page):
        if match.group(0) == START and not inside:
            out.append(page[pos:match.start()])
            pos, inside = match.end(), True
        elif match.group(0) == END and inside:
            out.append(PAGE_START + clean(page[pos:match.start()]) + PAGE_END)
            pos, inside = match.end(), False
        else:  # a marker out of place (only a stray end marker can be): dropped
            out.append(page[pos:match.start()])
            pos = match.end()
    rest = page[pos:]
    out.append(PAGE_START + clean(rest) + PAGE_END if inside else rest)
    return "".join(out)


class _Boundary(Treeprocessor):
    """Notes how much raw HTML Python-Markdown stored while reading the text (runs right
    after the inline patterns): whatever is stored later, the site's tree processors stored."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.first_own = 0

    def run(self, root: Any) -> None:
        self.first_own = self.md.htmlStash.html_counter


class _RawHtml(MarkdownInHTMLPostprocessor):
    """Python-Markdown's restoring of raw HTML, except that the site's own is left as a token
    the sanitizer cannot touch (a random one per conversion, which content cannot write)."""

    def __init__(self, md: Markdown, boundary: _Boundary) -> None:
        super().__init__(md)
        self.boundary = boundary
        self.own: dict[str, str] = {}

    def run(self, text: str) -> str:
        stash = self.md.htmlStash
        self.own = {}
        if not stash.html_counter:
            return text
        nonce = secrets.token_hex(8)
        base = HTML_PLACEHOLDER % r"([0-9]+)"
        pattern = re.compile(f"<p>{base}</p>|{base}")

        def substitute(m: re.Match[str]) -> str:
            wrapped = m.group(1) is not None
            key = int(m.group(1) or m.group(2))
            if key >= stash.html_counter:
                return m.group(0)
            raw = self.stash_to_string(stash.rawHtmlBlocks[key])
            if wrapped and not self.isblocklevel(raw):
                raw = f"<p>{raw}</p>"
            if key >= self.boundary.first_own:
                token = f"tp{nonce}n{key}n"
                self.own[token] = raw
                return token
            return pattern.sub(substitute, raw)

        return pattern.sub(substitute, text)


class _Sanitize(Postprocessor):
    """Cleans the content regions, then puts the site's own markup back (after every
    other postprocessor: entities are final, none can be made afterwards)."""

    def __init__(self, md: Markdown, raw: _RawHtml, whole: bool) -> None:
        super().__init__(md)
        self.raw, self.whole = raw, whole

    def run(self, text: str) -> str:
        text = sanitize_regions(text, self.whole)
        for token, own in self.raw.own.items():
            text = text.replace(token, own, 1)
        return text


class ContentHtml(Extension):
    """The sanitizer in a conversion. ``whole_page``: the page converted next is content
    from end to end (a ``docs/`` page); otherwise only its marked regions are."""

    def __init__(self) -> None:
        super().__init__()
        self.whole_page = False

    def extendMarkdown(self, md: Markdown) -> None:
        boundary = _Boundary(md)
        md.treeprocessors.register(boundary, "tp_content_boundary", 19.9)  # the inline patterns are 20
        raw = _RawHtml(md, boundary)
        md.postprocessors.register(raw, "raw_html", 30)  # in place of Python-Markdown's own
        md.postprocessors.register(_Sanitize(md, raw, self.whole_page), "tp_sanitize", 5)

    def conversion_key(self) -> str:
        """The same for every build: what it does depends only on the page (kept conversions compare it)."""
        return ""
