"""A Content-Security-Policy for every published page, as its first ``<meta>``.

The site is static and fetches nothing from elsewhere, so the policy allows
only the site's own origin. Material's ``base.html`` has inline scripts
(``__md_scope`` …); rather than ``'unsafe-inline'`` each inline ``<script>``
of the final page is allowed by its SHA-256 hash, computed here from the
exact text the browser will hash.

Styles, the strictest setting that still works: ``style-src 'self'`` with no
``'unsafe-inline'``. Material writes no ``<style>`` elements or ``style=``
attributes (its JavaScript sets styles through the CSSOM, ``el.style.x = …``,
which CSP does not restrict), and the content policy
(``macros.checks.html_policy``) forbids them in content. The one exception is
Markdown's own tables, which align columns with ``style="text-align: right;"``:
a page with such attributes gets ``style-src-attr 'unsafe-hashes'`` plus the
hash of each distinct value, so exactly those declarations are allowed and any
other inline style (e.g. one injected later) is still refused. An inline
``<style>`` element, should one appear, is allowed by its hash in the same way.

``img-src`` allows ``data:`` because Material's stylesheet draws its icons as
``data:image/svg+xml`` masks. ``frame-ancestors`` cannot be set from a
``<meta>`` (browsers ignore it there); it belongs in the web server's headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

_HEAD_RE = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_EXISTING_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)


def sha256_source(text: str) -> str:
    """The CSP hash source (``'sha256-…'``) of an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _InlineCollector(HTMLParser):
    """Collects the raw text of inline ``<script>``/``<style>`` and ``style=`` values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value is not None:
                self.style_attrs.append(value)
        if tag in ("script", "style") and not (tag == "script" and any(n == "src" for n, _ in attrs)):
            self._open, self._buffer = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._buffer))
            self._open = None


def inline_sources(html: str) -> tuple[list[str], list[str], list[str]]:
    """Inline script texts, inline style texts and ``style=`` values, in page order."""
    collector = _InlineCollector()
    collector.feed(html)
    collector.close()
    return collector.scripts, collector.styles, collector.style_attrs


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def policy_for(html: str) -> str:
    """The policy string for a page: own origin only, inline code by hash."""
    scripts, styles, style_attrs = inline_sources(html)
    script_src = " ".join(["'self'", *_unique(sha256_source(s) for s in scripts)])
    style_src = " ".join(["'self'", *_unique(sha256_source(s) for s in styles)])
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
    ]
    if style_attrs:
        directives.append("style-src-attr 'unsafe-hashes' " + " ".join(_unique(sha256_source(s) for s in style_attrs)))
    directives += [
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_csp(full_html: str) -> str:
    """``full_html`` with the policy as the first element of ``<head>``.

    An existing policy meta (a second pass) is replaced, so the result is the
    same however often this runs. A document without ``<head>`` is returned
    unchanged: it is not a page.
    """
    html = _EXISTING_RE.sub("", full_html)
    match = _HEAD_RE.search(html)
    if not match:
        return full_html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end() :]
