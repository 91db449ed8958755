"""The HTML policy where the browser sees it: on every finished page the build writes.

The second wall. Content is sanitized while it is converted (``core.sanitize``) and the
site's own HTML comes from autoescaped templates; this check reads each finished page
with lexbor (``selectolax``), an HTML5 parser that builds the tree a browser builds (no
``html.parser``, no regular expressions), so a ``<!-->``, a ``</script x>`` or a stray
``<![CDATA[`` reads here as it reads in Chromium. It allows only

* the elements the theme, Markdown and the site's page makers write: no ``<iframe>``,
  ``<object>``, ``<embed>``, ``<base>``, ``<style>``, ``<template>`` …; ``<meta>`` and
  ``<link>`` only in ``<head>``, and no ``<meta http-equiv>`` (the policy's own is added
  after this check);
* in content (between the sanitizer's ``PAGE_START``/``PAGE_END`` comments) only what
  content may be (``core.sanitize.TAGS``, ids and classes without a leading ``_``), and the
  site's own scripts: no forms, buttons or frames from content;
* a fixed list of attributes, never an event handler (``on*``), ``style`` only as the
  ``text-align`` Markdown's tables write; a form only sends to the site itself, by ``get``;
* URLs that are relative or ``http``, ``https``, ``mailto``, ``tel`` (after undoing
  entities and the whitespace browsers ignore); what a page loads (``src``, a
  stylesheet's ``href``) only from the site itself;
* ``<script src>`` only for the site's own script files, by exact path; inline scripts
  only with exactly the text the theme itself emits for the page (``ScriptAllowance``),
  and JSON data blocks only with the ids the site uses.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from macros.core import sanitize

ELEMENTS = frozenset({
    "html", "head", "body", "title", "meta", "link", "script",
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "main", "mark", "nav", "ol", "option", "p", "path", "pre", "q", "s", "samp", "section", "select",
    "small", "span", "strong", "sub", "summary", "sup", "svg", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "wbr",
})
ATTRIBUTES = frozenset({
    "class", "id", "title", "role", "lang", "dir", "hidden", "tabindex", "alt", "width", "height",
    "colspan", "rowspan", "scope", "headers", "datetime", "open", "name", "value", "type", "for", "checked",
    "selected", "disabled", "required", "placeholder", "autocomplete", "autocapitalize", "autocorrect",
    "spellcheck", "rel", "charset", "content", "viewbox", "xmlns", "d", "start", "reversed",
    "hreflang", "defer", "async", "loading", "label", "style", "target", "data-label",
    "href", "src", "cite", "action", "method",
})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Markdown's table alignment, the only inline style anywhere on the site.
ALLOWED_STYLES = sanitize.ALIGNMENTS
#: JSON data blocks (``<script type="application/json">``): the theme's configuration and the timeline's data.
DATA_BLOCK_IDS = frozenset({"__config", "tp-giltighet"})
#: Only in ``<head>``.
HEAD_ONLY = frozenset({"meta", "link", "title"})
#: ``<link rel>`` values that make the browser fetch the address.
LOADING_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                          "prefetch", "manifest", "mask-icon"})
#: In content: what the sanitizer lets through, and the site's own script (a pinpoint's).
CONTENT_ELEMENTS = sanitize.TAGS | {"script"}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_PAGE_START, _PAGE_END = (marker[4:-3].strip() for marker in (sanitize.PAGE_START, sanitize.PAGE_END))


@dataclass(frozen=True)
class ScriptAllowance:
    """The site's own scripts, known before any page is rendered."""

    #: Site-root-relative paths of the script files (theme bundle, search worker, docs/assets/javascripts).
    files: frozenset[str]
    #: The exact text of every inline script the theme may emit on this page.
    inline: frozenset[str]


@dataclass(frozen=True)
class Violation:
    tag: str  # the element, as a search key in the source
    message: str


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (entities and ignored whitespace undone), or None."""
    plain = _IGNORED_IN_URL.sub("", html.unescape(url))
    match = _SCHEME_RE.match(plain)
    return match.group(1).lower() if match else None


def _leaves_site(url: str) -> bool:
    plain = _IGNORED_IN_URL.sub("", html.unescape(url))
    return url_scheme(url) is not None or plain.startswith(("//", "\\\\", "/\\", "\\/"))


def resolve(src: str, page_path: str, site_path: str = "/") -> str | None:
    """A script's ``src`` as a site-root-relative path, or None when it leaves the site."""
    if _leaves_site(src) or "\\" in src:
        return None
    src = src.split("#", 1)[0].split("?", 1)[0]
    if src.startswith("/"):
        if not src.startswith(site_path):
            return None
        joined = src[len(site_path):]
    else:
        joined = posixpath.join(posixpath.dirname(page_path), src)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal.lstrip("/")


class _Checker:
    def __init__(self, allowance: ScriptAllowance, page_path: str, site_path: str) -> None:
        self.allowance, self.page_path, self.site_path = allowance, page_path, site_path
        self.found: list[Violation] = []

    def bad(self, tag: str, message: str) -> None:
        self.found.append(Violation(tag, message))

    def walk(self, root: LexborNode) -> None:
        in_content = False
        for node in root.traverse(include_text=False):
            tag = node.tag or ""
            if node.is_comment_node:
                text = (node.comment_content or "").strip()
                if text == _PAGE_START:
                    in_content = True
                elif text == _PAGE_END:
                    in_content = False
                continue
            if not tag or tag.startswith(("-", "#", "!", "_")):
                continue  # the document, the doctype
            self.element(node, tag, in_content)

    def element(self, node: LexborNode, tag: str, in_content: bool) -> None:
        if tag not in ELEMENTS:
            self.bad(tag, f"elementet <{tag}> är inte tillåtet på en publicerad sida.")
            return
        if in_content and tag not in CONTENT_ELEMENTS:
            self.bad(tag, f"elementet <{tag}> är inte tillåtet i innehållet (bara webbplatsens egna sidor har det).")
            return
        if tag in HEAD_ONLY and not _in_head(node):
            self.bad(tag, f"elementet <{tag}> hör bara hemma i sidans <head>.")
            return
        attrs = node.attributes
        for name, value in attrs.items():
            self.attribute(tag, name.lower(), value or "", attrs, in_content)
        if tag == "script":
            self.script(node, attrs)

    def attribute(self, tag: str, name: str, value: str, attrs: dict[str, str | None], in_content: bool) -> None:
        if name.startswith("on"):
            self.bad(tag, f"attributet '{name}' på <{tag}> kör JavaScript och är inte tillåtet.")
        elif name not in ATTRIBUTES and not name.startswith(("aria-", "data-md-", "data-tp-", "data-search-")):
            self.bad(tag, f"attributet '{name}' på <{tag}> är inte tillåtet.")
        elif name == "method" and value.strip().lower() != "get":
            self.bad(tag, f"<{tag} method=\"{value}\"> är inte tillåtet: webbplatsens formulär skickar inget.")
        elif name == "style" and value.strip() not in ALLOWED_STYLES:
            self.bad(tag, f"attributet style=\"{value}\" på <{tag}> är inte tillåtet.")
        elif in_content and ((name == "class" and not all(sanitize.NAME_RE.match(v) for v in value.split()))
                             or (name == "id" and not sanitize.content_id(value) and not _term_tip(attrs))):
            self.bad(tag, f"{name}=\"{value}\" på <{tag}> är inte tillåtet i innehållet.")
        elif name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme is not None and scheme not in SAFE_SCHEMES:
                self.bad(tag, f"adressen i {name}= på <{tag}> använder '{scheme}:', som inte är tillåtet.")
            elif _loads(tag, name, attrs) and _leaves_site(value):
                self.bad(tag, f"<{tag}> hämtar '{value}' från en annan webbplats; sidorna hämtar bara från webbplatsen själv.")

    def script(self, node: LexborNode, attrs: dict[str, str | None]) -> None:
        text = node.text(deep=True)
        src = attrs.get("src")
        kind = (attrs.get("type") or "").strip().lower()
        if src is not None:
            path = resolve(src, self.page_path, self.site_path)
            if text.strip() or path not in self.allowance.files:
                self.bad("script", f"skriptet '{src}' är inte ett av webbplatsens egna skript.")
        elif kind == "application/json":
            if attrs.get("id") not in DATA_BLOCK_IDS:
                self.bad("script", "ett datablock <script type=\"application/json\"> som webbplatsen inte skapar.")
        elif kind not in _EXECUTABLE_TYPES or text not in self.allowance.inline:
            self.bad("script", "ett inbäddat skript som inte kommer från webbplatsens tema.")


def _term_tip(attrs: dict[str, str | None]) -> bool:
    """A term link's tooltip, which the site puts into a section's text (``publish.term_links``)."""
    return (attrs.get("class") == "tp-term-tip" and attrs.get("role") == "tooltip"
            and (attrs.get("id") or "").startswith("tp-begrepp-"))


def _in_head(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "head":
            return True
        parent = parent.parent
    return False


def _loads(tag: str, name: str, attrs: dict[str, str | None]) -> bool:
    """Whether the attribute makes the browser fetch its address as the page loads."""
    if name in ("src", "action"):  # fetched, or where a form sends what it holds
        return True
    rels = set((attrs.get("rel") or "").lower().split())
    return tag == "link" and name == "href" and bool(rels & LOADING_RELS)


def check_page(page_html: str, allowance: ScriptAllowance, page_path: str, site_path: str = "/") -> list[Violation]:
    """Everything on a finished page outside the policy (``page_path``: the output file, site-relative)."""
    checker = _Checker(allowance, page_path, site_path)
    root = LexborHTMLParser(page_html).root
    if root is not None:
        checker.walk(root)
    return checker.found


def inline_scripts(fragment: str) -> list[str]:
    """The texts of the executable inline scripts in an HTML fragment (the theme's own, rendered)."""
    found: list[str] = []
    for node in LexborHTMLParser(fragment).css("script"):
        attrs = node.attributes
        if "src" not in attrs and (attrs.get("type") or "").strip().lower() in _EXECUTABLE_TYPES:
            found.append(node.text(deep=True))
    return found


def source_line(source: str, tag: str) -> int | None:
    """The first line of ``source`` that mentions the element ``tag`` (``<tag``), 1-based, or None."""
    # Only to name a line in the message about a violation the parser found: the source is a template or
    # Markdown, which no HTML parser reads with its lines.
    match = re.search(r"<\s*" + re.escape(tag) + r"(?![A-Za-z0-9-])", source, re.IGNORECASE)
    return source.count("\n", 0, match.start()) + 1 if match else None
