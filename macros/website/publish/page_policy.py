"""The HTML policy where the browser sees it: on every finished page the build writes.

The source scan (``macros.engine.checks.html_policy``) is an early, friendly
warning with its own idea of what is code; Python-Markdown and Jinja may
disagree with it. This check is the boundary: it parses the rendered page with
``html.parser`` (the stdlib's HTML tokenizer, no regular expressions) and
allows only

* the elements the theme, Markdown and the site's page makers write
  (no ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<style>``,
  ``<math>``, ``<template>`` …);
* a fixed list of attributes, never an event handler (``on*``), ``style``
  only as the ``text-align`` Markdown's tables write;
* URLs that are relative or ``http``, ``https``, ``mailto``, ``tel``
  (after undoing entities and the whitespace browsers ignore);
* ``<script src>`` only for the site's own script files, by exact path;
* inline scripts only with exactly the text the theme itself emits for the
  page (rendered from the theme's templates at build time, ``ScriptAllowance``),
  and JSON data blocks (not executable) only with the ids the site uses.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser

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
    "spellcheck", "rel", "charset", "content", "http-equiv", "viewbox", "xmlns", "d", "start", "reversed",
    "method", "hreflang", "defer", "async", "loading", "label", "style", "target", "data-label",
    "href", "src", "action", "cite",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Markdown's table alignment, the only inline style anywhere on the site.
ALLOWED_STYLES = frozenset({f"text-align: {side};" for side in ("left", "right", "center")})
#: JSON data blocks (``<script type="application/json">``): the theme's configuration and the timeline's data.
DATA_BLOCK_IDS = frozenset({"__config", "tp-giltighet"})
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


@dataclass(frozen=True)
class ScriptAllowance:
    """The site's own scripts, known before any page is rendered."""

    #: Site-root-relative paths of the script files (theme bundle, search worker, docs/assets/javascripts).
    files: frozenset[str]
    #: The exact text of every inline script the theme may emit on this page.
    inline: frozenset[str]


@dataclass(frozen=True)
class Violation:
    line: int  # line in the rendered page
    tag: str  # the element, as a search key in the source
    message: str


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (entities and ignored whitespace undone), or None."""
    plain = _IGNORED_IN_URL.sub("", html.unescape(url))
    match = _SCHEME_RE.match(plain)
    return match.group(1).lower() if match else None


def resolve(src: str, page_path: str, site_path: str = "/") -> str | None:
    """A script's ``src`` as a site-root-relative path, or None when it leaves the site."""
    if url_scheme(src) is not None or src.startswith("//") or "\\" in src:
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


class _Checker(HTMLParser):
    def __init__(self, allowance: ScriptAllowance, page_path: str, site_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.allowance, self.page_path, self.site_path = allowance, page_path, site_path
        self.found: list[Violation] = []
        self._script: tuple[int, dict[str, str | None]] | None = None
        self._script_text: list[str] = []

    def _bad(self, tag: str, message: str) -> None:
        self.found.append(Violation(self.getpos()[0], tag, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag == "script":
            self.handle_endtag("script")

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self._bad(tag, f"elementet <{tag}> är inte tillåtet på en publicerad sida.")
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag == "script":
            self._script = (self.getpos()[0], dict(attrs))
            self._script_text = []

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._bad(tag, f"attributet '{name}' på <{tag}> kör JavaScript och är inte tillåtet.")
        elif name not in ATTRIBUTES and not name.startswith(("aria-", "data-md-", "data-tp-", "data-search-")):
            self._bad(tag, f"attributet '{name}' på <{tag}> är inte tillåtet.")
        elif name == "style" and value.strip() not in ALLOWED_STYLES:
            self._bad(tag, f"attributet style=\"{value}\" på <{tag}> är inte tillåtet.")
        elif name == "http-equiv" and value.lower() != "content-security-policy":
            self._bad(tag, f"<meta http-equiv=\"{value}\"> är inte tillåtet.")
        elif name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme is not None and scheme not in SAFE_SCHEMES:
                self._bad(tag, f"adressen i {name}= på <{tag}> använder '{scheme}:', som inte är tillåtet.")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        line, attrs = self._script
        self._script = None
        text = "".join(self._script_text)
        src = attrs.get("src")
        kind = (attrs.get("type") or "").strip().lower()
        if src is not None:
            path = resolve(src, self.page_path, self.site_path)
            if text.strip() or path not in self.allowance.files:
                self.found.append(Violation(line, "script", f"skriptet '{src}' är inte ett av webbplatsens egna skript."))
        elif kind == "application/json":
            if attrs.get("id") not in DATA_BLOCK_IDS:
                self.found.append(Violation(line, "script", "ett datablock <script type=\"application/json\"> "
                                                            "som webbplatsen inte skapar."))
        elif kind not in _EXECUTABLE_TYPES or text not in self.allowance.inline:
            self.found.append(Violation(line, "script", "ett inbäddat skript som inte kommer från webbplatsens tema."))

    def close(self) -> None:
        super().close()
        if self._script is not None:  # never closed: a browser runs it to the end of the page
            self.handle_endtag("script")


def check_page(page_html: str, allowance: ScriptAllowance, page_path: str, site_path: str = "/") -> list[Violation]:
    """Everything on a finished page outside the policy (``page_path``: the output file, site-relative)."""
    checker = _Checker(allowance, page_path, site_path)
    checker.feed(page_html)
    checker.close()
    return checker.found


def inline_scripts(fragment: str) -> list[str]:
    """The texts of the executable inline scripts in an HTML fragment (the theme's own, rendered)."""
    found: list[str] = []

    class _Collect(HTMLParser):
        current: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            kind = (dict(attrs).get("type") or "").lower()
            if tag == "script" and "src" not in dict(attrs) and kind in _EXECUTABLE_TYPES:
                self.current = []

        def handle_data(self, data: str) -> None:
            if self.current is not None:
                self.current.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag == "script" and self.current is not None:
                found.append("".join(self.current))
                self.current = None

    collect = _Collect(convert_charrefs=True)
    collect.feed(fragment)
    collect.close()
    return found


def source_line(source: str, tag: str) -> int | None:
    """The first line of ``source`` that mentions the element ``tag`` (``<tag``), 1-based, or None."""
    match = re.search(r"<\s*" + re.escape(tag) + r"(?![A-Za-z0-9-])", source, re.IGNORECASE)
    return source.count("\n", 0, match.start()) + 1 if match else None
