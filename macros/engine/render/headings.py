"""The anchors a body's headings get on the built page.

Ids follow Python-Markdown's ``toc`` extension (the site's slugify): an
explicit ``{: #id }`` wins, otherwise the heading text is slugified and a
repeated id gets ``_1``, ``_2`` …
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from macros.engine.render.protect import protect

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{:?[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\bid=["'](?P<id>[^"']+)["']""")
_INLINE_MARKUP = re.compile(r"[*_`]|\{\{.*?\}\}")


def heading_ids(body: str) -> dict[str, str]:
    """Anchor id -> readable heading text (or the id itself for HTML ids)."""
    prose, _ = protect(body)
    found: dict[str, str] = {}
    for line in prose.splitlines():
        heading = _ATX.match(line)
        if heading:
            text = heading.group("text")
            explicit = _ATTR_ID.search(text)
            if explicit:
                text = text[: explicit.start()].rstrip()
                found[explicit.group("id")] = _INLINE_MARKUP.sub("", text).strip()
                continue
            text = _INLINE_MARKUP.sub("", text).strip()
            base = slugify(text, "-")
            anchor, n = base, 0
            while anchor in found:
                n += 1
                anchor = f"{base}_{n}"
            found[anchor] = text
        for html_id in _HTML_ID.finditer(line):
            found.setdefault(html_id.group("id"), html_id.group("id"))
    return found
