"""A Content-Security-Policy for every published page, as its first ``<meta>``.

The site is static and fetches nothing from elsewhere, so the policy allows
only the site's own origin. Material's templates emit a few inline scripts
(``__md_scope`` …); the policy names exactly those by their SHA-256 hash, and
the build learns their text from the theme's own templates before any page is
rendered (``macros.adapter.mkdocs_plugin``, ``ScriptAllowance``). It never
hashes what it finds on a page: a policy that lists whatever reached the page
protects nothing. An inline script from content is refused by the page policy
(``macros.website.publish.page_policy``) and, should one slip through, is not
in this list, so the browser does not run it.

Styles: ``style-src 'self'`` with no ``'unsafe-inline'``. The only inline
style on the site is the ``text-align`` Markdown's tables write; those three
declarations are allowed by hash (``style-src-attr 'unsafe-hashes'``), on
every page, and nothing else.

``img-src`` allows ``data:`` because Material's stylesheet draws its icons as
``data:image/svg+xml`` masks. ``frame-ancestors`` cannot be set from a
``<meta>`` (browsers ignore it there); it belongs in the web server's headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable

from macros.core.html import ATTRS, RAW_TEXT_END, START_TAG, attributes
from macros.website.publish.page_policy import ALLOWED_STYLES

_HEAD_RE = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_EXISTING_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)


def sha256_source(text: str) -> str:
    """The CSP hash source (``'sha256-…'``) of an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Every inline script/style and every style= value, found by regular expressions
# instead of a full html.parser run (which took about 15 % of the build), following
# what html.parser does with a page: comments are skipped; a <script> or <style>
# element's raw text runs to its end tag; attribute values may be quoted and hold
# '>'. Only the few start tags with the word "style" in them are taken apart
# (``macros.core.html``).
_COMMENT_OR_RAW = re.compile(rf"<!--.*?--\s*>|<(script|style)(?=[\s/>])({ATTRS})>", re.IGNORECASE | re.DOTALL)


def _styles(attrs: list[tuple[str, str | None]]) -> list[str]:
    return [value for name, value in attrs if name == "style" and value is not None]


def _attribute_name_at(html: str, at: int) -> bool:
    """Whether the five characters at ``at`` can be a whole attribute name (html.parser's grammar):
    after a quote, a slash or white space, and followed by '=', '/', '>' or white space.
    Most "style"s on a page are in "stylesheet" and never start a tag's parsing."""
    before, after = html[at - 1:at], html[at + 5:at + 6]
    return bool(before) and (before in "'\"/" or before.isspace()) and bool(after) and (after in "=/>" or after.isspace())


def inline_sources(html: str) -> tuple[list[str], list[str], list[str]]:
    """Inline script texts, inline style texts and ``style=`` values, in page order."""
    scripts: list[str] = []
    styles: list[str] = []
    style_attrs: list[tuple[int, str]] = []
    skipped: list[tuple[int, int]] = []  # comments and script/style elements, in order
    pos = 0
    while match := _COMMENT_OR_RAW.search(html, pos):
        pos = match.end()
        element = (match.group(1) or "").lower()
        if element:
            tag = match.group(0)
            attrs = attributes(tag)
            style_attrs += [(match.start(), v) for v in _styles(attrs)]
            text = ""  # <script/>: an empty element
            if not tag.endswith("/>"):
                end = RAW_TEXT_END[element].search(html, pos)
                if end is None:  # never closed: html.parser reports no element and nothing after it
                    skipped.append((match.start(), len(html)))
                    break
                text, pos = html[pos:end.start()], end.end()
            if not (element == "script" and any(name == "src" for name, _ in attrs)):
                (scripts if element == "script" else styles).append(text)
        skipped.append((match.start(), pos))
    starts = [a for a, _ in skipped]
    done = 0  # end of the last start tag looked at
    # "style" in any case: bytes.lower() is fast and ASCII-only; one byte per character keeps positions.
    folded = html.encode("ascii", "replace").lower()
    at = folded.find(b"style")
    while at >= 0:
        i = bisect_right(starts, at) - 1
        if at >= done and _attribute_name_at(html, at) and not (i >= 0 and at < skipped[i][1]):
            lt = html.rfind("<", done, at)
            tag = START_TAG.match(html, lt) if lt >= 0 else None
            if tag and tag.end() > at:
                style_attrs += [(lt, v) for v in _styles(attributes(tag.group(0)))]
                done = tag.end()
        at = folded.find(b"style", at + 1)
    style_attrs.sort(key=lambda item: item[0])
    return scripts, styles, [v for _, v in style_attrs]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def policy_for(inline_scripts: Iterable[str]) -> str:
    """The policy string: own origin only, the theme's known inline scripts by hash."""
    script_src = " ".join(["'self'", *sorted({sha256_source(s) for s in inline_scripts})])
    style_attrs = " ".join(sorted(sha256_source(s) for s in ALLOWED_STYLES))
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        f"style-src-attr 'unsafe-hashes' {style_attrs}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_csp(full_html: str, inline_scripts: Iterable[str]) -> str:
    """``full_html`` with the policy as the first element of ``<head>``.

    An existing policy meta (a second pass) is replaced, so the result is the
    same however often this runs. A document without ``<head>`` is returned
    unchanged: it is not a page.
    """
    head = _HEAD_RE.search(full_html)
    if not head:
        return full_html
    # A policy counts only in <head>, so only the head is searched for an old one.
    start = head.end()
    close = full_html.find("</head>", start)
    cut = len(full_html) if close < 0 else close
    html = full_html[:start] + _EXISTING_RE.sub("", full_html[start:cut]) + full_html[cut:]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(inline_scripts)}">'
    return html[:start] + meta + html[start:]
