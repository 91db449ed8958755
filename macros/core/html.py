"""Start tags of finished HTML taken apart as html.parser does, without running it.

A full ``html.parser`` pass over every page cost a noticeable share of a
build, so the page transforms (the term links, the CSP) find tags with
regular expressions and take apart only the tags they care about, with
html.parser's own grammar for tag names and attributes.
"""

from __future__ import annotations

import re
from html import unescape

#: The inside of a start tag: attribute values may be quoted and hold '>'.
ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
#: A whole start tag (``<p>``, ``<a href="…">``, ``<br/>``); group 1 is the name as written.
START_TAG = re.compile(rf"<([a-zA-Z][^\t\n\r\f />\x00]*){ATTRS}>")
#: Where the raw text of a <script> or <style> element ends (html.parser's own rule).
RAW_TEXT_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}
# html.parser's own attribute grammar (its tagfind_tolerant and attrfind_tolerant).
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
_ATTR = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*")


def attributes(tag: str) -> list[tuple[str, str | None]]:
    """(name, value) of a start tag's attributes, as html.parser reports them."""
    at = _TAG_NAME.match(tag)
    k = at.end() if at else len(tag)
    out: list[tuple[str, str | None]] = []
    while (m := _ATTR.match(tag, k)) and m.end() > k:
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == value[-1:] and value[:1] in ("'", '"'):
            value = value[1:-1]
        out.append((name.lower(), unescape(value) if value else value))
        k = m.end()
    return out
